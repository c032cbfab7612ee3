"""Controlled lists of the sociale kaart: disciplines and their domain, contact ways, relation kinds."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from importlib import resources
from typing import Any

import yaml

from wijktools.errors import ValidationError
from wijktools.sheets.write import Validation
from wijktools.store import connection as store

# Discipline -> domain (zorg / welzijn / gemeente); the domain colours the netwerkkaart.
DISCIPLINES: dict[str, str] = {
    "huisarts": "zorg",
    "POH-GGZ": "zorg",
    "POH-somatiek": "zorg",
    "apotheek": "zorg",
    "wijkverpleging": "zorg",
    "fysiotherapie": "zorg",
    "oefentherapie": "zorg",
    "ergotherapie": "zorg",
    "logopedie": "zorg",
    "diëtetiek": "zorg",
    "podotherapie": "zorg",
    "verloskunde": "zorg",
    "specialist ouderengeneeskunde": "zorg",
    "casemanager dementie": "zorg",
    "GGZ": "zorg",
    "jeugdgezondheidszorg": "zorg",
    "maatschappelijk werk": "welzijn",
    "welzijn": "welzijn",
    "mantelzorgondersteuning": "welzijn",
    "ouderenadvies": "welzijn",
    "schuldhulpverlening": "welzijn",
    "sociaal wijkteam": "gemeente",
    "gemeente/Wmo": "gemeente",
    "jeugd": "gemeente",
}
DOMAINS = ("zorg", "welzijn", "gemeente", "overig")

CONTACT_WAYS = (
    "telefoon",
    "e-mail",
    "ZorgMail",
    "Siilo",
    "KIS",
    "Teams",
    "beveiligd berichtenverkeer",
    "Zivver",
    "post",
)

RELATION_KINDS = ("verwijzen", "overleg/MDO", "gedeelde cliënten", "informeel")
# Referring has a direction (who sends to whom); the other kinds are mutual.
DIRECTED_KINDS = frozenset({"verwijzen"})
_KIND_ALIASES = {
    "verwijzen": "verwijzen",
    "verwijzing": "verwijzen",
    "overleg": "overleg/MDO",
    "mdo": "overleg/MDO",
    "overleg/mdo": "overleg/MDO",
    "overleg / mdo": "overleg/MDO",
    "gedeelde cliënten": "gedeelde cliënten",
    "gedeelde clienten": "gedeelde cliënten",
    "gedeelde patiënten": "gedeelde cliënten",
    "informeel": "informeel",
}
INTENSITY_LABELS = {1: "incidenteel", 2: "regelmatig", 3: "intensief"}

DEFAULT_REVIEW_MONTHS = 12
REFERENCE_FILE = "wijkgerichte_samenwerking.yaml"


def canonical(value: str, options: Sequence[str]) -> str | None:
    """Case- and space-insensitive match against a controlled list."""
    key = " ".join(str(value).split()).casefold()
    for option in options:
        if option.casefold() == key:
            return option
    return None


def relation_kind(value: str) -> str:
    """Accept common spellings (MDO, gedeelde clienten) and return the canonical kind."""
    key = " ".join(str(value).split()).casefold()
    if key in _KIND_ALIASES:
        return _KIND_ALIASES[key]
    raise ValidationError(
        f"Soort relatie '{value}' is onbekend; kies uit: {', '.join(RELATION_KINDS)}."
    )


def intensity(value: object) -> int:
    """1-3 as a number or as incidenteel/regelmatig/intensief."""
    text = str(value).strip().casefold()
    for number, label in INTENSITY_LABELS.items():
        if text in (str(number), f"{number}.0", label):
            return number
    raise ValidationError(
        f"Intensiteit '{value}' is ongeldig; gebruik 1 (incidenteel), 2 (regelmatig) of 3 (intensief)."
    )


def shipped_reference() -> dict[str, Any]:
    """The documented reference set for wijkgerichte samenwerking (package data)."""
    text = resources.files("wijktools.reference").joinpath(REFERENCE_FILE).read_text("utf-8")
    return yaml.safe_load(text)


def _settings(conn: sqlite3.Connection, session_id: int) -> dict[str, Any] | None:
    found = store.rows(conn, "network_settings", {"session_id": int(session_id)})
    return found[0] if found else None


def _save_settings(conn: sqlite3.Connection, session_id: int, values: dict[str, Any]) -> None:
    """One settings row per session, edited with history like everything else."""
    current = _settings(conn, session_id)
    if current is None:
        store.insert(conn, "network_settings", {"session_id": int(session_id), **values})
    else:
        store.update(conn, "network_settings", current["id"], values)


def extra_disciplines(conn: sqlite3.Connection, session_id: int) -> dict[str, str]:
    """Disciplines a session added to the controlled list, with their domain."""
    current = _settings(conn, session_id)
    items = json.loads(current["extra_disciplines"]) if current else []
    return {item["naam"]: item["domein"] for item in items}


def disciplines(conn: sqlite3.Connection | None, session_id: int | None) -> dict[str, str]:
    """The controlled list for a session: the shipped list plus the session's own additions."""
    found = dict(DISCIPLINES)
    if conn is not None and session_id is not None:
        found.update(extra_disciplines(conn, session_id))
    return found


def add_discipline(
    conn: sqlite3.Connection, session_id: int, name: str, domain: str = "overig"
) -> str:
    """Extend the controlled list for one session (stored, so imports and forms accept it)."""
    name = " ".join(str(name).split())
    if not name:
        raise ValidationError("Geef de nieuwe discipline een naam.")
    if domain not in DOMAINS:
        raise ValidationError(f"Domein '{domain}' is onbekend; kies uit {', '.join(DOMAINS)}.")
    known = disciplines(conn, session_id)
    existing = canonical(name, list(known))
    if existing:
        return existing
    extra = extra_disciplines(conn, session_id)
    extra[name] = domain
    items = [{"naam": k, "domein": v} for k, v in extra.items()]
    _save_settings(conn, session_id, {"extra_disciplines": json.dumps(items, ensure_ascii=False)})
    return name


def reference(conn: sqlite3.Connection, session_id: int) -> list[str]:
    """The reference set used for 'missing disciplines' in this session."""
    current = _settings(conn, session_id)
    if current and current["reference_disciplines"]:
        return json.loads(current["reference_disciplines"])
    return list(shipped_reference()["disciplines"])


def set_reference(conn: sqlite3.Connection, session_id: int, names: Sequence[str]) -> list[str]:
    """Adjust the reference set for one session; every name must be a known discipline."""
    known = disciplines(conn, session_id)
    cleaned, unknown = [], []
    for name in names:
        match = canonical(name, list(known))
        (cleaned if match else unknown).append(match or name)
    if unknown:
        raise ValidationError(
            f"Onbekende discipline(s) in de referentieset: {', '.join(unknown)}. "
            "Voeg ze eerst toe als discipline van deze sessie."
        )
    value = json.dumps(list(dict.fromkeys(cleaned)), ensure_ascii=False)
    _save_settings(conn, session_id, {"reference_disciplines": value})
    return reference(conn, session_id)


def review_months(conn: sqlite3.Connection, session_id: int) -> int:
    """How old a 'laatst gecontroleerd' date may be before the partner is due for review."""
    current = _settings(conn, session_id)
    return int(current["review_months"]) if current else DEFAULT_REVIEW_MONTHS


def set_review_months(conn: sqlite3.Connection, session_id: int, months: int) -> None:
    """Sessions may choose a stricter or looser upkeep interval."""
    if int(months) < 1:
        raise ValidationError("De controletermijn moet minstens 1 maand zijn.")
    _save_settings(conn, session_id, {"review_months": int(months)})


def partner_validations() -> list[Validation]:
    """Pick lists of the sociale kaart: the same in the empty template and in the export."""
    return [
        Validation("Discipline", list(DISCIPLINES), "Kies een discipline uit de lijst."),
        Validation("Werkdagen", (), "Bijvoorbeeld: ma, di, do  of  ma t/m vr."),
        Validation(
            "Opnamestop",
            ["nee", "ja", "ja tot 2027-03-01", "ja sinds 2026-01-01"],
            "ja, nee, 'ja tot JJJJ-MM-DD' of 'ja sinds JJJJ-MM-DD'.",
        ),
        Validation(
            "Voorkeur contact",
            list(CONTACT_WAYS),
            "Kies uit de lijst; meerdere mag, gescheiden door komma's.",
        ),
        Validation("Laatst gecontroleerd", (), "Datum: 2026-11-23 of 23-11-2026."),
    ]
