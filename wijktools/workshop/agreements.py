"""Samenwerkingsafspraken: who does what by when, validated as entered (carried over: workshop.followup)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from babel.dates import get_month_names

from wijktools import nl
from wijktools.errors import StoreError, ValidationError
from wijktools.store import connection as store
from wijktools.store import sessions

STATUSES = ("voorgesteld", "afgesproken", "loopt", "gereed", "vervallen")
_NEW_MARK = re.compile(r"^\s*(?:nieuw\s*:\s*(?P<a>.+?)|(?P<b>.+?)\s*\(nieuw\))\s*$", re.IGNORECASE)
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_MONTHS = list(get_month_names("wide", locale="nl").values())  # januari … december
_PERIOD = re.compile(
    r"^(?:(?:Q|K|kwartaal\s*)[1-4]|H[12]|(?:"
    + "|".join(_MONTHS)
    + r")|voorjaar|zomer|najaar|winter|eind|begin|medio)?\s*\d{4}$",
    re.IGNORECASE,
)

# Longer texts stall the PDF and slides; the import reader uses the same limit.
MAX_AFSPRAAK = 1000
MAX_TOELICHTING = 2000


@dataclass
class Saved:
    """What a form shows after saving: the id, warnings in Dutch and the time it was stored."""

    id: int
    warnings: list[str] = field(default_factory=list)
    saved_at: str = ""

    @property
    def message(self) -> str:
        """'Opgeslagen om 10:42' plus any warning, for the widget status line."""
        stamp = dt.datetime.fromisoformat(self.saved_at).astimezone() if self.saved_at else None
        text = f"Opgeslagen om {stamp:%H:%M}" if stamp else "Opgeslagen"
        return text + "".join(f" — let op: {w}" for w in self.warnings)


def parse_deadline(value: Any) -> tuple[str | None, str | None]:
    """A real date (1-3-2027, 2027-03-01, a date cell) or a period ('Q2 2027', 'najaar 2027')."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    text = str(value).strip()
    if _DUTCH_DATE.match(text) or _ISO_DATE.match(text):
        try:
            return nl.parse_date(text.split(" ")[0].split("T")[0]), None
        except ValidationError:
            raise ValidationError(
                f"De deadline '{text}' bestaat niet als datum; controleer dag en maand "
                "(schrijf bijv. 1-3-2027)."
            ) from None
    if _PERIOD.match(text):
        return None, re.sub(r"\s+", " ", text)
    raise ValidationError(
        f"De deadline '{text}' is geen datum of periode; schrijf bijv. 1-3-2027, 2027-03-01 "
        "of 'Q2 2027'."
    )


def parse_voortgang(value: Any) -> int | None:
    """A percentage 0-100 as typed ('40', '40%', '40 %', 40.0); empty is unknown."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().removesuffix("%").strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise ValidationError(
            f"De voortgang '{value}' is geen percentage; geef een heel getal van 0 tot en met 100."
        ) from None
    if number != number or not 0 <= number <= 100 or not number.is_integer():
        raise ValidationError(
            f"De voortgang '{value}' ligt niet tussen 0 en 100 of is geen heel getal; geef een "
            "percentage van 0 tot en met 100."
        )
    return int(number)


def deadline_text(afspraak: dict[str, Any]) -> str:
    """The deadline as a Dutch reader expects it: '1 maart 2027' or the period as typed."""
    if afspraak.get("deadline"):
        return nl.date(afspraak["deadline"])
    return afspraak.get("period") or ""


def partners(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """The sociale kaart of a session: the only trekkers accepted without 'nieuw'."""
    return store.rows(conn, "ketenpartners", {"session_id": session_id}, order_by="organisatie")


def partner_label(partner: dict[str, Any]) -> str:
    """Organisation with discipline, as in pick lists and exports."""
    return f"{partner['organisatie']} ({partner['discipline']})"


def find_partner(conn: sqlite3.Connection, session_id: int, name: str) -> dict[str, Any] | None:
    """Match by organisation or by 'organisatie (discipline)', ignoring case and spaces."""
    wanted = " ".join(name.split()).casefold()
    for p in partners(conn, session_id):
        if wanted in {p["organisatie"].strip().casefold(), partner_label(p).casefold()}:
            return p
    return None


def resolve_person(
    conn: sqlite3.Connection, session_id: int, who: int | str | None, new: bool, role: str
) -> tuple[int | None, str | None]:
    """A partner id, a known name, or a name explicitly entered as new ('nieuw: X' or 'X (nieuw)')."""
    if who is None or (isinstance(who, str) and not who.strip()):
        return None, None
    if isinstance(who, int):
        row = conn.execute(
            "SELECT session_id, deleted_at FROM ketenpartners WHERE id = ?", (who,)
        ).fetchone()
        if row is None or row[0] != session_id or row[1] is not None:
            raise ValidationError(f"De {role} (ketenpartner {who}) staat niet in de sociale kaart.")
        return who, None
    marked = _NEW_MARK.match(who)
    if marked:
        return None, (marked.group("a") or marked.group("b")).strip()
    found = find_partner(conn, session_id, who)
    if found:
        return found["id"], None
    if new:
        return None, who.strip()
    raise ValidationError(
        f"De {role} '{who.strip()}' staat niet in de sociale kaart van deze sessie. Kies een "
        f"ketenpartner uit de lijst, of voer hem in als nieuw (bijv. 'nieuw: {who.strip()}')."
    )


def _clean(
    conn: sqlite3.Connection,
    session_id: int,
    values: dict[str, Any],
    today: dt.date | None,
) -> tuple[dict[str, Any], list[str]]:
    """Validate one afspraak; returns the row for the store and Dutch warnings (not errors)."""
    warnings: list[str] = []
    out: dict[str, Any] = {}
    if "wat" in values:
        if not str(values["wat"] or "").strip():
            raise ValidationError("Beschrijf wat er is afgesproken (kolom 'Afspraak').")
        if len(str(values["wat"])) > MAX_AFSPRAAK:
            raise ValidationError(
                f"De afspraak is te lang ({len(str(values['wat']))} tekens, maximaal "
                f"{MAX_AFSPRAAK}); schrijf de kern op en zet details in 'Coördinatie'."
            )
        out["wat"] = values["wat"]
    if "knelpunt_id" in values:
        kid = values["knelpunt_id"]
        if kid is not None:
            row = conn.execute("SELECT session_id FROM knelpunten WHERE id = ?", (kid,)).fetchone()
            if row is None or row[0] != session_id:
                raise ValidationError(f"Knelpunt {kid} hoort niet bij deze sessie.")
        out["knelpunt_id"] = kid
    if "trekker" in values:
        pid, name = resolve_person(
            conn, session_id, values["trekker"], bool(values.get("nieuwe_trekker")), "trekker"
        )
        if pid is None and name is None:
            warnings.append("er is nog geen trekker; spreek af wie de afspraak trekt.")
        out["trekker_partner_id"], out["trekker_name"] = pid, name
    if "betrokken" in values:
        ids, extra = [], []
        for who in values["betrokken"] or []:
            pid, name = resolve_person(conn, session_id, who, False, "betrokken partner")
            if pid is not None and pid not in ids:
                ids.append(pid)
            elif name:
                extra.append(name)
        out["betrokken"] = json.dumps(ids)
        out["betrokken_extra"] = json.dumps(extra, ensure_ascii=False)
    if "deadline" in values:
        out["deadline"], out["period"] = parse_deadline(values["deadline"])
        today = today or dt.date.today()
        dates = sessions.get_session(conn, session_id).dates
        meeting = min(dates) if dates else None  # the meeting where the afspraak is made
        if out["deadline"] and meeting and out["deadline"] < meeting:
            warnings.append(
                f"de deadline {deadline_text(out)} ligt vóór de werksessie van "
                f"{nl.date(meeting)} waarop de afspraak is gemaakt; klopt het jaartal?"
            )
        elif out["deadline"] and dt.date.fromisoformat(out["deadline"]) < today:
            warnings.append(
                f"de deadline {deadline_text(out)} ligt in het verleden; "
                "klopt de datum, of is de afspraak al gereed?"
            )
    for key, label in (("coordination", "Coördinatie"), ("evaluation", "Evaluatie")):
        if len(str(values.get(key) or "")) > MAX_TOELICHTING:
            raise ValidationError(
                f"'{label}' is te lang ({len(str(values[key]))} tekens, maximaal "
                f"{MAX_TOELICHTING}); kort de tekst in."
            )
    for key in ("coordination", "evaluation", "toolkit_entry", "previous_afspraak_id"):
        if key in values:
            out[key] = values[key]
    if "indicator" in values:
        text = str(values["indicator"] or "").strip()
        if text:
            from wijktools.workshop import indicator_link

            out.update(indicator_link.baseline(store.get(conn, "sessions", session_id), text))
        else:
            from wijktools.workshop.indicator_link import CLEARED

            out.update(CLEARED)
    if "voortgang" in values:
        out["voortgang"] = parse_voortgang(values["voortgang"])
    if "status" in values:
        status = str(values["status"] or "voorgesteld").strip().casefold()
        if status not in STATUSES:
            raise ValidationError(
                f"De status '{values['status']}' bestaat niet; kies uit {', '.join(STATUSES)}."
            )
        out["status"] = status
    out["warnings"] = json.dumps(warnings, ensure_ascii=False)
    return out, warnings


def add_afspraak(
    conn: sqlite3.Connection,
    session_id: int,
    wat: str,
    *,
    knelpunt_id: int | None = None,
    trekker: int | str | None = None,
    nieuwe_trekker: bool = False,
    betrokken: Sequence[int | str] = (),
    deadline: Any = None,
    coordination: str = "",
    evaluation: str = "",
    status: str = "voorgesteld",
    previous_afspraak_id: int | None = None,
    toolkit_entry: str | None = None,
    indicator: str | None = None,
    voortgang: Any = None,
    today: dt.date | None = None,
) -> Saved:
    """Validate and store one afspraak at once; a past deadline is a warning, not an error.

    `indicator` ('Eenzaam|65+') links the indicator that should move and stores its baseline.
    """
    store.get(conn, "sessions", session_id)
    values = {
        "wat": wat,
        "knelpunt_id": knelpunt_id,
        "trekker": trekker,
        "nieuwe_trekker": nieuwe_trekker,
        "betrokken": list(betrokken),
        "deadline": deadline,
        "coordination": coordination,
        "evaluation": evaluation,
        "status": status,
        "previous_afspraak_id": previous_afspraak_id,
        "toolkit_entry": toolkit_entry,
        "voortgang": voortgang,
    }
    if indicator:
        values["indicator"] = indicator
    row, warnings = _clean(conn, session_id, values, today)
    new_id = store.insert(conn, "afspraken", {"session_id": session_id, **row})
    return Saved(new_id, warnings, store.get(conn, "afspraken", new_id)["updated_at"])


def get_afspraak(conn: sqlite3.Connection, afspraak_id: int) -> dict[str, Any]:
    """One afspraak by id, or a Dutch message that says where to find the ids."""
    row = conn.execute("SELECT * FROM afspraken WHERE id = ?", (int(afspraak_id),)).fetchone()
    if row is None:
        raise StoreError(
            f"Afspraak {afspraak_id} bestaat niet. Bekijk de afspraken met: "
            "wijktools afspraak lijst --sessie ID"
        )
    return dict(row)


def update_afspraak(
    conn: sqlite3.Connection, afspraak_id: int, today: dt.date | None = None, **changes: Any
) -> Saved:
    """Change some fields (e.g. status during follow-up); validation as for a new one."""
    current = get_afspraak(conn, afspraak_id)
    row, warnings = _clean(conn, current["session_id"], changes, today)
    store.update(conn, "afspraken", afspraak_id, row)
    return Saved(afspraak_id, warnings, store.get(conn, "afspraken", afspraak_id)["updated_at"])


def set_status(conn: sqlite3.Connection, afspraak_id: int, status: str) -> Saved:
    """The most common follow-up edit."""
    return update_afspraak(conn, afspraak_id, status=status)


def afspraken(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """Afspraken with names resolved, ready for tables, exports and the wijkplan."""
    names = {
        p["id"]: p["organisatie"]
        for p in store.rows(conn, "ketenpartners", {"session_id": session_id}, include_deleted=True)
    }
    titles = {
        k["id"]: k["title"]
        for k in store.rows(conn, "knelpunten", {"session_id": session_id}, include_deleted=True)
    }
    out = []
    for a in store.rows(conn, "afspraken", {"session_id": session_id}):
        known = [names.get(i, f"partner {i}") for i in json.loads(a["betrokken"] or "[]")]
        extra = json.loads(a["betrokken_extra"] or "[]")
        out.append(
            {
                **a,
                "knelpunt": titles.get(a["knelpunt_id"], ""),
                "trekker": names.get(a["trekker_partner_id"]) or a["trekker_name"] or "",
                "trekker_is_nieuw": a["trekker_partner_id"] is None and bool(a["trekker_name"]),
                "betrokken_namen": known + extra,
                "betrokken_nieuw": extra,
                "deadline_tekst": deadline_text(a),
                "indicator": indicator_ref(a),
                "warnings": json.loads(a["warnings"] or "[]"),
            }
        )
    return out


def indicator_ref(afspraak: dict[str, Any]) -> str:
    """The linked indicator as typed in sheets and the CLI: 'Eenzaam|65+' or ''."""
    key = afspraak.get("indicator_key") or ""
    age = afspraak.get("indicator_age_group") or ""
    return f"{key}|{age}" if key and age else key


def table(conn: sqlite3.Connection, session_id: int) -> Any:
    """The afspraken as a DataFrame with the same Dutch headers as the Excel file."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "Knelpunt": a["knelpunt"],
                "Afspraak": a["wat"],
                "Trekker": a["trekker"],
                "Betrokken partners": ", ".join(a["betrokken_namen"]),
                "Deadline": a["deadline_tekst"],
                "Coördinatie": a["coordination"],
                "Evaluatie": a["evaluation"],
                "Status": a["status"],
                "Voortgang": "" if a["voortgang"] is None else nl.percent(a["voortgang"]),
                "Indicator": a["indicator"],
                "Let op": " ".join(a["warnings"]),
            }
            for a in afspraken(conn, session_id)
        ]
    )
