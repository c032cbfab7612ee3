"""Relations between ketenpartners (the netwerkkaart's edges): kind, intensity, direction, quality."""

from __future__ import annotations

import sqlite3
from typing import Any

from wijktools.errors import ValidationError
from wijktools.network import quality, vocab
from wijktools.network.rules import clean_text
from wijktools.store import connection as store
from wijktools.store.sessions import get_session


def _live_partner(conn: sqlite3.Connection, session_id: int, partner_id: int) -> dict[str, Any]:
    row = conn.execute(
        "SELECT * FROM ketenpartners WHERE id = ? AND session_id = ? AND deleted_at IS NULL",
        (int(partner_id), int(session_id)),
    ).fetchone()
    if row is None:
        raise ValidationError(
            f"Ketenpartner {partner_id} staat niet (meer) op de sociale kaart van deze sessie."
        )
    return dict(row)


def _clean(
    conn: sqlite3.Connection,
    session_id: int,
    from_id: int,
    to_id: int,
    kind: str,
    intensity: object,
    directed: bool | None,
    remarks: str | None,
    vertrouwen: object = None,
    meerwaarde: object = None,
) -> dict[str, Any]:
    """Validate one relation; direction defaults to the kind (verwijzen has one)."""
    _live_partner(conn, session_id, from_id)
    _live_partner(conn, session_id, to_id)
    if int(from_id) == int(to_id):
        raise ValidationError("Een relatie verbindt twee verschillende ketenpartners.")
    canonical_kind = vocab.relation_kind(kind)
    return {
        "from_partner_id": int(from_id),
        "to_partner_id": int(to_id),
        "kind": canonical_kind,
        "intensity": vocab.intensity(intensity),
        "directed": int(canonical_kind in vocab.DIRECTED_KINDS if directed is None else directed),
        "remarks": clean_text(remarks) or None,
        "vertrouwen": quality.score(vertrouwen, "vertrouwen"),
        "meerwaarde": quality.score(meerwaarde, "meerwaarde"),
    }


def find_relation(
    conn: sqlite3.Connection, session_id: int, from_id: int, to_id: int, kind: str
) -> dict[str, Any] | None:
    """The live relation of this kind between two partners (either way round when mutual)."""
    kind = vocab.relation_kind(kind)
    for row in relations(conn, session_id):
        if row["kind"] != kind:
            continue
        same = (row["from_partner_id"], row["to_partner_id"]) == (from_id, to_id)
        mirrored = (row["from_partner_id"], row["to_partner_id"]) == (to_id, from_id)
        if same or (mirrored and not row["directed"]):
            return row
    return None


def add_relation(
    conn: sqlite3.Connection,
    session_id: int,
    from_id: int,
    to_id: int,
    kind: str,
    intensity: object = 1,
    *,
    directed: bool | None = None,
    remarks: str | None = None,
    vertrouwen: object = None,
    meerwaarde: object = None,
) -> int:
    """Store a new relation, committed at once; a duplicate gets a message instead of a copy.

    `vertrouwen` and `meerwaarde` are optional scores 1-4 (see `quality`); None = not scored.
    """
    get_session(conn, session_id)
    values = _clean(
        conn, session_id, from_id, to_id, kind, intensity, directed, remarks, vertrouwen, meerwaarde
    )
    if find_relation(conn, session_id, values["from_partner_id"], values["to_partner_id"], kind):
        raise ValidationError("Deze relatie staat er al; pas de bestaande aan.")
    return store.insert(conn, "relations", {"session_id": int(session_id), **values})


def update_relation(conn: sqlite3.Connection, relation_id: int, **changes: Any) -> None:
    """Edit kind, intensity, direction, remarks or scores; history keeps the earlier version."""
    current = store.get(conn, "relations", relation_id)
    merged = {
        "from_id": current["from_partner_id"],
        "to_id": current["to_partner_id"],
        "kind": current["kind"],
        "intensity": current["intensity"],
        "directed": bool(current["directed"]),
        "remarks": current["remarks"],
        "vertrouwen": current["vertrouwen"],
        "meerwaarde": current["meerwaarde"],
    }
    if "kind" in changes and "directed" not in changes:
        merged["directed"] = None
    merged.update(changes)
    values = _clean(conn, current["session_id"], **merged)
    store.update(conn, "relations", relation_id, values)


def delete_relation(conn: sqlite3.Connection, relation_id: int) -> None:
    """Soft delete; `restore_relation` undoes it."""
    store.soft_delete(conn, "relations", relation_id)


def restore_relation(conn: sqlite3.Connection, relation_id: int) -> None:
    """Undo a delete."""
    store.restore(conn, "relations", relation_id)


def relations(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """Live relations whose two partners are live, with organisation names as 'van'/'naar'."""
    sql = """
        SELECT r.*, a.organisatie AS van, b.organisatie AS naar
        FROM relations r
        JOIN ketenpartners a ON a.id = r.from_partner_id AND a.deleted_at IS NULL
        JOIN ketenpartners b ON b.id = r.to_partner_id AND b.deleted_at IS NULL
        WHERE r.session_id = ? AND r.deleted_at IS NULL
        ORDER BY a.organisatie COLLATE NOCASE, b.organisatie COLLATE NOCASE, r.kind
    """
    return [dict(r) for r in conn.execute(sql, (int(session_id),))]
