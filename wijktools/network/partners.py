"""Ketenpartners of a werksessie: one validated record model for forms and imports, and its CRUD."""

from __future__ import annotations

import calendar
import datetime as dt
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from wijktools.errors import RecordInvalid, ValidationError
from wijktools.network import rules, vocab
from wijktools.store import connection as store
from wijktools.store.sessions import get_session

# Template header (exact, in order) -> record field.
COLUMNS: dict[str, str] = {
    "Organisatie": "organisatie",
    "Discipline": "discipline",
    "Expertise": "expertise",
    "Werkdagen": "werkdagen",
    "Opnamestop": "opnamestop",
    "Contactpersoon": "contactpersoon",
    "Telefoon": "telefoon",
    "E-mail": "email",
    "Adres": "adres",
    "Postcode": "postcode",
    "Website": "website",
    "Voorkeur contact": "voorkeur_contact",
    "Opmerkingen": "opmerkingen",
    "Laatst gecontroleerd": "laatst_gecontroleerd",
}
HEADERS = list(COLUMNS)
# Capacity of a huisartsenpraktijk (optional): after the header above, which stays as it was, so
# older files without these columns still import. Empty means unknown, never zero.
CAPACITY_COLUMNS: dict[str, str] = {
    "FTE huisarts": "fte_huisarts",
    "FTE POH-S": "fte_poh_s",
    "FTE POH-GGZ": "fte_poh_ggz",
    "FTE praktijkverpleegkundige": "fte_praktijkverpleegkundige",
    "Ingeschreven patiënten": "ingeschreven_patienten",
}
CAPACITY_HEADERS = list(CAPACITY_COLUMNS)
FTE_FIELDS = tuple(f for f in CAPACITY_COLUMNS.values() if f.startswith("fte_"))
NUMBER_FIELDS = tuple(CAPACITY_COLUMNS.values())
ALL_COLUMNS: dict[str, str] = {**COLUMNS, **CAPACITY_COLUMNS}
ALL_HEADERS = list(ALL_COLUMNS)
FIELD_LABELS = {field: header for header, field in ALL_COLUMNS.items()}
PERSONAL_FIELDS = ("contactpersoon", "telefoon", "email")


def _rule(func: Callable[[object], Any]) -> Callable[[object], Any]:
    """Turn a rule's ValidationError into a pydantic error carrying the Dutch message only."""

    def check(value: object) -> Any:
        try:
            return func(value)
        except ValidationError as exc:
            raise PydanticCustomError("wijktools", str(exc)) from None

    return check


# Fields checked by one rule each (free text only cleaned; the others normalised).
_FIELD_RULES: dict[str, Callable[[object], Any]] = {
    "expertise": rules.clean_text,
    "contactpersoon": rules.clean_text,
    "adres": rules.clean_text,
    "opmerkingen": rules.clean_text,
    "werkdagen": rules.werkdagen,
    "telefoon": rules.telefoon,
    "email": rules.email,
    "postcode": rules.postcode,
    "website": rules.website,
    "voorkeur_contact": rules.voorkeur_contact,
    "laatst_gecontroleerd": lambda v: rules.date_value(v, allow_future=False),
}


class Ketenpartner(BaseModel):
    """One ketenpartner as entered; validators normalise and explain in Dutch."""

    model_config = ConfigDict(str_strip_whitespace=True)

    organisatie: str
    discipline: str
    expertise: str = ""
    werkdagen: str = ""
    opnamestop: str = "nee"
    contactpersoon: str = ""
    telefoon: str = ""
    email: str = ""
    adres: str = ""
    postcode: str = ""
    website: str = ""
    voorkeur_contact: str = ""
    opmerkingen: str = ""
    laatst_gecontroleerd: str = ""
    fte_huisarts: float | None = None
    fte_poh_s: float | None = None
    fte_poh_ggz: float | None = None
    fte_praktijkverpleegkundige: float | None = None
    ingeschreven_patienten: int | None = None

    @field_validator(*FTE_FIELDS, mode="before")
    @classmethod
    def _fte(cls, value: object) -> float | None:
        return _rule(rules.fte)(value)

    @field_validator("ingeschreven_patienten", mode="before")
    @classmethod
    def _patients(cls, value: object) -> int | None:
        return _rule(rules.patients)(value)

    @field_validator("organisatie", mode="before")
    @classmethod
    def _organisatie(cls, value: object) -> str:
        text = _rule(lambda v: rules.clean_text(v, 200))(value)
        if not text:
            raise PydanticCustomError("wijktools", "Organisatie is verplicht.")
        return text

    @field_validator(*_FIELD_RULES, mode="before")
    @classmethod
    def _by_rule(cls, value: object, info: ValidationInfo) -> str:
        return _rule(_FIELD_RULES[info.field_name])(value)

    @field_validator("discipline", mode="before")
    @classmethod
    def _discipline(cls, value: object, info: ValidationInfo) -> str:
        known = list((info.context or {}).get("disciplines") or vocab.DISCIPLINES)
        return _rule(lambda v: rules.discipline(v, known))(value)

    @field_validator("opnamestop", mode="before")
    @classmethod
    def _opnamestop(cls, value: object) -> str:
        if isinstance(value, bool):
            return "ja" if value else "nee"
        return rules.opnamestop_text(*_rule(rules.opnamestop)(value))

    def to_row(self) -> dict[str, Any]:
        """Store columns: opnamestop split into flag and dates, empty text as NULL."""
        stop, since, until = rules.opnamestop(self.opnamestop)
        data = self.model_dump(exclude={"opnamestop"})
        row: dict[str, Any] = {
            k: (v if k in NUMBER_FIELDS else (v or None)) for k, v in data.items()
        }
        row.update(
            opnamestop=int(stop), opnamestop_sinds=since or None, opnamestop_tot=until or None
        )
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Ketenpartner:
        """A stored row back into the record (for edit forms and export), without re-validation."""
        values: dict[str, Any] = {
            f: row.get(f) or "" for f in cls.model_fields if f not in ("opnamestop", *NUMBER_FIELDS)
        }
        values.update({f: row.get(f) for f in NUMBER_FIELDS})
        stop = rules.opnamestop_text(
            bool(row.get("opnamestop")), row.get("opnamestop_sinds"), row.get("opnamestop_tot")
        )
        return cls.model_construct(**values, opnamestop=stop)


def field_text(field: str, value: object) -> str:
    """A field as the template and the forms show it: FTE with a Dutch decimal comma (2,4)."""
    if value is None or value == "":
        return ""
    if field in FTE_FIELDS:
        return f"{float(value):g}".replace(".", ",")  # type: ignore[arg-type]
    return str(value)


def problems_of(exc: PydanticValidationError) -> dict[str, str]:
    """Field -> Dutch message, first problem per field."""
    out: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "record"
        if error["type"] == "missing":
            message = f"{FIELD_LABELS.get(field, field)} is verplicht."
        else:
            message = error["msg"]
        out.setdefault(field, message)
    return out


def validate(
    data: Mapping[str, Any] | Ketenpartner,
    conn: sqlite3.Connection | None = None,
    session_id: int | None = None,
    *,
    disciplines: list[str] | None = None,
) -> Ketenpartner:
    """Validate one record against the session's discipline list; RecordInvalid lists every field.

    An import passes `disciplines` read once, so validating a row costs no query.
    """
    raw = data.model_dump() if isinstance(data, Ketenpartner) else dict(data)
    if disciplines is None:
        disciplines = list(vocab.disciplines(conn, session_id))
    context = {"disciplines": disciplines}
    try:
        return Ketenpartner.model_validate(raw, context=context)
    except PydanticValidationError as exc:
        raise RecordInvalid(problems_of(exc), FIELD_LABELS) from None


def _same_name(
    conn: sqlite3.Connection, session_id: int, name: str, except_id: int | None
) -> dict[str, Any] | None:
    """Names compare case-insensitively (also beyond ASCII: é, Ü), so only id and name are read."""
    key = name.casefold()
    for row_id, organisatie in conn.execute(
        "SELECT id, organisatie FROM ketenpartners WHERE session_id = ? AND deleted_at IS NULL",
        (int(session_id),),
    ):
        if organisatie.casefold() == key and row_id != except_id:
            return store.get(conn, "ketenpartners", row_id)
    return None


def find_partner(conn: sqlite3.Connection, session_id: int, name: str) -> dict[str, Any] | None:
    """A live partner of the session by organisation name (case-insensitive)."""
    return _same_name(conn, session_id, " ".join(str(name).split()), None)


def add_partner(
    conn: sqlite3.Connection, session_id: int, data: Mapping[str, Any] | Ketenpartner
) -> int:
    """Validate and store a new ketenpartner, committed at once; organisation names are unique."""
    get_session(conn, session_id)
    record = validate(data, conn, session_id)
    if _same_name(conn, session_id, record.organisatie, None):
        raise RecordInvalid(
            {"organisatie": f"'{record.organisatie}' staat al op de sociale kaart; pas die aan."},
            FIELD_LABELS,
        )
    return store.insert(conn, "ketenpartners", {"session_id": int(session_id), **record.to_row()})


def update_partner(
    conn: sqlite3.Connection, partner_id: int, data: Mapping[str, Any] | Ketenpartner
) -> None:
    """Edit a partner (fields not given stay as they are); the old version stays in history."""
    current = store.get(conn, "ketenpartners", partner_id)
    merged = Ketenpartner.from_row(current).model_dump()
    merged.update(data.model_dump() if isinstance(data, Ketenpartner) else dict(data))
    record = validate(merged, conn, current["session_id"])
    if _same_name(conn, current["session_id"], record.organisatie, partner_id):
        raise RecordInvalid(
            {"organisatie": f"'{record.organisatie}' staat al op de sociale kaart."}, FIELD_LABELS
        )
    store.update(conn, "ketenpartners", partner_id, record.to_row())


def delete_partner(conn: sqlite3.Connection, partner_id: int) -> None:
    """Soft delete; its relations drop out of the map until `restore_partner`."""
    store.soft_delete(conn, "ketenpartners", partner_id)


def restore_partner(conn: sqlite3.Connection, partner_id: int) -> None:
    """Undo a delete, unless another live partner took the name meanwhile."""
    row = store.get(conn, "ketenpartners", partner_id)
    if _same_name(conn, row["session_id"], row["organisatie"], partner_id):
        raise ValidationError(
            f"'{row['organisatie']}' staat inmiddels opnieuw op de sociale kaart; "
            "verwijder of hernoem die eerst."
        )
    store.restore(conn, "ketenpartners", partner_id)


def partners(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """Live partners of a session, by organisation name."""
    found = store.rows(conn, "ketenpartners", {"session_id": int(session_id)})
    return sorted(found, key=lambda r: r["organisatie"].casefold())


def sociale_kaart(
    conn: sqlite3.Connection, session_id: int, *, met_contactgegevens: bool = True
) -> pd.DataFrame:
    """The sociale kaart as a table with the template's Dutch headers (plus the id)."""
    records = []
    for row in partners(conn, session_id):
        record = Ketenpartner.from_row(row).model_dump()
        if not met_contactgegevens:
            record.update(dict.fromkeys(PERSONAL_FIELDS, ""))
        records.append(
            {"id": row["id"], **{h: field_text(f, record[f]) for h, f in ALL_COLUMNS.items()}}
        )
    frame = pd.DataFrame(records, columns=["id", *ALL_HEADERS])
    return frame.astype({h: "string" for h in ALL_HEADERS})


def review_due(
    conn: sqlite3.Connection,
    session_id: int,
    months: int | None = None,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Partners whose 'laatst gecontroleerd' is missing or older than the upkeep interval."""
    months = months if months is not None else vocab.review_months(conn, session_id)
    today = today or dt.date.today()
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    limit = dt.date(year, month + 1, day).isoformat()
    due = []
    for row in partners(conn, session_id):
        checked = row["laatst_gecontroleerd"]
        if not checked or checked < limit:
            reason = "nooit gecontroleerd" if not checked else f"laatst gecontroleerd {checked}"
            due.append({**row, "reden": reason})
    return due


def partners_by_id(conn: sqlite3.Connection, partner_id: int) -> dict[str, Any]:
    """One partner row (also when deleted, so an undo can show it)."""
    return store.get(conn, "ketenpartners", partner_id)


def review_table(conn: sqlite3.Connection, session_id: int) -> pd.DataFrame:
    """The partners due for review as a small table for the notebook and reports."""
    due = review_due(conn, session_id)
    frame = pd.DataFrame(
        [
            {"Organisatie": p["organisatie"], "Discipline": p["discipline"], "Reden": p["reden"]}
            for p in due
        ],
        columns=["Organisatie", "Discipline", "Reden"],
    )
    return frame.astype("string")
