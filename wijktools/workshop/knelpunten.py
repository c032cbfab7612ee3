"""The session's knelpunten: raised in the room or taken over from drafts, reworded, merged, dropped."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from wijktools.errors import ValidationError
from wijktools.knelpunt import SOURCES, Knelpunt, source_name
from wijktools.store import connection as store
from wijktools.store.sessions import get_session

ORIGINS = SOURCES
# Titles go on slides and in tables; the import reader uses the same limit.
MAX_TITLE = 200
MAX_DESCRIPTION = 2000


def _origin(value: str | None, default: str) -> str:
    """Drafts name their origin loosely; the store keeps one spelling."""
    return source_name(value, default)


def add_knelpunt(
    conn: sqlite3.Connection,
    session_id: int,
    title: str,
    description: str = "",
    *,
    origin: str = "zaal",
    rule: str | None = None,
    value: str | None = None,
    source: str | None = None,
    year: int | None = None,
    draft_key: str | None = None,
) -> int:
    """A knelpunt raised in the room (or from data) is stored at once, text exactly as typed."""
    if not title or not title.strip():
        raise ValidationError("Geef het knelpunt een titel.")
    if len(title) > MAX_TITLE:
        raise ValidationError(
            f"De titel van het knelpunt is te lang ({len(title)} tekens, maximaal {MAX_TITLE}); "
            "zet de uitleg in de toelichting."
        )
    if len(description or "") > MAX_DESCRIPTION:
        raise ValidationError(
            f"De toelichting is te lang ({len(description)} tekens, maximaal {MAX_DESCRIPTION})."
        )
    store.get(conn, "sessions", session_id)  # a clear StoreError for an unknown session
    position = conn.execute(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM knelpunten WHERE session_id = ?", (session_id,)
    ).fetchone()[0]
    return store.insert(
        conn,
        "knelpunten",
        {
            "session_id": session_id,
            "title": title,
            "description": description or "",
            "origin": _origin(origin, "zaal"),
            "rule": rule,
            "value": None if value is None else str(value),
            "source": source,
            "year": year,
            "draft_key": draft_key,
            "position": position,
        },
    )


def add_drafts(
    conn: sqlite3.Connection,
    session_id: int,
    drafts: Iterable[Mapping[str, Any]],
    origin: str = "wijkprofiel",
) -> list[int]:
    """Profile/survey drafts ({titel, toelichting, bron, regel, waarde}); a title already there is kept once."""
    existing = {k["title"].casefold(): k["id"] for k in knelpunten(conn, session_id)}
    ids = []
    with store.transaction(conn):
        for draft in drafts:
            title = str(draft.get("titel") or "")
            if title.casefold() in existing:
                ids.append(existing[title.casefold()])
                continue
            new_id = add_knelpunt(
                conn,
                session_id,
                title,
                str(draft.get("toelichting") or ""),
                origin=_origin(draft.get("bron"), origin),
                rule=draft.get("regel"),
                value=draft.get("waarde"),
                source=None if draft.get("bron") is None else str(draft.get("bron")),
            )
            existing[title.casefold()] = new_id
            ids.append(new_id)
    return ids


def _rule_text(k: Knelpunt) -> str | None:
    """Rule and threshold in one line, as the room reads them."""
    parts = [p for p in (k.regel, f"drempel: {k.drempel}" if k.drempel else "") if p]
    return "; ".join(parts) or None


def take_over(
    conn: sqlite3.Connection, session_id: int, drafts: Iterable[Knelpunt]
) -> dict[str, int]:
    """(Re)take draft knelpunten in one transaction; one edited or dropped stays as the adviser left it.

    A draft is known by its rule key (not its editable title), also after it was reworded, merged or
    dropped; a knelpunt with the same title already in the session is not added a second time.
    """
    get_session(conn, session_id)  # a Dutch message for an unknown session
    rows = store.rows(conn, "knelpunten", {"session_id": session_id}, include_deleted=True)
    keys = {r["draft_key"] for r in rows if r.get("draft_key")}
    titles = {title_key(r["title"]) for r in rows}
    added = kept = 0
    with store.transaction(conn):
        for k in drafts:
            title = k.titel.strip()
            if not title:
                continue
            if k.draft_key in keys or title_key(title) in titles:
                kept += 1
                continue
            add_knelpunt(
                conn,
                session_id,
                title,
                k.tekst,
                origin=k.herkomst,
                rule=_rule_text(k),
                value=None if k.waarde is None else str(k.waarde),
                source=k.bron or None,
                year=None if k.jaar is None else int(k.jaar),
                draft_key=k.draft_key,
            )
            keys.add(k.draft_key)
            titles.add(title_key(title))
            added += 1
    return {"nieuw": added, "al_aanwezig": kept}


def knelpunten(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """The live list in the order it was raised (merged and dropped ones are hidden)."""
    return store.rows(conn, "knelpunten", {"session_id": session_id}, order_by="position")


def title_key(title: str) -> str:
    """Titles typed again on paper differ in case, spaces and a closing full stop, not in words."""
    return " ".join(str(title).replace("\u00a0", " ").split()).rstrip(".").casefold()


def ids_by_title(conn: sqlite3.Connection, session_id: int) -> dict[str, int]:
    """Title key -> the knelpunt that carries its votes, for every title an import may name.

    Live knelpunten by their own title; a merged one's title leads to the knelpunt it was merged
    into (a live title wins). Read once, so a large import stays linear.
    """
    live = knelpunten(conn, session_id)
    found: dict[str, int] = {}
    for row in store.rows(conn, "knelpunten", {"session_id": session_id}, include_deleted=True):
        if row.get("merged_into"):
            found.setdefault(title_key(row["title"]), resolve(conn, row["id"]))
    found.update({title_key(row["title"]): row["id"] for row in reversed(live)})
    return found


def find_knelpunt(conn: sqlite3.Connection, session_id: int, title: str) -> dict[str, Any] | None:
    """Imports refer to knelpunten by title; a merged one leads to the knelpunt that kept its votes."""
    found = ids_by_title(conn, session_id).get(title_key(title))
    live = {row["id"]: row for row in knelpunten(conn, session_id)}
    return None if found is None else live.get(found)


def knelpunten_matching(
    conn: sqlite3.Connection, session_id: int, text: str
) -> list[dict[str, Any]]:
    """What a user typed after reading the list: the exact title, else every title containing it.

    `--knelpunt Eenzaam` names 'Eenzaam: ongunstige trend' when that is the only one; a part that
    fits several gives them all, so the caller can ask which one is meant.
    """
    exact = find_knelpunt(conn, session_id, text)
    if exact is not None:
        return [exact]
    part = title_key(text)
    if not part:
        return []
    return [row for row in knelpunten(conn, session_id) if part in title_key(row["title"])]


def edit_knelpunt(conn: sqlite3.Connection, knelpunt_id: int, **values: Any) -> None:
    """Rewording in the room; the earlier wording stays in history."""
    allowed = {"title", "description", "rule", "value", "position"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"cannot edit {sorted(unknown)}")
    if "title" in values and not str(values["title"] or "").strip():
        raise ValidationError("Een knelpunt zonder titel kan niet worden opgeslagen.")
    store.update(conn, "knelpunten", knelpunt_id, values)


def drop_knelpunt(conn: sqlite3.Connection, knelpunt_id: int) -> None:
    """Dropped, not destroyed: `store.restore` brings it back with its votes."""
    store.soft_delete(conn, "knelpunten", knelpunt_id)


def merge_knelpunten(conn: sqlite3.Connection, keep_id: int, other_ids: Iterable[int]) -> None:
    """Two wordings of one problem become one; their votes count for the kept one."""
    keep = store.get(conn, "knelpunten", keep_id)
    with store.transaction(conn):
        for other in other_ids:
            row = store.get(conn, "knelpunten", other)
            if other == keep_id or row["session_id"] != keep["session_id"]:
                raise ValidationError(
                    "Samenvoegen kan alleen met andere knelpunten uit dezelfde sessie."
                )
            store.update(conn, "knelpunten", other, {"merged_into": keep_id})
            store.soft_delete(conn, "knelpunten", other)


def resolve(conn: sqlite3.Connection, knelpunt_id: int) -> int:
    """Follow merges to the knelpunt that now carries the votes."""
    seen = set()
    while knelpunt_id not in seen:
        seen.add(knelpunt_id)
        target = conn.execute(
            "SELECT merged_into FROM knelpunten WHERE id = ?", (knelpunt_id,)
        ).fetchone()
        if target is None or target[0] is None:
            return knelpunt_id
        knelpunt_id = int(target[0])
    return knelpunt_id
