"""Assemble the Report of one session: read the store, the profile and the survey once, in reading order."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from wijktools.errors import StoreError, WijktoolsError
from wijktools.report import capacity as capacity_report
from wijktools.report.effect import effect_section
from wijktools.report.model import (
    MIN_GROUP,
    Figure,
    Meta,
    Report,
    Section,
    as_dict,
    clean,
    dutch_date,
)
from wijktools.report.network_change import network_change_section
from wijktools.report.profile import ProfileSummary, from_profile, from_report_dict, is_profile
from wijktools.report.sections import (
    _partner_table,
    _partners,
    _profile_section,
    _sociale_kaart_section,
    _survey_section,
)
from wijktools.report.workshop import (
    _afspraken_section,
    _knelpunten_section,
    _wijkplan_section,
)
from wijktools.store import connection as store
from wijktools.store.sessions import next_meetings

if TYPE_CHECKING:  # the survey stack (pandera, openpyxl) loads only when a survey is given
    from wijktools.profile.model import Profile
    from wijktools.survey.groups import GroupStats
    from wijktools.survey.result import SurveyResult


def assemble(
    conn: Any,
    session_id: int,
    *,
    met_contactgegevens: bool = False,
    profile: object = None,
    survey: object = None,
    today: dt.date | None = None,
    ready: Callable[[Report], None] | None = None,
) -> Report:
    """Read the store and the optional profile/survey once; privacy is decided here, not per format.

    `ready` is called with the report as soon as its sections are final (text, tables, the figures
    of the HTML/PDF, the Profile Word draws from), before the deck is drawn: an export can start
    its PDF.
    """
    capacity = (
        capacity_report.for_report(conn, session_id, profile) if _live(conn, session_id) else None
    )
    summary = _profile_data(profile)
    drawn_from = profile if summary is not None and _profile_object(profile) else None

    def finish(_report: Report) -> None:
        if drawn_from is not None and summary is not None:  # (the second for the type checker)
            from wijktools.report.deck_profile import profile_slides

            summary.slides = profile_slides(drawn_from)  # type: ignore[arg-type]

    return build_report(
        conn,
        session_id,
        met_contactgegevens=met_contactgegevens,
        profile=summary,
        survey=_survey_data(survey),
        today=today or dt.date.today(),
        capacity=capacity,
        ready=_then(ready, finish),
        drawn_from=drawn_from,  # type: ignore[arg-type]
    )


def _profile_object(profile: object) -> bool:
    """A Profile object (figures can be drawn from it), not its to_json form or a report dict."""
    return is_profile(profile) and not isinstance(profile, Mapping | str | bytes)


def _then(
    first: Callable[[Report], None] | None, second: Callable[[Report], None]
) -> Callable[[Report], None]:
    def both(report: Report) -> None:
        if first is not None:
            first(report)
        second(report)

    return both


def _live(conn: sqlite3.Connection, session_id: int) -> bool:
    """An unknown or deleted session gets its Dutch error from build_report, not from here."""
    try:
        return not store.get(conn, "sessions", session_id).get("deleted_at")
    except StoreError:
        return False


def build_report(
    conn: sqlite3.Connection,
    session_id: int,
    *,
    met_contactgegevens: bool,
    profile: ProfileSummary | None,
    survey: tuple[SurveyResult, list[Figure]] | None,
    today: dt.date,
    capacity: capacity_report.Capacity | None = None,
    ready: Callable[[Report], None] | None = None,
    drawn_from: Profile | None = None,
) -> Report:
    """All sections in reading order; `ready` sees them before the deck is built."""
    try:
        session = store.get(conn, "sessions", session_id)
    except StoreError as exc:
        raise StoreError(
            f"Werksessie {session_id} bestaat niet. Kies een bestaande sessie "
            "(`wijktools sessie lijst`)."
        ) from exc
    if session.get("deleted_at"):
        raise StoreError(f"Werksessie {session_id} is verwijderd; zet hem eerst terug.")
    meta = Meta(
        session_id=session_id,
        session_name=clean(session["name"]),
        area_code=clean(session["area_code"]),
        area_name=clean(session.get("area_name") or session["area_code"]),
        dates=[str(d) for d in json.loads(session.get("dates") or "[]")],
        facilitator=clean(session.get("facilitator")),
        kind=clean(session.get("kind")),
        generated=today.isoformat(),
        met_contactgegevens=met_contactgegevens,
        members=_member_names(session.get("kern_codes")),
    )
    report = Report(meta=meta, profile=drawn_from)
    partners = _partners(conn, session_id)
    report.sociale_kaart = _partner_table(partners, met_contactgegevens)
    builders: list[Callable[[], Section | None]] = [
        lambda: _profile_section(profile, report),
        lambda: _survey_section(*(survey or (None, []))),
        lambda: effect_section(conn, session_id, report),
        lambda: _sociale_kaart_section(conn, session_id, partners, report.sociale_kaart),
        lambda: capacity_report.section(capacity),
        lambda: network_change_section(conn, session_id),
        lambda: _knelpunten_section(conn, session_id),
        lambda: _afspraken_section(conn, session_id, partners, report),
        lambda: _wijkplan_section(conn, session_id),
    ]
    for build in builders:
        section = build()
        if section is not None:
            report.sections.append(section)
    for day in next_meetings(conn, session_id, today):
        report.next_steps.append(f"Volgende bijeenkomst: {dutch_date(day)}")
    if not report.next_steps:
        report.next_steps.append("Plan een vervolgbijeenkomst om de afspraken te evalueren.")
    if ready is not None:
        ready(report)
    from wijktools.report import deck

    data_slides = profile.slides if profile is not None else []
    report.slides = deck.build(report, conn, session_id, partners, data_slides)
    after = next((i + 1 for i, s in enumerate(report.slides) if s.key == "sociale_kaart"), 1)
    report.slides[after:after] = capacity_report.slides(capacity)
    return report


def _member_names(kern_codes: str | None) -> list[str]:
    """A kern's members by name with the code beside it (the code alone without the open data)."""
    from wijktools.opendata import areas

    out = []
    for code in json.loads(kern_codes) if kern_codes else []:
        try:
            out.append(f"{clean(areas.lookup(code).name)} ({clean(code)})")
        except WijktoolsError:  # no shipped open data: the code as stored
            out.append(clean(code))
    return out


def _profile_data(profile: object) -> ProfileSummary | None:
    """A Profile (object or to_json form) is summarised; a dict in the report's shape is read as such."""
    if profile is None or isinstance(profile, ProfileSummary):
        return profile
    if isinstance(profile, str | bytes):
        profile = json.loads(profile)
    if not is_profile(profile):
        return from_report_dict(as_dict(profile) or {})
    if isinstance(profile, Mapping):  # numbers only: no figures, slides without pictures
        from wijktools.report.deck_profile import profile_slides

        summary = from_profile(profile)
        summary.slides = profile_slides(profile)
        return summary
    # From the Profile object: the deck's data slides follow in `finish`, Word draws its PNGs.
    return from_profile(profile)  # type: ignore[arg-type]


def _survey_data(survey: object) -> tuple[SurveyResult, list[Figure]] | None:
    """The survey without any group under MIN_GROUP; an analysed result also brings its overview figures."""
    if survey is None:
        return None
    from wijktools.survey.result import SurveyResult

    result = (
        survey
        if isinstance(survey, SurveyResult)
        else SurveyResult.from_dict(as_dict(survey) or {})
    )
    shown = drop_suppressed(result)
    found: list[Figure] = []
    if survey is result and not result.suppressed:
        from wijktools.figures.survey import overview_figures

        source = clean(result.source_line)
        found = [
            Figure(f"enquete_{name}", png, "Enquête onder professionals", source)
            for name, png in overview_figures(result).items()
        ]
    return shown, found


def shown_group(group: GroupStats) -> bool:
    """A group a view may show: not suppressed and no count under MIN_GROUP."""
    return not group.suppressed and not (group.n is not None and 0 < group.n < MIN_GROUP)


def drop_suppressed(result: SurveyResult) -> SurveyResult:
    """A copy without any survey group marked suppressed or under MIN_GROUP, at any depth."""
    if result.suppressed:
        return replace(result, disciplines=[], questions=[])
    return replace(
        result,
        disciplines=[g for g in result.disciplines if shown_group(g)],
        questions=[
            replace(q, groups=[g for g in q.groups if shown_group(g)]) for q in result.questions
        ],
    )
