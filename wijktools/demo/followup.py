"""The fictional (FICTIEF) demo workshop a few months on: progress on its afspraken and a vervolg session.

Everything goes through the functions the CLI uses (`afspraak koppel`, `afspraak voortgang`,
`sessie nieuw --soort vervolg`), so the demo shows what an adviser gets.
"""

from __future__ import annotations

import sqlite3

from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import agreements, effect, session_drafts

FOLLOWUP_NAME = "Vervolgsessie Joure (FICTIEF)"
FOLLOWUP_DATE = "2027-05-20"
# The demo afspraak (by its start) that is linked to an indicator of the profile, and the indicator.
LINKED = ("Het welzijnsaanbod komt in de sociale kaart", "Eenzaam|65+")
# (start of the afspraak, date, who, what, status, voortgang): all fictional, dated just after the
# kick-off of 23 November 2026 so they never lie in the future.
PROGRESS: tuple[tuple[str, str, str, str, str | None, int | None], ...] = (
    (
        "Het welzijnsaanbod komt in de sociale kaart",
        "2026-11-25",
        "welzijnscoach (FICTIEF)",
        "Aanbod van 12 organisaties verzameld en in de sociale kaart gezet (FICTIEF).",
        "loopt",
        60,
    ),
    (
        "Na elke verwijzing gaat binnen een week een terugkoppeling",
        "2026-11-26",
        "huisarts (FICTIEF)",
        "Afspraak besproken in het praktijkoverleg; sjabloon voor terugkoppeling gemaakt (FICTIEF).",
        "loopt",
        40,
    ),
    (
        "Het welzijnsaanbod komt in de sociale kaart",
        "2026-11-27",
        "wijkverpleegkundige (FICTIEF)",
        "Eerste kwartaalcontrole gepland; wijkverpleging levert de wijzigingen aan (FICTIEF).",
        None,
        None,
    ),
    (
        "Huisartsen houden de capaciteit op peil",
        "2026-11-27",
        "huisarts (FICTIEF)",
        "Een extra huisarts (0,6 fte) is begonnen; welzijn op recept loopt (FICTIEF).",
        "gereed",
        100,
    ),
)


def _by_start(conn: sqlite3.Connection, session_id: int, start: str) -> int:
    for a in agreements.afspraken(conn, session_id):
        if a["wat"].startswith(start):
            return int(a["id"])
    raise LookupError(f"demo afspraak not found: {start!r}")  # a bug in the demo, not user input


def record_demo_progress(conn: sqlite3.Connection, session_id: int) -> None:
    """Link one afspraak to an indicator and log fictional progress on the kick-off's afspraken."""
    start, indicator = LINKED
    agreements.update_afspraak(conn, _by_start(conn, session_id, start), indicator=indicator)
    for start, day, who, what, status, voortgang in PROGRESS:
        effect.record_progress(
            conn,
            _by_start(conn, session_id, start),
            wat=what,
            wie=who,
            datum=day,
            status=status,
            voortgang=voortgang,
        )


def run_followup(conn: sqlite3.Connection, session_id: int) -> int:
    """Progress on the kick-off, then its vervolg session made as `sessie nieuw --soort vervolg` does."""
    kickoff = store.get(conn, "sessions", session_id)
    for existing in sessions.list_sessions(conn):
        if existing.name == FOLLOWUP_NAME:
            return existing.id  # re-running the demo never doubles it
    record_demo_progress(conn, session_id)
    followup, _ = session_drafts.new_session_with_drafts(
        conn,
        FOLLOWUP_NAME,
        kickoff["area_code"],
        dates=[FOLLOWUP_DATE],
        facilitator="Adviseur (fictief)",
        kind="vervolg",
    )
    return followup
