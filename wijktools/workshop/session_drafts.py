"""The draft knelpunten of a session's area (wijkprofiel) and survey (enquête), taken into the session."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from wijktools.errors import ValidationError
from wijktools.knelpunt import Knelpunt
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.store.sessions import Session
from wijktools.workshop import capacity, knelpunten
from wijktools.workshop.session_survey import SessionSurvey, read_survey
from wijktools.workshop.sessions import create_session


def area_profile(session: Session) -> Any:
    """The wijkprofiel of the session's own area (code or kern)."""
    from wijktools.opendata import areas
    from wijktools.profile import build as profile

    if session.is_kern:
        area = areas.kern(session.area_name or session.name, session.kern_codes)
    else:
        area = areas.lookup(session.area_code)
    return profile.build(area)


def profile_drafts(session: Session, built: Any = None) -> list[Knelpunt]:
    """The wijkprofiel's draft knelpunten for the session's own area (code or kern)."""
    built = built if built is not None else area_profile(session)
    return [k for k in built.knelpunten if k.herkomst == "wijkprofiel"]


def capacity_drafts(conn: sqlite3.Connection, session: Session, built: Any) -> list[Knelpunt]:
    """The draft 'capaciteit' when the FTE on the sociale kaart falls short by the stated rule."""
    return capacity.knelpunten(capacity.for_session(conn, session.id, built))


def capacity_not_taken_over(conn: sqlite3.Connection, session_id: int, cap: Any) -> bool:
    """The draft 'capaciteit' fires, but the session never held it (FTE entered after it was made).

    A knelpunt the room deleted or merged counts as held: taking over would not bring it back.
    """
    drafts = capacity.knelpunten(cap)
    if not drafts:
        return False
    held = store.rows(conn, "knelpunten", {"session_id": session_id}, include_deleted=True)
    return knelpunten.title_key(drafts[0].titel) not in {
        knelpunten.title_key(row["title"]) for row in held
    }


def survey_drafts(enquete: str | Path, mapping: str | Path | None = None) -> list[Knelpunt]:
    """The survey's draft knelpunten (groups under 5 never produce one)."""
    return read_survey(enquete, mapping).drafts


def _drafts(
    session: Session,
    wijkprofiel: bool,
    survey: SessionSurvey | None,
    conn: sqlite3.Connection | None = None,
    built: Any = None,
) -> list[Knelpunt]:
    """The profile's drafts (and the survey's, read before); all read before any write.

    With `conn` (an existing session) the sociale kaart's capacity is weighed against the profile too.
    """
    drafts: list[Knelpunt] = []
    if wijkprofiel:
        built = built if built is not None else area_profile(session)
        drafts += profile_drafts(session, built)
        if conn is not None:
            drafts += capacity_drafts(conn, session, built)
    if survey is not None:
        drafts += survey.drafts
    return drafts


def _counts(drafts: list[Knelpunt], taken: dict[str, int]) -> dict[str, int]:
    return {
        **taken,
        "wijkprofiel": sum(1 for k in drafts if k.herkomst == "wijkprofiel"),
        "enquête": sum(1 for k in drafts if k.herkomst == "enquête"),
    }


def take_over(
    conn: sqlite3.Connection,
    session_id: int,
    *,
    wijkprofiel: bool = True,
    enquete: str | Path | None = None,
    mapping: str | Path | None = None,
) -> dict[str, int]:
    """`knelpunten overnemen`: profile and survey drafts into the session, never doubled.

    A survey is also kept with the session (replacing one given before), in the same transaction.
    """
    session = sessions.get_session(conn, session_id)
    # Every source is read before writing, so a bad survey file leaves the store unchanged.
    given = read_survey(enquete, mapping) if enquete else None
    drafts = _drafts(session, wijkprofiel, given, conn)
    with store.transaction(conn):
        taken = knelpunten.take_over(conn, session_id, drafts)
        if given is not None:
            given.save(conn, session_id)
    return _counts(drafts, taken)


def new_session_with_drafts(
    conn: sqlite3.Connection,
    name: str,
    area: str | None = None,
    *,
    kern_name: str | None = None,
    kern_codes: list[str] | None = None,
    dates: list[str] | None = None,
    facilitator: str | None = None,
    kind: str = "kick-off",
    wijkprofiel: bool = True,
    enquete: str | Path | None = None,
    mapping: str | Path | None = None,
) -> tuple[int, dict[str, int]]:
    """`sessie nieuw`: the session and its draft knelpunten in one transaction, or nothing at all."""
    if not area and not kern_codes:
        raise ValidationError("Geef een gebied op: een CBS-code (bijv. WK194019) of een kern.")
    drafts: list[Knelpunt] = []
    built = None
    given = read_survey(enquete, mapping) if enquete else None
    if wijkprofiel or given is not None:
        # The profile is computed before the write transaction, so other writers never wait for it.
        planned = Session(
            id=0,
            name=name,
            area_code=str(area or ""),
            area_name=kern_name,
            kern_codes=tuple(kern_codes or ()),
        )
        if wijkprofiel and kind == "vervolg":
            built = area_profile(planned)
        drafts = _drafts(planned, wijkprofiel, given, built=built)
    with store.transaction(conn):
        session_id = create_session(
            conn,
            name,
            area,
            kern_name=kern_name,
            kern_codes=kern_codes,
            dates=dates or [],
            facilitator=facilitator,
            kind=kind,
        )
        taken = knelpunten.take_over(conn, session_id, drafts)
        if given is not None:
            given.save(conn, session_id)
        if kind == "vervolg":
            from wijktools.workshop import followup

            # In the same transaction: no vervolg without its link, sociale kaart and afspraken.
            taken = {**taken, **followup.start_followup(conn, session_id)}
            if built is not None:
                # The sociale kaart came with it, so its FTE are weighed as at the kick-off.
                shortfall = capacity_drafts(conn, sessions.get_session(conn, session_id), built)
                more = knelpunten.take_over(conn, session_id, shortfall)
                taken = {**taken, **{k: taken.get(k, 0) + v for k, v in more.items()}}
                drafts += shortfall
    return session_id, _counts(drafts, taken)
