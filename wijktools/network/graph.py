"""The netwerkkaart's data: partners and relations as a networkx graph, and the counts read out."""

from __future__ import annotations

import sqlite3
from typing import Any

import networkx as nx

from wijktools.network import partners as kp
from wijktools.network import quality, vocab
from wijktools.network import relations as rel


def build_graph(conn: sqlite3.Connection, session_id: int) -> nx.MultiDiGraph:
    """Nodes = live partners (organisation, discipline, domain); edges = live relations."""
    domains = vocab.disciplines(conn, session_id)
    graph = nx.MultiDiGraph()
    for p in kp.partners(conn, session_id):
        graph.add_node(
            p["id"],
            organisatie=p["organisatie"],
            discipline=p["discipline"],
            domein=domains.get(p["discipline"], "overig"),
            opnamestop=bool(p["opnamestop"]),
        )
    for r in rel.relations(conn, session_id):
        graph.add_edge(
            r["from_partner_id"],
            r["to_partner_id"],
            key=r["id"],
            soort=r["kind"],
            intensiteit=r["intensity"],
            gericht=bool(r["directed"]),
            vertrouwen=r["vertrouwen"],
            meerwaarde=r["meerwaarde"],
        )
    return graph


def isolated(graph: nx.MultiDiGraph) -> list[int]:
    """Partners nobody named a relation with: often the first to invite."""
    return sorted(nx.isolates(graph), key=lambda n: graph.nodes[n]["organisatie"].casefold())


# A POH works inside the huisartsenpraktijk: FTE for one there means the discipline is present,
# without a row of its own on the sociale kaart.
_IN_PRACTICE = {"fte_poh_s": "poh-somatiek", "fte_poh_ggz": "poh-ggz"}


def missing_disciplines(conn: sqlite3.Connection, session_id: int) -> list[str]:
    """Reference disciplines without a live partner, nor FTE for it in a huisartsenpraktijk."""
    present = set()
    for p in kp.partners(conn, session_id):
        present.add(p["discipline"].casefold())
        present.update(name for column, name in _IN_PRACTICE.items() if (p.get(column) or 0) > 0)
    return [d for d in vocab.reference(conn, session_id) if d.casefold() not in present]


def summary(conn: sqlite3.Connection, session_id: int) -> dict[str, Any]:
    """Counts a facilitator reads out: partners, relations, isolated, missing, due for review.

    Mean vertrouwen and meerwaarde only where at least `quality.MIN_SCORED` relations are scored.
    """
    graph = build_graph(conn, session_id)
    scores = quality.means(data for _, _, data in graph.edges(data=True))
    return {
        "ketenpartners": graph.number_of_nodes(),
        "relaties": graph.number_of_edges(),
        "zonder_relatie": [graph.nodes[n]["organisatie"] for n in isolated(graph)],
        "ontbrekende_disciplines": missing_disciplines(conn, session_id),
        "te_controleren": [p["organisatie"] for p in kp.review_due(conn, session_id)],
        "vertrouwen": scores["vertrouwen"].label,
        "meerwaarde": scores["meerwaarde"].label,
    }
