"""A small FICTIONAL workshop session, so the export notebook and tests run without real workshop input."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from wijktools import store
from wijktools.report_sections import _module, has_table

DEMO_NAME = "Kick-off Hilversum Centrum (FICTIEF voorbeeld)"
DEMO_AREA = ("WK040201", "Centrum (Hilversum)")

# Fictional organisations and persons; any likeness to real ones is accidental.
DEMO_PARTNERS: tuple[dict[str, Any], ...] = (
    {
        "organisatie": "Huisartsenpraktijk De Linde (fictief)",
        "discipline": "Huisarts",
        "werkdagen": "ma, di, wo, do, vr",
        "contactpersoon": "A. de Vries",
        "telefoon": "035-0000001",
        "email": "info@delinde.example",
        "adres": "Lindelaan 1",
        "postcode": "1211 AA",
        "website": "https://delinde.example",
        "voorkeur_contact": "telefoon",
    },
    {
        "organisatie": "Apotheek Centrum (fictief)",
        "discipline": "Apotheek",
        "werkdagen": "ma, di, wo, do, vr, za",
        "contactpersoon": "B. Jansen",
        "telefoon": "035-0000002",
        "email": "apotheek@centrum.example",
        "adres": "Kerkstraat 10",
        "postcode": "1211 AB",
        "voorkeur_contact": "e-mail",
    },
    {
        "organisatie": "Wijkverpleging Gooi (fictief)",
        "discipline": "Wijkverpleging",
        "werkdagen": "ma, di, wo, do, vr, za, zo",
        "opnamestop": 1,
        "opnamestop_sinds": "2026-09-01",
        "opnamestop_tot": "2026-12-31",
        "contactpersoon": "C. Bakker",
        "telefoon": "035-0000003",
        "email": "team@wvgooi.example",
        "voorkeur_contact": "beveiligde mail",
    },
    {
        "organisatie": "Fysiotherapie Beweeg (fictief)",
        "discipline": "Fysiotherapie",
        "werkdagen": "ma, wo, vr",
        "contactpersoon": "D. Smit",
        "email": "fysio@beweeg.example",
    },
    {
        "organisatie": "Sociaal wijkteam Centrum (fictief)",
        "discipline": "Sociaal domein",
        "werkdagen": "ma, di, do",
        "contactpersoon": "E. Mulder",
        "telefoon": "035-0000005",
        "voorkeur_contact": "telefoon",
    },
)
DEMO_KNELPUNTEN = (
    "Lange wachttijd wijkverpleging",
    "Eenzaamheid bij ouderen",
    "Medicatieoverdracht bij ontslag uit ziekenhuis",
    "Weinig zicht op elkaars aanbod",
)
# participant -> dots per knelpunt index
DEMO_VOTES = {
    "huisarts": {0: 2, 2: 1},
    "apotheker": {2: 3},
    "wijkverpleegkundige": {0: 2, 1: 1},
    "fysiotherapeut": {1: 1, 3: 2},
    "wijkcoach": {1: 2, 0: 1},
}


def create_demo_session(conn: sqlite3.Connection) -> int:
    """Insert the fictional session with partners, relations, knelpunten, votes and afspraken."""
    with store.transaction(conn):
        session_id = store.insert(
            conn,
            "sessions",
            {
                "name": DEMO_NAME,
                "area_code": DEMO_AREA[0],
                "area_name": DEMO_AREA[1],
                "dates": json.dumps(["2026-11-12", "2027-03-11"]),
                "facilitator": "Adviseur (fictief)",
                "kind": "kick-off",
            },
        )
        ids = [
            store.insert(conn, "ketenpartners", {"session_id": session_id, **p})
            for p in DEMO_PARTNERS
        ]
        for a, b, kind in ((0, 1, "overleg/MDO"), (0, 2, "verwijzen"), (2, 4, "informeel")):
            store.insert(
                conn,
                "relations",
                {
                    "session_id": session_id,
                    "from_partner_id": ids[a],
                    "to_partner_id": ids[b],
                    "kind": kind,
                    "intensity": 2,
                },
            )
        _add_priorities(conn, session_id, ids)
    return session_id


def _add_priorities(conn: sqlite3.Connection, session_id: int, partner_ids: list[int]) -> None:
    """Knelpunten, one dot round and afspraken, when the priorities module is present."""
    priorities = _module("wijktools.priorities")
    if priorities is None or not has_table(conn, "knelpunten"):
        return
    knelpunt_ids = [priorities.add_knelpunt(conn, session_id, t) for t in DEMO_KNELPUNTEN]
    round_id = priorities.open_round(conn, session_id, "dots", 3)
    for participant, allocation in DEMO_VOTES.items():
        priorities.cast_dots(
            conn, round_id, participant, {knelpunt_ids[i]: n for i, n in allocation.items()}
        )
    priorities.close_round(conn, round_id)
    afspraken = (
        {
            "knelpunt_id": knelpunt_ids[0],
            "wat": "Wekelijks kort overleg huisarts en wijkverpleging",
            "trekker_partner_id": partner_ids[2],
            "betrokken": json.dumps([partner_ids[0]]),
            "period": "Q1 2027",
            "status": "afgesproken",
            "evaluation": "Na drie maanden",
        },
        {
            "knelpunt_id": knelpunt_ids[2],
            "wat": "Vast overdrachtsformulier medicatie na ontslag",
            "trekker_partner_id": partner_ids[1],
            "betrokken": json.dumps(partner_ids[:3]),
            "deadline": "2027-02-01",
            "status": "voorgesteld",
        },
        {
            "knelpunt_id": knelpunt_ids[1],
            "wat": "Signaleringskaart eenzaamheid delen",
            "trekker_partner_id": partner_ids[4],
            "betrokken_extra": json.dumps(["Bibliotheek"]),
            "period": "voorjaar 2027",
            "status": "afgesproken",
        },
    )
    for values in afspraken:
        store.insert(conn, "afspraken", {"session_id": session_id, **values})
    store.insert(
        conn,
        "wijkplan_blocks",
        {
            "session_id": session_id,
            "section": "Doel",
            "text": "Ouderen in Centrum wonen langer veilig thuis door snellere afstemming (fictief).",
        },
    )


def session_or_demo(conn: sqlite3.Connection, sessie: int = 0) -> int:
    """The notebook's session: the given id, else the newest one, else the fictional demo."""
    if sessie:
        return sessie
    newest = conn.execute(
        "SELECT id FROM sessions WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return int(newest[0]) if newest else create_demo_session(conn)
