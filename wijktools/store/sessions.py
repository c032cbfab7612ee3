"""Werksessies: one area (code or kern), a name, dates, facilitator and a short code for phones."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from wijktools import nl
from wijktools.errors import StoreError, ValidationError
from wijktools.store import connection as store

KINDS = ("kick-off", "vervolg", "evaluatie")
# No 0/O, 1/I/L: participants type this code on a phone while someone reads it aloud.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


@dataclass(frozen=True)
class Session:
    """One werksessie as plain data; kern sessions carry their member codes."""

    id: int
    name: str
    area_code: str
    area_name: str | None
    kern_codes: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    facilitator: str | None = None
    kind: str = "kick-off"
    code: str | None = None
    created_at: str = ""

    @property
    def is_kern(self) -> bool:
        """A kern session is defined by member codes instead of one CBS code."""
        return bool(self.kern_codes)

    @property
    def label(self) -> str:
        """How a session appears in lists and dropdowns."""
        when = self.dates[0] if self.dates else self.created_at[:10]
        return f"{self.name} ({self.area_name or self.area_code}, {self.kind}, {when})"


def parse_date(value: object) -> str:
    """ISO (2027-03-01), Dutch (1-3-2027) or a date object to ISO; one parser in wijktools.nl."""
    return nl.parse_date(value)


def new_code(conn: sqlite3.Connection) -> str:
    """A short unique code without look-alike characters."""
    for _ in range(100):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone():
            return code
    raise StoreError("Kon geen unieke sessiecode maken; probeer het opnieuw.")  # pragma: no cover


def check(name: str, kind: str) -> None:
    """A session needs a name and a known kind (checked before its area is looked up)."""
    if not name or not name.strip():
        raise ValidationError("Geef de werksessie een naam.")
    if kind not in KINDS:
        raise ValidationError(f"Soort sessie '{kind}' is onbekend; kies uit {', '.join(KINDS)}.")


def insert_session(
    conn: sqlite3.Connection,
    name: str,
    area_code: str,
    area_name: str | None,
    *,
    kern_codes: Sequence[str] = (),
    dates: Sequence[object] = (),
    facilitator: str | None = None,
    kind: str = "kick-off",
) -> int:
    """Store a werksessie whose area the caller resolved (workshop.sessions.create_session)."""
    check(name, kind)
    iso_dates = [parse_date(d) for d in dates]
    values = {
        "name": name.strip(),
        "area_code": area_code,
        "area_name": area_name,
        "kern_codes": json.dumps(list(kern_codes)) if kern_codes else None,
        "dates": json.dumps(sorted(iso_dates)),
        "facilitator": (facilitator or "").strip() or None,
        "kind": kind,
        "code": new_code(conn),
    }
    return store.insert(conn, "sessions", values)


def _session(row: dict) -> Session:
    return Session(
        id=row["id"],
        name=row["name"],
        area_code=row["area_code"],
        area_name=row["area_name"],
        kern_codes=tuple(json.loads(row["kern_codes"])) if row["kern_codes"] else (),
        dates=tuple(json.loads(row["dates"] or "[]")),
        facilitator=row["facilitator"],
        kind=row["kind"],
        code=row["code"],
        created_at=row["created_at"],
    )


def get_session(conn: sqlite3.Connection, session_id: int) -> Session:
    """One live session; a clear message when the id is unknown or deleted."""
    row = conn.execute(
        "SELECT * FROM sessions WHERE id = ? AND deleted_at IS NULL", (int(session_id),)
    ).fetchone()
    if row is None:
        raise StoreError(
            f"Werksessie {session_id} bestaat niet. Bekijk de sessies met: wijktools sessie lijst"
        )
    return _session(dict(row))


def exists(conn: sqlite3.Connection, session_id: int) -> bool:
    """Whether the session is there and not deleted."""
    row = conn.execute(
        "SELECT 1 FROM sessions WHERE id = ? AND deleted_at IS NULL", (session_id,)
    ).fetchone()
    return row is not None


def _sort_key(s: Session) -> tuple[str, int]:
    return (s.dates[0] if s.dates else s.created_at[:10], s.id)


def list_sessions(conn: sqlite3.Connection, area_code: str | None = None) -> list[Session]:
    """Live sessions, oldest first (by first date, then creation)."""
    where = {"area_code": area_code} if area_code else None
    return sorted((_session(r) for r in store.rows(conn, "sessions", where)), key=_sort_key)


def session_by_code(conn: sqlite3.Connection, code: str) -> Session:
    """Phones join a session by its short code (case-insensitive)."""
    row = conn.execute(
        "SELECT * FROM sessions WHERE code = ? AND deleted_at IS NULL", (code.strip().upper(),)
    ).fetchone()
    if row is None:
        raise StoreError(f"Er is geen werksessie met code '{code}'. Controleer de code.")
    return _session(dict(row))


def previous_session(conn: sqlite3.Connection, session_id: int) -> Session | None:
    """The earlier session of this one: the one rule for vervolg, `sessie vergelijk` and the report.

    A vervolg keeps the session it was built on (its link). Otherwise: the newest session of the
    same territory (same code; a kern also the same member codes) made before this one; when this
    one has a date, the newest of those dated before it, if any is.
    """
    current = get_session(conn, session_id)
    row = conn.execute(
        "SELECT previous_session_id FROM sessions WHERE id = ?", (current.id,)
    ).fetchone()
    if row is not None and row[0] is not None and exists(conn, row[0]):
        return get_session(conn, row[0])
    earlier = [
        s
        for s in list_sessions(conn, current.area_code)
        if s.id < current.id and sorted(s.kern_codes) == sorted(current.kern_codes)
    ]
    if current.dates:
        # A date entered later for the kick-off (or none at all) must not hide it.
        earlier = [s for s in earlier if _sort_key(s) < _sort_key(current)] or earlier
    return earlier[-1] if earlier else None


def newest_session(conn: sqlite3.Connection) -> Session | None:
    """The most recent session, the notebooks' default."""
    found = list_sessions(conn)
    return found[-1] if found else None


def update_session(
    conn: sqlite3.Connection,
    session_id: int,
    *,
    name: str | None = None,
    dates: Sequence[object] | None = None,
    facilitator: str | None = None,
    kind: str | None = None,
) -> Session:
    """Change name, dates, facilitator or kind (the area stays); history keeps the old version."""
    get_session(conn, session_id)
    values: dict[str, object] = {}
    if name is not None:
        if not name.strip():
            raise ValidationError("Geef de werksessie een naam.")
        values["name"] = name.strip()
    if dates is not None:
        new_dates = sorted(parse_date(d) for d in dates)
        if new_dates:
            _check_order(conn, session_id, new_dates[0])
        values["dates"] = json.dumps(new_dates)
    if facilitator is not None:
        values["facilitator"] = facilitator.strip() or None
    if kind is not None:
        if kind not in KINDS:
            raise ValidationError(
                f"Soort sessie '{kind}' is onbekend; kies uit {', '.join(KINDS)}."
            )
        values["kind"] = kind
    if values:
        store.update(conn, "sessions", session_id, values)
    return get_session(conn, session_id)


def _check_order(conn: sqlite3.Connection, session_id: int, first: str) -> None:
    """A new date never puts a vervolg before the session it builds on (or that one after it)."""
    row = conn.execute(
        "SELECT previous_session_id FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    earlier = [get_session(conn, row[0])] if row and row[0] and exists(conn, row[0]) else []
    later = [
        _session(dict(r))
        for r in conn.execute(
            "SELECT * FROM sessions WHERE previous_session_id = ? AND deleted_at IS NULL",
            (session_id,),
        ).fetchall()
    ]
    for before in earlier:
        if before.dates and first < before.dates[0]:
            raise ValidationError(
                f"De datum {nl.date(first)} ligt vóór de sessie waarop deze vervolgsessie "
                f"voortbouwt: '{before.name}' van {nl.date(before.dates[0])}. Kies een datum "
                f"vanaf {nl.short_date(before.dates[0])}; er is niets gewijzigd."
            )
    for after in later:
        if after.dates and after.dates[0] < first:
            raise ValidationError(
                f"De datum {nl.date(first)} ligt na de vervolgsessie '{after.name}' van "
                f"{nl.date(after.dates[0])}, die op deze sessie voortbouwt. Kies een datum tot en "
                f"met {nl.short_date(after.dates[0])}; er is niets gewijzigd."
            )


def next_meetings(conn: sqlite3.Connection, session_id: int, today: dt.date) -> list[str]:
    """Meetings still to come: later dates of this session and the dates of its vervolgsessies.

    A vervolg made with `sessie vervolg` is a session of its own; the kick-off's wijkplan and
    report name its date instead of saying that no vervolg is planned.
    """
    session = get_session(conn, session_id)
    own = _days(session.dates)
    followers = conn.execute(
        "SELECT dates FROM sessions WHERE previous_session_id = ? AND deleted_at IS NULL",
        (session_id,),
    ).fetchall()
    theirs = _days([d for (dates,) in followers for d in json.loads(dates or "[]")])
    later = {d.isoformat() for d in theirs if d > today and (not own or d > min(own))}
    return sorted(later | set(future_dates(session.dates, today)))


def _days(dates: Sequence[object]) -> list[dt.date]:
    """The entries that are dates (ISO, a time after the date is ignored); others are skipped."""
    days = []
    for d in dates:
        try:
            days.append(dt.date.fromisoformat(str(d)[:10]))
        except ValueError:
            continue
    return days


def future_dates(dates: Sequence[str], today: dt.date) -> list[str]:
    """Meeting dates entered after the session's own (first) date and still to come."""
    days = _days(dates)
    if not days:
        return []
    own = min(days)
    return [d.isoformat() for d in sorted(set(days)) if d > own and d > today]
