"""The survey of a werksessie: read once when given, kept without answer text, found again by the export.

`sessie nieuw --enquete` and `knelpunten overnemen --enquete` read the file once (`read_survey`):
its draft knelpunten go into the session and its analysed result is kept with it (store.surveys).
The export uses the kept result when no file is given (`kept`) and says which survey it used
(`survey_line`). A vervolg session has no survey of its own until one is given to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wijktools import nl
from wijktools.errors import ExportError, ValidationError
from wijktools.knelpunt import Knelpunt, from_survey
from wijktools.store import sessions, surveys


@dataclass(frozen=True)
class SessionSurvey:
    """A survey given to a session: its draft knelpunten and what the session keeps of it."""

    drafts: list[Knelpunt]
    file_name: str
    sha256: str
    read_on: str
    result: dict[str, Any]

    def save(self, conn: sqlite3.Connection, session_id: int) -> int:
        """Keep it with the session (replacing an earlier one), for the export."""
        return surveys.save(
            conn,
            session_id,
            file_name=self.file_name,
            sha256=self.sha256,
            read_on=self.read_on,
            result=self.result,
        )


def read_survey(enquete: str | Path, mapping: str | Path | None = None) -> SessionSurvey:
    """Read and analyse the survey once: its draft knelpunten and its result without answer text.

    Neither carries the text of an open answer (knelpunten are statements, theme names and
    counts; the kept result drops the answers), so no de-identification is needed and deduce
    need not load. Groups under 5 are suppressed in both, as in every view.
    """
    from wijktools import survey

    path = Path(enquete)
    result = survey.load(path, str(mapping) if mapping else None, open_antwoorden_ongewijzigd=True)
    if result is None:
        raise ValidationError("Geef bij --enquete het pad van de enquête-export op.")
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return SessionSurvey(
        drafts=[from_survey(item) for item in result.knelpunten()],
        file_name=path.name,
        sha256=digest,
        read_on=dt.date.today().isoformat(),
        result=result.without_answer_text().to_dict(),
    )


def kept(
    conn: sqlite3.Connection, session_id: int, *, open_antwoorden_ongewijzigd: bool = False
) -> Any:
    """The survey kept with the session as a SurveyResult, or None when none was given to it.

    Its open answers were never kept, so showing them unchanged needs the file itself.
    """
    found = surveys.get(conn, session_id)
    if found is None:
        return None
    if open_antwoorden_ongewijzigd:
        raise ExportError(
            "De open antwoorden ongewijzigd tonen kan alleen vanuit het enquêtebestand zelf: "
            f"bij werksessie {session_id} is alleen de uitkomst van {found.file_name} bewaard, "
            "zonder de antwoorden. Geef het bestand op met --enquete BESTAND (en zo nodig "
            "--mapping), of laat --open-antwoorden-ongewijzigd weg."
        )
    from wijktools.survey.result import SurveyResult

    return SurveyResult.from_dict(found.result)


def survey_line(
    conn: sqlite3.Connection, session_id: int, enquete: str | Path | None = None
) -> str:
    """One Dutch line for the CLI and the notebook: which survey the export uses, and why."""
    kept = surveys.get(conn, session_id)
    if enquete:
        line = f"Enquête: {Path(enquete).name} (opgegeven bij de export"
        if kept is not None:
            line += (
                f"; de bij de sessie bewaarde enquête {kept.file_name} van "
                f"{nl.date(kept.read_on)} is niet gebruikt"
            )
        return line + ")."
    if kept is not None:
        return (
            f"Enquête: {kept.file_name}, bewaard bij werksessie {session_id} "
            f"(ingelezen op {nl.date(kept.read_on)})."
        )
    line = (
        f"Geen enquête bij werksessie {session_id}; het rapport heeft geen enquêteresultaten. "
        "Geef er een op met --enquete BESTAND."
    )
    previous = sessions.previous_session(conn, session_id)
    earlier = surveys.get(conn, previous.id) if previous is not None else None
    if previous is not None and earlier is not None:
        line += (
            f" De enquête {earlier.file_name} (ingelezen op {nl.date(earlier.read_on)}) hoort bij "
            f"de vorige werksessie {previous.id} en staat in het rapport van die sessie."
        )
    return line
