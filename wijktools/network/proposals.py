"""Partners propose changes to their own entry; the adviser accepts or rejects each field.

A phone never changes the sociale kaart: it stores a proposal (validated and normalised with the
same rules as the form and import). Accepting a field writes it with `update_partner` (so the old
version stays in history) and sets 'laatst gecontroleerd'; a confirmation without changes only sets
that date. A new organisation is added as a whole when the adviser accepts it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
from dataclasses import dataclass
from typing import Any

from wijktools.errors import AlreadyProposedError, DeviceBoundError, ValidationError
from wijktools.store import connection as store

# The package re-exports a function named `partners`, so take the module from sys.modules.
kp = importlib.import_module("wijktools.network.partners")

# What a partner may propose for its own entry, in the order of the phone form.
EDITABLE = (
    "werkdagen",
    "opnamestop",
    "expertise",
    "voorkeur_contact",
    "contactpersoon",
    "telefoon",
    "email",
    "adres",
    "postcode",
    "website",
)
NEW_REQUIRED = ("organisatie", "discipline")
LABELS = {**kp.FIELD_LABELS, "opnamestop": "Opnamestop"}
NEW_PREFIX = "nieuw:"


def partner_key(partner_id: int | None, name: str = "") -> str:
    """The organisation a device is bound to: an id, or a newcomer's name."""
    if partner_id is not None:
        return str(int(partner_id))
    return NEW_PREFIX + " ".join(name.split()).casefold()


def bind_device(conn: sqlite3.Connection, session_id: int, key: str, device_hash: str) -> None:
    """One device per organisation and one organisation per device; refused with a Dutch reason."""
    with store.transaction(conn):
        mine = conn.execute(
            "SELECT partner_key FROM partner_devices WHERE session_id = ? AND device_hash = ? "
            "AND deleted_at IS NULL",
            (session_id, device_hash),
        ).fetchone()
        if mine is not None:
            if mine[0] != key:
                raise DeviceBoundError(
                    "Dit apparaat hoort al bij een andere organisatie. Elk apparaat werkt één "
                    "organisatie bij; gebruik een ander apparaat of vraag de gespreksleider."
                )
            return
        taken = conn.execute(
            "SELECT 1 FROM partner_devices WHERE session_id = ? AND partner_key = ? "
            "AND deleted_at IS NULL",
            (session_id, key),
        ).fetchone()
        if taken is not None:
            raise DeviceBoundError(
                "Deze organisatie wordt al vanaf een ander apparaat bijgewerkt. Vraag de "
                "gespreksleider als dat niet klopt."
            )
        store.insert(
            conn,
            "partner_devices",
            {"session_id": session_id, "partner_key": key, "device_hash": device_hash},
        )


def device_partner(conn: sqlite3.Connection, session_id: int, device_hash: str) -> str | None:
    """The organisation key this device is bound to, if any."""
    row = conn.execute(
        "SELECT partner_key FROM partner_devices WHERE session_id = ? AND device_hash = ? "
        "AND deleted_at IS NULL",
        (session_id, device_hash),
    ).fetchone()
    return row[0] if row else None


def public_list(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """What every phone may see: organisation names and disciplines, no contact details."""
    return [
        {"id": p["id"], "organisatie": p["organisatie"], "discipline": p["discipline"]}
        for p in kp.partners(conn, session_id)
    ]


def own_entry(conn: sqlite3.Connection, session_id: int, partner_id: int) -> dict[str, str]:
    """One partner's entry as the sociale kaart holds it (form field -> text)."""
    row = kp.partners_by_id(conn, partner_id)
    if row["session_id"] != session_id or row["deleted_at"]:
        raise ValidationError("Deze organisatie staat niet (meer) op de sociale kaart.")
    return {k: kp.field_text(k, v) for k, v in kp.Ketenpartner.from_row(row).model_dump().items()}


def has_proposed(conn: sqlite3.Connection, session_id: int, key: str, device_hash: str) -> bool:
    """Whether this device already sent a proposal for this organisation."""
    row = conn.execute(
        "SELECT 1 FROM partner_proposals WHERE session_id = ? AND device_hash = ? "
        "AND deleted_at IS NULL AND (CAST(partner_id AS TEXT) = ? OR "
        "(partner_id IS NULL AND ? = 'nieuw:' || lower(organisatie)))",
        (session_id, device_hash, key, key),
    ).fetchone()
    return row is not None


def _clean(values: dict[str, str], allowed: tuple[str, ...]) -> dict[str, str]:
    """Only known fields, as text; anything else in the form is refused."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationError(f"Onbekend veld '{sorted(unknown)[0][:40]}' in het formulier.")
    return {k: (v or "").strip() for k, v in values.items()}


def propose_change(
    conn: sqlite3.Connection,
    session_id: int,
    partner_id: int,
    values: dict[str, str],
    device_hash: str,
) -> int:
    """Store a confirmation (no field differs) or the changed fields; the entry itself stays as is."""
    values = _clean(values, EDITABLE)
    current = own_entry(conn, session_id, partner_id)
    record = kp.validate({**current, **values}, conn, session_id)  # RecordInvalid, in Dutch
    proposed = record.model_dump()
    changed = {f: proposed[f] for f in EDITABLE if f in values and proposed[f] != current[f]}
    key = partner_key(partner_id)
    with store.transaction(conn):
        bind_device(conn, session_id, key, device_hash)
        if has_proposed(conn, session_id, key, device_hash):
            raise AlreadyProposedError(
                "Vanaf dit apparaat is voor deze organisatie al een reactie gestuurd. De "
                "gespreksleider bekijkt die; een tweede reactie is niet nodig."
            )
        proposal = store.insert(
            conn,
            "partner_proposals",
            {
                "session_id": session_id,
                "partner_id": partner_id,
                "organisatie": current["organisatie"],
                "kind": "wijziging" if changed else "bevestigd",
                "device_hash": device_hash,
            },
        )
        for name, value in changed.items():
            store.insert(
                conn,
                "partner_proposal_fields",
                {
                    "proposal_id": proposal,
                    "field": name,
                    "old_value": current[name],
                    "new_value": value,
                },
            )
    return proposal


def propose_new(
    conn: sqlite3.Connection, session_id: int, values: dict[str, str], device_hash: str
) -> int:
    """A new organisation proposes itself; it reaches the sociale kaart only when accepted."""
    values = _clean(values, NEW_REQUIRED + EDITABLE)
    record = kp.validate(values, conn, session_id)
    if kp.find_partner(conn, session_id, record.organisatie):
        raise ValidationError(
            f"'{record.organisatie}' staat al op de sociale kaart; kies de organisatie in de lijst."
        )
    key = partner_key(None, record.organisatie)
    data = record.model_dump()
    with store.transaction(conn):
        bind_device(conn, session_id, key, device_hash)
        if has_proposed(conn, session_id, key, device_hash):
            raise AlreadyProposedError("Vanaf dit apparaat is deze organisatie al aangemeld.")
        proposal = store.insert(
            conn,
            "partner_proposals",
            {
                "session_id": session_id,
                "partner_id": None,
                "organisatie": record.organisatie,
                "kind": "nieuw",
                "device_hash": device_hash,
            },
        )
        for name in NEW_REQUIRED + EDITABLE:
            if data[name] and not (name == "opnamestop" and data[name] == "nee"):
                store.insert(
                    conn,
                    "partner_proposal_fields",
                    {"proposal_id": proposal, "field": name, "new_value": data[name]},
                )
    return proposal


@dataclass(frozen=True)
class FieldProposal:
    """One proposed value, for the moderation list."""

    id: int
    field: str
    label: str
    old_value: str
    new_value: str
    status: str


@dataclass(frozen=True)
class Proposal:
    """A partner's reaction with its fields."""

    id: int
    partner_id: int | None
    organisatie: str
    kind: str
    status: str
    created_at: str
    fields: list[FieldProposal]


def proposals(
    conn: sqlite3.Connection, session_id: int, *, open_only: bool = False
) -> list[Proposal]:
    """Every reaction of a session, newest first (open ones first when asked)."""
    out = []
    for p in store.rows(conn, "partner_proposals", {"session_id": session_id}):
        if open_only and p["status"] != "open":
            continue
        fields = [
            FieldProposal(
                f["id"],
                f["field"],
                LABELS.get(f["field"], f["field"]),
                f["old_value"] or "",
                f["new_value"],
                f["status"],
            )
            for f in store.rows(conn, "partner_proposal_fields", {"proposal_id": p["id"]})
        ]
        out.append(
            Proposal(
                p["id"],
                p["partner_id"],
                p["organisatie"],
                p["kind"],
                p["status"],
                p["created_at"],
                fields,
            )
        )
    return sorted(out, key=lambda p: (p.status != "open", p.created_at), reverse=False)


def _proposal(conn: sqlite3.Connection, session_id: int, proposal_id: int) -> dict[str, Any]:
    row = store.get(conn, "partner_proposals", proposal_id)
    if row["session_id"] != session_id or row["deleted_at"]:
        raise ValidationError("Dit voorstel hoort niet bij deze werksessie.")
    return row


def _close_if_done(conn: sqlite3.Connection, proposal_id: int) -> None:
    """A proposal is afgehandeld once none of its fields is open."""
    left = conn.execute(
        "SELECT COUNT(*) FROM partner_proposal_fields WHERE proposal_id = ? AND status = 'open' "
        "AND deleted_at IS NULL",
        (proposal_id,),
    ).fetchone()[0]
    if not left:
        store.update(conn, "partner_proposals", proposal_id, {"status": "afgehandeld"})


def decide_field(
    conn: sqlite3.Connection,
    session_id: int,
    field_id: int,
    accept: bool,
    today: dt.date | None = None,
) -> None:
    """Accept (write it, with history, and set laatst gecontroleerd) or reject one proposed field."""
    today = today or dt.date.today()
    with store.transaction(conn):
        item = store.get(conn, "partner_proposal_fields", field_id)
        proposal = _proposal(conn, session_id, item["proposal_id"])
        if item["status"] != "open":
            raise ValidationError("Over dit veld is al besloten.")
        if proposal["partner_id"] is None and accept:
            raise ValidationError(
                "Een nieuwe organisatie wordt als geheel opgenomen; gebruik 'Organisatie opnemen'."
            )
        if accept:
            kp.update_partner(
                conn,
                proposal["partner_id"],
                {item["field"]: item["new_value"], "laatst_gecontroleerd": today.isoformat()},
            )
        store.update(
            conn,
            "partner_proposal_fields",
            field_id,
            {"status": "geaccepteerd" if accept else "afgewezen", "decided_at": store.now()},
        )
        _close_if_done(conn, proposal["id"])


def accept_confirmation(
    conn: sqlite3.Connection, session_id: int, proposal_id: int, today: dt.date | None = None
) -> None:
    """A partner confirmed its entry unchanged: set laatst gecontroleerd (with history)."""
    today = today or dt.date.today()
    with store.transaction(conn):
        proposal = _proposal(conn, session_id, proposal_id)
        if proposal["kind"] != "bevestigd" or proposal["status"] != "open":
            raise ValidationError("Dit is geen openstaande bevestiging.")
        kp.update_partner(conn, proposal["partner_id"], {"laatst_gecontroleerd": today.isoformat()})
        store.update(conn, "partner_proposals", proposal_id, {"status": "afgehandeld"})


def accept_new(
    conn: sqlite3.Connection, session_id: int, proposal_id: int, today: dt.date | None = None
) -> int:
    """Add a proposed organisation with its open fields (rejected ones left out); its new id."""
    today = today or dt.date.today()
    with store.transaction(conn):
        proposal = _proposal(conn, session_id, proposal_id)
        if proposal["kind"] != "nieuw" or proposal["status"] != "open":
            raise ValidationError("Dit is geen openstaande aanmelding.")
        fields = store.rows(conn, "partner_proposal_fields", {"proposal_id": proposal_id})
        data = {f["field"]: f["new_value"] for f in fields if f["status"] == "open"}
        if any(name not in data for name in NEW_REQUIRED):
            raise ValidationError("Organisatie en discipline zijn nodig om op te nemen.")
        partner_id = kp.add_partner(
            conn, session_id, {**data, "laatst_gecontroleerd": today.isoformat()}
        )
        for f in fields:
            if f["status"] == "open":
                store.update(
                    conn,
                    "partner_proposal_fields",
                    f["id"],
                    {"status": "geaccepteerd", "decided_at": store.now()},
                )
        store.update(
            conn,
            "partner_proposals",
            proposal_id,
            {"status": "afgehandeld", "partner_id": partner_id},
        )
    return partner_id


def reject_proposal(conn: sqlite3.Connection, session_id: int, proposal_id: int) -> None:
    """Reject a whole reaction (its open fields too)."""
    with store.transaction(conn):
        proposal = _proposal(conn, session_id, proposal_id)
        for f in store.rows(conn, "partner_proposal_fields", {"proposal_id": proposal_id}):
            if f["status"] == "open":
                store.update(
                    conn,
                    "partner_proposal_fields",
                    f["id"],
                    {"status": "afgewezen", "decided_at": store.now()},
                )
        store.update(conn, "partner_proposals", proposal["id"], {"status": "afgehandeld"})


UPKEEP_STATES = ("bevestigd", "wijziging voorgesteld", "niet gereageerd")


def upkeep(conn: sqlite3.Connection, session_id: int) -> list[dict[str, str]]:
    """Per partner: confirmed, proposed changes, or no reaction yet (the upkeep list)."""
    reacted: dict[int, str] = {}
    for p in store.rows(conn, "partner_proposals", {"session_id": session_id}):
        if p["partner_id"] is None or p["kind"] == "nieuw":
            continue
        state = "wijziging voorgesteld" if p["kind"] == "wijziging" else "bevestigd"
        if reacted.get(p["partner_id"]) != "wijziging voorgesteld":
            reacted[p["partner_id"]] = state
    return [
        {
            "organisatie": p["organisatie"],
            "discipline": p["discipline"],
            "reactie": reacted.get(p["id"], "niet gereageerd"),
            "laatst_gecontroleerd": p["laatst_gecontroleerd"] or "",
        }
        for p in kp.partners(conn, session_id)
    ]
