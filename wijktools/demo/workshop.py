"""A fictional (FICTIEF) workshop from knelpunten to wijkplan, for demos, notebooks and tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from wijktools.store import connection as store
from wijktools.workshop import agreements, knelpunten, priorities, toolkit, wijkplan

FICTIEF = "FICTIEF"

# Only for a demo session whose area has no open data: fictional knelpunten, named as such.
DEMO_DRAFTS: tuple[dict[str, Any], ...] = (
    {
        "titel": "Ouderen wonen langer thuis (FICTIEF)",
        "toelichting": "Voorbeeld zonder cijfers; in een echte sessie komt dit uit het wijkprofiel.",
        "bron": "zaal",
    },
    {
        "titel": "Geen terugkoppeling na verwijzing (FICTIEF)",
        "toelichting": "Voorbeeld van een knelpunt uit de enquête onder professionals.",
        "bron": "zaal",
    },
    {
        "titel": "Onduidelijk wie te bellen bij zorgen (FICTIEF)",
        "toelichting": "Voorbeeld van een knelpunt uit de enquête onder professionals.",
        "bron": "zaal",
    },
    {
        "titel": "Doorverwijzen gaat stroef (FICTIEF)",
        "toelichting": "Voorbeeld van een knelpunt uit de enquête onder professionals.",
        "bron": "zaal",
    },
)
ROOM_KNELPUNT = ("Onbekend welzijnsaanbod bij zorgverleners", "Genoemd in de zaal (FICTIEF).")
DEMO_PARTNERS: tuple[tuple[str, str], ...] = (
    ("Huisartsenpraktijk De Linde (FICTIEF)", "huisarts"),
    ("Welzijn Voorbeeld (FICTIEF)", "welzijnswerk"),
    ("Apotheek Centrum (FICTIEF)", "apotheek"),
    ("Wijkverpleging Oost (FICTIEF)", "wijkverpleging"),
    ("GGZ Voorbeeldregio (FICTIEF)", "GGZ"),
    ("Steunpunt Mantelzorg (FICTIEF)", "mantelzorgondersteuning"),
)
PARTICIPANTS = (
    "huisarts 1",
    "huisarts 2",
    "POH-GGZ",
    "apotheker",
    "wijkverpleegkundige 1",
    "wijkverpleegkundige 2",
    "welzijnscoach",
    "fysiotherapeut",
    "sociaal wijkteam",
    "gemeente",
)
# Dots per participant in round 1 and 2 (index = knelpunt in list order); 3 dots each.
ROUND1 = (
    (0, 2, 1, 0, 0),
    (1, 1, 0, 1, 0),
    (0, 3, 0, 0, 0),
    (1, 0, 0, 2, 0),
    (2, 0, 1, 0, 0),
    (1, 0, 2, 0, 0),
    (1, 0, 0, 0, 2),
    (1, 1, 0, 0, 1),
    (0, 1, 1, 0, 1),
    (2, 0, 0, 0, 1),
)
ROUND2 = (
    (2, 1, 0, 0, 0),
    (1, 1, 0, 1, 0),
    (1, 2, 0, 0, 0),
    (1, 0, 0, 2, 0),
    (2, 0, 1, 0, 0),
    (1, 0, 2, 0, 0),
    (2, 0, 0, 0, 1),
    (1, 1, 0, 0, 1),
    (1, 1, 1, 0, 0),
    (2, 0, 0, 0, 1),
)
MATRIX = ((4, 4), (5, 2), (3, 4), (4, 3), (2, 5))  # (impact, haalbaarheid) baseline per knelpunt


def ensure_partners(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """Use the session's sociale kaart; a session without one gets fictional partners."""
    found = agreements.partners(conn, session_id)
    if found:
        return found
    with store.transaction(conn):
        for organisatie, discipline in DEMO_PARTNERS:
            store.insert(
                conn,
                "ketenpartners",
                {
                    "session_id": session_id,
                    "organisatie": organisatie,
                    "discipline": discipline,
                    "opmerkingen": "FICTIEF voorbeeld",
                },
            )
    return agreements.partners(conn, session_id)


def take_over_drafts(conn: sqlite3.Connection, session_id: int) -> dict[str, int]:
    """The line data -> knelpunt: the area's wijkprofiel and the fictional survey into the session."""
    from wijktools import survey
    from wijktools.workshop import session_drafts

    example, mapping = survey.demo_paths()
    return session_drafts.take_over(conn, session_id, enquete=example, mapping=mapping)


def run_demo_workshop(
    conn: sqlite3.Connection,
    session_id: int,
    drafts: Iterable[Mapping[str, Any]] | None = None,
    *,
    from_profile: bool = False,
) -> None:
    """Knelpunten, three rounds, 5 afspraken, two toolkit examples and wijkplan texts; all FICTIEF.

    A session that already has vote rounds is left as it is, so re-running a demo never doubles it.
    """
    if priorities.rounds(conn, session_id):
        return
    if from_profile and not knelpunten.knelpunten(conn, session_id):
        take_over_drafts(conn, session_id)
    with store.transaction(conn):
        taken = [k["id"] for k in knelpunten.knelpunten(conn, session_id)]
        ids = (taken or knelpunten.add_drafts(conn, session_id, list(drafts or DEMO_DRAFTS)))[:4]
        ids.append(knelpunten.add_knelpunt(conn, session_id, *ROOM_KNELPUNT, origin="zaal"))
        while len(ids) < 5:
            ids.append(
                knelpunten.add_knelpunt(conn, session_id, f"Knelpunt {len(ids) + 1} (FICTIEF)")
            )
        first = priorities.open_round(
            conn, session_id, "dots", 3, label="Ronde 1: stippen (FICTIEF)"
        )
        for who, dots in zip(PARTICIPANTS, ROUND1, strict=True):
            priorities.cast_dots(
                conn, first, who, {k: n for k, n in zip(ids, dots, strict=True) if n}
            )
        matrix = priorities.open_round(
            conn, session_id, "matrix", label="Ronde 2: impact × haalbaarheid (FICTIEF)"
        )
        for i, who in enumerate(PARTICIPANTS):
            scores = {}
            for k, (imp, haal) in zip(ids, MATRIX, strict=True):
                shift = (i % 3) - 1  # small, deterministic spread between participants
                scores[k] = (min(5, max(1, imp + shift)), min(5, max(1, haal - shift)))
            priorities.cast_scores(conn, matrix, who, scores)
        second = priorities.open_round(
            conn, session_id, "dots", 3, label="Ronde 3: herstemming (FICTIEF)"
        )
        for who, dots in zip(PARTICIPANTS, ROUND2, strict=True):
            priorities.cast_dots(
                conn, second, who, {k: n for k, n in zip(ids, dots, strict=True) if n}
            )
        priorities.close_round(conn, second)

        partners = ensure_partners(conn, session_id)
        names = [p["organisatie"] for p in partners]
        hints = ("huisarts", "welzijn", "apotheek", "wijkverpleging", "ggz", "mantelzorg")

        def pick(i: int) -> str:
            """The partner whose discipline fits the demo role, else any partner."""
            for p in partners:
                if hints[i] in f"{p['discipline']} {p['organisatie']}".casefold():
                    return p["organisatie"]
            return names[i % len(names)]

        plans = (
            (
                ids[0],
                "Huisartsen houden de capaciteit op peil: een extra huisarts werven, POH's meer "
                "inzetten en verwijzen naar welzijn op recept (FICTIEF).",
                pick(0),
                [pick(1)],
                "Q2 2027",
                "afgesproken",
            ),
            (
                ids[1],
                "Na elke verwijzing gaat binnen een week een terugkoppeling naar de verwijzer "
                "(FICTIEF).",
                pick(0),
                [pick(4)],
                "1-3-2027",
                "afgesproken",
            ),
            (
                ids[2],
                "Eén lijst met vaste contactpersonen per discipline in de sociale kaart (FICTIEF).",
                pick(3),
                [pick(0), pick(1)],
                "najaar 2027",
                "voorgesteld",
            ),
            (
                ids[3],
                "Een vaste verwijsroute tussen huisarts, apotheek en wijkverpleging (FICTIEF).",
                pick(2),
                [pick(0), pick(3)],
                "31-12-2027",
                "voorgesteld",
            ),
            (
                ids[4],
                "Het welzijnsaanbod komt in de sociale kaart en wordt elk kwartaal gecontroleerd "
                "(FICTIEF).",
                pick(1),
                [pick(3)],
                "Q1 2027",
                "loopt",
            ),
        )
        for kid, wat, trekker, betrokken, deadline, status in plans:
            agreements.add_afspraak(
                conn,
                session_id,
                wat,
                knelpunt_id=kid,
                trekker=trekker,
                betrokken=betrokken,
                deadline=deadline,
                status=status,
                coordination="Bespreken in het wijk-MDO, elke zes weken (FICTIEF)",
                evaluation="Aantal verwijzingen per kwartaal; evaluatie in de vervolgsessie (FICTIEF)",
            )
        toolkit.adopt(conn, session_id, "valpreventie", ids[2], kind="interventie")
        toolkit.adopt(conn, session_id, "wijk-mdo", ids[1], kind="interventie")
        wijkplan.fill_defaults(conn, session_id)


def demo_session(
    conn: sqlite3.Connection,
    area_code: str = "WK026200",
    area_name: str = "Lochem (FICTIEVE werksessie)",
) -> int:
    """A fresh demo session with the fictional workshop, for notebooks run without parameters."""
    session_id = store.insert(
        conn,
        "sessions",
        {
            "name": "Werksessie prioriteiten (FICTIEF)",
            "area_code": area_code,
            "area_name": area_name,
            "facilitator": "Adviseur (FICTIEF)",
            "kind": "kick-off",
        },
    )
    run_demo_workshop(conn, session_id)
    return session_id


def notebook_session(db: str = "", sessie: int = 0) -> tuple[sqlite3.Connection, int]:
    """Notebook parameters to a store and session: without `sessie`, the newest session of the store.

    The same default as steps 2 and 4 (`session_or_demo`): step 3 shows the session the adviser
    worked on in step 2, not a fictional one. The store is `db`, else WIJKTOOLS_DB, else the default
    file. Only when that store does not exist or has no session yet does the notebook show a
    fictional demo, in a temporary file: it never writes fictional data into a real store.
    """
    import tempfile
    from pathlib import Path

    from wijktools.store import sessions

    if not sessie:
        path = Path(db).expanduser() if db else store.default_db_path()
        if path.is_file():
            conn = store.connect(path)
            newest = sessions.newest_session(conn)
            if newest is not None:
                return conn, newest.id
            conn.close()
        temp = Path(tempfile.mkdtemp(prefix="wijktools-demo-")) / "demo_FICTIEF.sqlite"
        conn = store.connect(temp)
        return conn, demo_session(conn)
    conn = store.connect(db or None)
    store.get(conn, "sessions", sessie)  # a Dutch StoreError for an unknown session
    return conn, sessie


def session_or_demo(conn: sqlite3.Connection, sessie: int = 0) -> int:
    """The notebook's session: the given id, else the newest, else the fictional Joure demo.

    The demo is the one `make demo` uses (network.load_demo + run_demo_workshop); the
    workshop part is only added to that fictional session, never to a real one.
    """
    from wijktools import network

    session_id = network.session_or_demo(conn, sessie)
    if store.get(conn, "sessions", session_id)["name"] == network.DEMO_SESSION_NAME:
        run_demo_workshop(conn, session_id, from_profile=True)
    return session_id
