"""Demo: the fictional follow-up's network against the kick-off in Joure (FICTIEF), with a change map.

The demo follow-up session gets a few made-up changes: partners that found each other after the
kick-off, one referral that stopped, and vertrouwen/meerwaarde scores on some relations. Every name
is one of the fictional demo partners of `network.load_demo`; nothing here describes real
organisations.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wijktools import network
from wijktools.figures import network_change as change_figure
from wijktools.network import compare
from wijktools.network.compare import NetworkComparison
from wijktools.store import connection as store

# FICTIEF: (van, naar, soort, intensiteit, vertrouwen, meerwaarde)
NEW_RELATIONS = (
    ("Logopedie Het Wâld", "Huisartsenpraktijk De Skâns", "verwijzen", 2, 3, 3),
    ("Verloskundigen De Pleats", "Huisartsen Midstraat", "overleg/MDO", 1, 3, 2),
    ("Ergotherapie Friesland Zuid", "Wijkteam Thuiszorg De Merk", "gedeelde cliënten", 2, 4, 3),
    ("Welzijn De Fryske Marren", "Huisartsenpraktijk De Skâns", "verwijzen", 2, 3, 4),
)
# FICTIEF: relations of the kick-off that stopped before the follow-up.
GONE_RELATIONS = (("Huisartsen Midstraat", "Fysiotherapie Geaflecht", "verwijzen"),)
# FICTIEF: scores given at the follow-up to relations that already existed.
SCORES = (
    ("Huisartsenpraktijk De Skâns", "POH-GGZ Joure Noord", "overleg/MDO", 4, 4),
    ("Sociaal Wijkteam Joure", "Welzijn De Fryske Marren", "gedeelde cliënten", 3, 3),
    ("Huisartsen Midstraat", "Wijkteam Thuiszorg De Merk", "verwijzen", 2, 3),
)


def _id(conn: sqlite3.Connection, session_id: int, name: str) -> int:
    return network.find_partner(conn, session_id, name)["id"]


def record_followup_network(conn: sqlite3.Connection, session_id: int) -> None:
    """Put the FICTIEF network changes into the demo follow-up session; running it twice adds nothing.

    A follow-up that did not copy the kick-off's sociale kaart gets the demo files first (so the
    partners are recognised by name, as a re-typed sociale kaart would be).
    """
    if not network.partners(conn, session_id):
        partners_file, relations_file = network.demo_files()
        with store.transaction(conn):
            network.import_partners(conn, session_id, partners_file)
            network.import_relations(conn, session_id, relations_file)
    with store.transaction(conn):
        for van, naar, soort, intensiteit, vertrouwen, meerwaarde in NEW_RELATIONS:
            a, b = _id(conn, session_id, van), _id(conn, session_id, naar)
            if network.find_relation(conn, session_id, a, b, soort) is None:
                network.add_relation(
                    conn,
                    session_id,
                    a,
                    b,
                    soort,
                    intensiteit,
                    vertrouwen=vertrouwen,
                    meerwaarde=meerwaarde,
                )
        for van, naar, soort in GONE_RELATIONS:
            a, b = _id(conn, session_id, van), _id(conn, session_id, naar)
            found = network.find_relation(conn, session_id, a, b, soort)
            if found is not None:
                network.delete_relation(conn, found["id"])
        for van, naar, soort, vertrouwen, meerwaarde in SCORES:
            a, b = _id(conn, session_id, van), _id(conn, session_id, naar)
            found = network.find_relation(conn, session_id, a, b, soort)
            if found is not None:
                network.update_relation(
                    conn, found["id"], vertrouwen=vertrouwen, meerwaarde=meerwaarde
                )


def show_network_change(
    conn: sqlite3.Connection, session_id: int, out_dir: Path
) -> tuple[NetworkComparison, Path]:
    """The demo follow-up against its kick-off: FICTIEF changes, the comparison and its change map."""
    record_followup_network(conn, session_id)
    comparison = compare.compare_with_previous(conn, session_id)
    path = change_figure.write_comparison(
        comparison, Path(out_dir) / "netwerk-verandering-FICTIEF.png"
    )
    return comparison, path
