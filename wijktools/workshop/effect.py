"""From afspraak to effect: dated progress per afspraak, and what a vervolg session reached.

Progress is a dated log entry (who, what) that may set the afspraak's status and voortgang; the
vervolg (workshop.followup) carries afspraken over, and `achieved` reads back how far each got and
how its linked indicator moved since the kick-off.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from wijktools import nl
from wijktools.errors import ValidationError
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import agreements, indicator_link

MAX_WIE = 200
MAX_WAT = agreements.MAX_TOELICHTING
LOG_SHOWN = 3  # latest log entries per afspraak in the report and the deck


@dataclass
class Logged:
    """What a progress form shows after saving: the entry's id, and whether it was there already."""

    id: int
    afspraak_id: int
    already: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        """Dutch status line, with any warning about the entry."""
        if self.already:
            return (
                "Deze voortgang stond al vastgelegd (zelfde datum, persoon en tekst); niets dubbel."
            )
        return "Voortgang opgeslagen" + "".join(f" — let op: {w}" for w in self.warnings)


def _text(value: Any, label: str, limit: int) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationError(f"Vul '{label}' in; een voortgangsnotitie zonder {label} zegt niets.")
    if len(text) > limit:
        raise ValidationError(
            f"'{label}' is te lang ({len(text)} tekens, maximaal {limit}); kort de tekst in."
        )
    return text


def record_progress(
    conn: sqlite3.Connection,
    afspraak_id: int,
    *,
    wat: str,
    wie: str,
    datum: Any = None,
    status: str | None = None,
    voortgang: Any = None,
    today: dt.date | None = None,
) -> Logged:
    """A dated log entry (who, what) and, with it, the afspraak's status and voortgang; one transaction.

    The same entry twice (same date, person and text) is kept once, also from two windows at once.
    """
    current = agreements.get_afspraak(conn, afspraak_id)
    if current.get("deleted_at"):
        raise ValidationError(f"Afspraak {afspraak_id} is verwijderd; zet haar eerst terug.")
    today = today or dt.date.today()
    day = nl.parse_date(datum) if datum not in (None, "") else today.isoformat()
    if dt.date.fromisoformat(day) > today:
        raise ValidationError(
            f"De datum {nl.date(day)} ligt in de toekomst; leg vast wat er is gebeurd, met de "
            "datum waarop het gebeurde. Er is niets opgeslagen."
        )
    warnings = _check_after_start(conn, int(afspraak_id), day)
    entry = {
        "afspraak_id": int(afspraak_id),
        "datum": day,
        "wie": _text(wie, "wie", MAX_WIE),
        "wat": _text(wat, "wat", MAX_WAT),
    }
    row: dict[str, Any] = {}
    if status not in (None, ""):
        row["status"] = str(status).strip().casefold()
        if row["status"] not in agreements.STATUSES:
            raise ValidationError(
                f"De status '{status}' bestaat niet; kies uit {', '.join(agreements.STATUSES)}."
            )
    if voortgang not in (None, ""):
        row["voortgang"] = agreements.parse_voortgang(voortgang)
    entry["status"] = row.get("status")
    entry["voortgang"] = row.get("voortgang")
    with store.transaction(conn):
        existing = _same_entry(conn, entry)
        if existing is not None:
            return Logged(existing, int(afspraak_id), already=True)
        try:
            new_id = store.insert(conn, "afspraak_log", entry)
        except sqlite3.IntegrityError:  # another writer stored the same entry a moment ago
            found = _same_entry(conn, entry)
            if found is None:
                raise
            return Logged(found, int(afspraak_id), already=True)
        update = {k: row[k] for k in ("status", "voortgang") if k in row}
        if update:
            store.update(conn, "afspraken", int(afspraak_id), update)
    return Logged(new_id, int(afspraak_id), warnings=warnings)


def _check_after_start(conn: sqlite3.Connection, afspraak_id: int, day: str) -> list[str]:
    """Progress cannot precede the meeting where the afspraak was made: refused, or a warning.

    The afspraak was made at the (first) date of the session it started in, also when it was
    carried into a vervolg: progress between the kick-off and the vervolg is what the vervolg is
    about. Without a session date only the day it was entered is known, and afspraken are often
    typed in after the meeting, so an earlier date is then a warning, not an error.
    """
    origin = agreements.get_afspraak(conn, lineage(conn, afspraak_id)[-1])
    session = store.get(conn, "sessions", origin["session_id"])
    dates = json.loads(session.get("dates") or "[]")
    if dates:
        if day < dates[0]:
            raise ValidationError(
                f"De datum {nl.date(day)} ligt vóór de werksessie '{session['name']}' van "
                f"{nl.date(dates[0])}, waarin deze afspraak is gemaakt. Voortgang komt na de "
                f"afspraak: geef een datum vanaf {nl.short_date(dates[0])}. Er is niets opgeslagen."
            )
        return []
    entered = dt.datetime.fromisoformat(origin["created_at"]).astimezone().date().isoformat()
    if day < entered:
        return [
            f"de datum {nl.date(day)} ligt vóór de dag waarop deze afspraak is vastgelegd "
            f"({nl.date(entered)}) en de werksessie '{session['name']}' heeft geen datum; "
            "klopt de datum?"
        ]
    return []


def _same_entry(conn: sqlite3.Connection, entry: dict[str, Any]) -> int | None:
    found = conn.execute(
        "SELECT id FROM afspraak_log WHERE afspraak_id = ? AND datum = ? AND wie = ? AND wat = ? "
        "AND deleted_at IS NULL",
        (entry["afspraak_id"], entry["datum"], entry["wie"], entry["wat"]),
    ).fetchone()
    return int(found[0]) if found else None


def lineage(conn: sqlite3.Connection, afspraak_id: int) -> list[int]:
    """This afspraak and the ones it was carried over from, newest first."""
    chain, seen = [], set()
    current: int | None = int(afspraak_id)
    while current is not None and current not in seen:
        seen.add(current)
        chain.append(current)
        row = conn.execute(
            "SELECT previous_afspraak_id FROM afspraken WHERE id = ?", (current,)
        ).fetchone()
        current = row[0] if row else None
    return chain


def log_entries(conn: sqlite3.Connection, afspraak_id: int) -> list[dict[str, Any]]:
    """Every progress entry of the afspraak, earlier sessions included, newest first."""
    chain = lineage(conn, afspraak_id)
    marks = ", ".join("?" for _ in chain)
    rows = conn.execute(
        f"SELECT * FROM afspraak_log WHERE afspraak_id IN ({marks}) AND deleted_at IS NULL "
        "ORDER BY datum DESC, created_at DESC",
        chain,
    ).fetchall()
    return [dict(r) for r in rows]


# --- what was reached ---------------------------------------------------------------------------


@dataclass
class Progress:
    """One earlier afspraak in a vervolg session: where it stands and what moved."""

    afspraak_id: int
    wat: str
    knelpunt: str
    trekker: str
    status: str
    voortgang: int | None
    deadline: str
    log: list[dict[str, Any]] = field(default_factory=list)  # newest first
    effect: indicator_link.Effect | None = None

    @property
    def voortgang_text(self) -> str:
        """'60 %' or 'onbekend'."""
        return "onbekend" if self.voortgang is None else nl.percent(self.voortgang)

    def log_lines(self, limit: int = LOG_SHOWN) -> list[str]:
        """'12 maart 2027 – Welzijn: eerste spreekuur' for the latest entries."""
        return [f"{nl.date(e['datum'])} – {e['wie']}: {e['wat']}" for e in self.log[:limit]]


@dataclass
class Achieved:
    """The earlier afspraken of a vervolg session, with progress and indicator before/after."""

    session_id: int
    previous_id: int | None
    previous_name: str
    previous_date: str
    items: list[Progress] = field(default_factory=list)
    own_date: str = ""

    @property
    def order_warning(self) -> str:
        """A vervolg dated before the session it follows (stored before this was refused)."""
        if not (self.own_date and self.previous_date and self.own_date < self.previous_date):
            return ""
        return (
            f" Let op: deze vervolgsessie ({nl.date(self.own_date)}) is eerder gedateerd dan "
            f"'{self.previous_name}' ({nl.date(self.previous_date)}); dan leest wat er bereikt "
            "is achterstevoren. Controleer de datums."
        )

    @property
    def intro(self) -> str:
        """One sentence that opens the vervolg."""
        if self.previous_id is None:
            return (
                "Deze vervolgsessie is niet gekoppeld aan een eerdere sessie; er zijn geen eerdere "
                "afspraken om te volgen."
            )
        when = f" van {nl.date(self.previous_date)}" if self.previous_date else ""
        if not self.items:
            return (
                f"De vorige sessie '{self.previous_name}'{when} had geen afspraken."
                + self.order_warning
            )
        done = sum(1 for i in self.items if i.status == "gereed")
        return (
            f"{nl.plural(len(self.items), 'afspraak', 'afspraken')} uit '{self.previous_name}'"
            f"{when}; {done} gereed." + self.order_warning
        )


def achieved(conn: sqlite3.Connection, session_id: int) -> Achieved | None:
    """What the earlier afspraken reached; None for a session that is not a vervolg."""
    session = sessions.get_session(conn, session_id)
    row = store.get(conn, "sessions", session_id)
    if session.kind != "vervolg" and not row.get("previous_session_id"):
        return None
    previous_id = row.get("previous_session_id")
    name = date = ""
    if previous_id:
        previous = store.get(conn, "sessions", previous_id)
        name = previous["name"]
        dates = json.loads(previous.get("dates") or "[]")
        date = dates[0] if dates else str(previous["created_at"])[:10]
    out = Achieved(session_id, previous_id, name, date, own_date=next(iter(session.dates), ""))
    for a in agreements.afspraken(conn, session_id):
        if a["previous_afspraak_id"] is None:
            continue  # made in this session: the afspraken section shows it
        out.items.append(
            Progress(
                afspraak_id=a["id"],
                wat=a["wat"],
                knelpunt=a["knelpunt"],
                trekker=a["trekker"],
                status=a["status"],
                voortgang=a["voortgang"],
                deadline=a["deadline_tekst"],
                log=log_entries(conn, a["id"]),
                effect=indicator_link.effect(a, session),
            )
        )
    return out


def overview_lines(result: Achieved | None) -> list[str]:
    """The vervolg's opening as plain Dutch lines (CLI output)."""
    if result is None:
        return ["Dit is geen vervolgsessie; er is niets eerder afgesproken om te volgen."]
    lines = [result.intro]
    for item in result.items:
        lines.append(
            f"- [{item.afspraak_id}] {item.wat} — status {item.status}, voortgang "
            f"{item.voortgang_text}" + (f", trekker {item.trekker}" if item.trekker else "")
        )
        if item.knelpunt:
            lines.append(f"    knelpunt: {item.knelpunt}")
        lines.extend(f"    {line}" for line in item.log_lines())
        if not item.log:
            lines.append("    nog geen voortgang vastgelegd")
        if item.effect is not None:
            lines.append(f"    indicator: {item.effect.line}")
    return lines
