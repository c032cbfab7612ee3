"""Two sessions' networks of one area side by side: new and gone relations, isolation, density.

Partners are stored per session, so the same organisation has another id in a follow-up session.
A partner of the later session is the same as one of the earlier session when its link to the
partner it was copied from (`previous_partner_id`, followed back through sessions in between) leads
there; otherwise when discipline and normalised name agree (exactly, or as a likely duplicate by
`duplicates.NameIndex`). A relation is the same when both partners and the kind agree (either way
round for a mutual kind). Density counts connected pairs: two partners with a referral and an MDO
are one tie, so density = ties / (n x (n - 1) / 2) over the partners on the sociale kaart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from wijktools import nl
from wijktools.errors import ValidationError
from wijktools.network import quality, vocab
from wijktools.network.graph import build_graph
from wijktools.network.matching import LIKE, NAME, match_partners
from wijktools.network.partners import partners
from wijktools.network.relations import relations
from wijktools.store.sessions import Session, get_session, previous_session

NEW, GONE, SAME = "nieuw", "verdwenen", "gebleven"


@dataclass(frozen=True)
class PartnerNode:
    """One organisation in either session; `key` is shared by both sessions' versions."""

    key: str
    organisatie: str
    discipline: str
    domein: str
    before: bool  # on the earlier sociale kaart
    after: bool  # on the later sociale kaart
    opnamestop: bool = False
    matched_by: str = ""  # LINK, NAME or LIKE when on both
    earlier_name: str = ""  # the earlier spelling when matched by a likely duplicate


@dataclass(frozen=True)
class RelationEdge:
    """One relation in either session, between two PartnerNode keys."""

    van: str
    naar: str
    soort: str
    gericht: bool
    status: str  # NEW, GONE or SAME
    intensiteit: int  # in the later session, or the earlier one when gone


@dataclass(frozen=True)
class NetworkSide:
    """One session's network in figures."""

    session_id: int
    name: str
    date: str  # ISO, first session date (or creation)
    partners: int
    relations: int
    ties: int
    density: float | None  # None below two partners
    isolated: tuple[str, ...]
    vertrouwen: quality.ScoreMean
    meerwaarde: quality.ScoreMean

    @property
    def label(self) -> str:
        """'Kick-off Joure (23 november 2026)'."""
        return f"{self.name} ({nl.date(self.date)})"


@dataclass(frozen=True)
class NetworkComparison:
    """What changed in an area's network between an earlier and a later session."""

    area_code: str
    area_name: str
    before: NetworkSide
    after: NetworkSide
    nodes: tuple[PartnerNode, ...]
    edges: tuple[RelationEdge, ...]
    still_isolated: tuple[str, ...]  # without a relation in both sessions
    no_longer_isolated: tuple[str, ...]  # without one before, with one now
    newly_isolated: tuple[str, ...]  # with one before, without one now
    notes: tuple[str, ...] = field(default=())

    def node(self, key: str) -> PartnerNode:
        """A partner by its key."""
        return next(n for n in self.nodes if n.key == key)

    def _names(self, status: str) -> list[tuple[str, str, str]]:
        return sorted(
            (self.node(e.van).organisatie, self.node(e.naar).organisatie, e.soort)
            for e in self.edges
            if e.status == status
        )

    @property
    def new_relations(self) -> list[tuple[str, str, str]]:
        """(van, naar, soort) of the relations only in the later session."""
        return self._names(NEW)

    @property
    def gone_relations(self) -> list[tuple[str, str, str]]:
        """(van, naar, soort) of the relations only in the earlier session."""
        return self._names(GONE)

    @property
    def new_partners(self) -> list[str]:
        """Organisations only on the later sociale kaart."""
        return sorted(
            (n.organisatie for n in self.nodes if n.after and not n.before), key=str.casefold
        )

    @property
    def gone_partners(self) -> list[str]:
        """Organisations only on the earlier sociale kaart."""
        return sorted(
            (n.organisatie for n in self.nodes if n.before and not n.after), key=str.casefold
        )

    @property
    def matched_by_name(self) -> list[PartnerNode]:
        """Partners recognised by name instead of a stored link: worth a glance by the adviser."""
        return [n for n in self.nodes if n.matched_by in (NAME, LIKE)]

    @property
    def density_change(self) -> float | None:
        """Later minus earlier density (as a fraction), when both exist."""
        if self.before.density is None or self.after.density is None:
            return None
        return self.after.density - self.before.density

    def summary_lines(self) -> list[str]:
        """Dutch sentences an adviser can read aloud."""
        b, a = self.before, self.after
        lines = [
            f"Ketenpartners: {b.partners} → {a.partners}; relaties: {b.relations} → {a.relations}.",
            f"Dichtheid: {density_label(b.density)} → {density_label(a.density)}"
            + (
                f" ({change_label(self.density_change)})."
                if self.density_change is not None
                else "."
            ),
            f"{nl.plural(len(self.new_relations), 'nieuwe relatie', 'nieuwe relaties')}, "
            f"{nl.plural(len(self.gone_relations), 'relatie', 'relaties')} verdwenen.",
        ]
        if self.no_longer_isolated:
            lines.append("Niet meer zonder relatie: " + ", ".join(self.no_longer_isolated) + ".")
        if self.still_isolated:
            lines.append("Nog steeds zonder relatie: " + ", ".join(self.still_isolated) + ".")
        if self.newly_isolated:
            lines.append("Nu zonder relatie: " + ", ".join(self.newly_isolated) + ".")
        for name in quality.SCORES:
            before, after = getattr(b, name), getattr(a, name)
            if before.mean is not None or after.mean is not None:
                lines.append(f"{quality.MEAN_LABELS[name]}: {before.label} → {after.label}.")
        return [*lines, *self.notes]

    def change_rows(self) -> list[list[str]]:
        """[Verandering, Van, Naar, Soort]: new relations first, then gone ones, then partners."""
        arrow = {True: "→", False: "↔"}
        rows = []
        for status in (NEW, GONE):
            for e in sorted(
                (e for e in self.edges if e.status == status),
                key=lambda e: (self.node(e.van).organisatie.casefold(), e.soort),
            ):
                van, naar = self.node(e.van).organisatie, self.node(e.naar).organisatie
                rows.append([f"relatie {status}", f"{van} {arrow[e.gericht]}", naar, e.soort])
        rows += [["ketenpartner nieuw", name, "", ""] for name in self.new_partners]
        rows += [
            ["ketenpartner niet meer op de kaart", name, "", ""] for name in self.gone_partners
        ]
        return rows

    def detail_lines(self) -> list[str]:
        """The summary, then every change on its own line (for the CLI)."""
        lines = [f"Netwerk {self.area_name}: {self.before.label} → {self.after.label}"]
        lines += self.summary_lines()
        lines += [
            f"  {kind}: {van} {naar} ({soort})" for kind, van, naar, soort in self.change_rows()
        ]
        return lines


def density_label(value: float | None) -> str:
    """'7,8 %' in Dutch notation, or why there is none."""
    if value is None:
        return "n.v.t. (minder dan twee partners)"
    return nl.percent(100 * value, 1)


def change_label(value: float | None) -> str:
    """'+0,7 procentpunt' / '−1,3 procentpunt' / 'gelijk'."""
    if value is None:
        return "n.v.t."
    points = round(100 * value, 1)
    if points == 0:
        return "gelijk"
    return f"{nl.signed(points, 1)} procentpunt"


def _density(graph: nx.MultiDiGraph) -> tuple[int, float | None]:
    """Connected pairs and their share of all possible pairs (kinds and direction collapsed)."""
    simple = nx.Graph(graph)
    ties = simple.number_of_edges()
    return ties, (nx.density(simple) if simple.number_of_nodes() >= 2 else None)


def _same_area(earlier: Session, later: Session) -> None:
    """Networks of two different areas are not a 'before and after' (a kern's codes in any order)."""
    if (earlier.area_code, sorted(earlier.kern_codes)) != (
        later.area_code,
        sorted(later.kern_codes),
    ):
        raise ValidationError(
            f"Sessie {earlier.id} ({earlier.area_name or earlier.area_code}) en sessie {later.id} "
            f"({later.area_name or later.area_code}) gaan over verschillende gebieden; vergelijk "
            "alleen twee sessies van hetzelfde gebied (zie: wijktools sessie lijst)."
        )


def _side(session: Session, graph: nx.MultiDiGraph, rels: list[dict[str, Any]]) -> NetworkSide:
    """One session's counts, density, isolated partners and mean scores."""
    ties, density = _density(graph)
    alone = sorted((graph.nodes[n]["organisatie"] for n in nx.isolates(graph)), key=str.casefold)
    scores = quality.means(rels)
    return NetworkSide(
        session.id,
        session.name,
        session.dates[0] if session.dates else session.created_at[:10],
        graph.number_of_nodes(),
        graph.number_of_edges(),
        ties,
        density,
        tuple(alone),
        scores["vertrouwen"],
        scores["meerwaarde"],
    )


def _relation_keys(
    rels: Iterable[dict[str, Any]], key_of: dict[int, str]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Relations by (van, naar, soort) in shared partner keys; a mutual kind in sorted order."""
    out = {}
    for r in rels:
        a, b = key_of[r["from_partner_id"]], key_of[r["to_partner_id"]]
        if not r["directed"]:
            a, b = min(a, b), max(a, b)
        out[(a, b, r["kind"])] = r
    return out


def compare(conn: sqlite3.Connection, earlier_id: int, later_id: int) -> NetworkComparison:
    """The change in one area's network from the earlier session to the later one."""
    earlier, later = get_session(conn, earlier_id), get_session(conn, later_id)
    if earlier.id == later.id:
        raise ValidationError("Kies twee verschillende sessies om te vergelijken.")
    _same_area(earlier, later)
    before_partners, after_partners = partners(conn, earlier.id), partners(conn, later.id)
    matches = match_partners(conn, before_partners, after_partners)
    domains = {**vocab.disciplines(conn, earlier.id), **vocab.disciplines(conn, later.id)}
    key_of: dict[int, str] = {}
    nodes: list[PartnerNode] = []
    origin_of = {origin: (later_pid, how) for later_pid, (origin, how) in matches.items()}
    before_by_id = {p["id"]: p for p in before_partners}
    for p in after_partners:
        key = f"p{p['id']}"
        key_of[p["id"]] = key
        origin, how = matches.get(p["id"], (None, ""))
        if origin is not None:
            key_of[origin] = key
        old_name = before_by_id[origin]["organisatie"] if origin is not None else ""
        nodes.append(
            PartnerNode(
                key,
                p["organisatie"],
                p["discipline"],
                domains.get(p["discipline"], "overig"),
                before=origin is not None,
                after=True,
                opnamestop=bool(p["opnamestop"]),
                matched_by=how,
                earlier_name=old_name if old_name != p["organisatie"] else "",
            )
        )
    for p in before_partners:
        if p["id"] not in origin_of:
            key_of[p["id"]] = f"e{p['id']}"
            nodes.append(
                PartnerNode(
                    f"e{p['id']}",
                    p["organisatie"],
                    p["discipline"],
                    domains.get(p["discipline"], "overig"),
                    before=True,
                    after=False,
                    opnamestop=bool(p["opnamestop"]),
                )
            )
    before_rels, after_rels = relations(conn, earlier.id), relations(conn, later.id)
    old, new = _relation_keys(before_rels, key_of), _relation_keys(after_rels, key_of)
    edges = []
    for k in sorted(old.keys() | new.keys()):
        row = new.get(k) or old[k]
        status = SAME if k in old and k in new else (NEW if k in new else GONE)
        edges.append(
            RelationEdge(k[0], k[1], k[2], bool(row["directed"]), status, row["intensity"])
        )
    before_graph, after_graph = build_graph(conn, earlier.id), build_graph(conn, later.id)
    before_side = _side(earlier, before_graph, before_rels)
    after_side = _side(later, after_graph, after_rels)
    lonely_before = {key_of[n] for n in nx.isolates(before_graph)}
    lonely_after = {key_of[n] for n in nx.isolates(after_graph)}
    by_key = {n.key: n for n in nodes}

    def names(keys: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted((by_key[k].organisatie for k in keys), key=str.casefold))

    on_both = {n.key for n in nodes if n.before and n.after}
    notes = []
    if _reversed(earlier, later):
        notes.append(
            f"Let op: de eerdere sessie '{earlier.name}' ({nl.date(earlier.dates[0])}) is later "
            f"gedateerd dan '{later.name}' ({nl.date(later.dates[0])}); dan leest deze vergelijking "
            "achterstevoren. Controleer de datums van beide sessies."
        )
    if not before_rels and not after_rels:
        notes.append("In geen van beide sessies zijn relaties vastgelegd.")
    liked = [n for n in nodes if n.earlier_name and n.matched_by in (NAME, LIKE)]
    if liked:
        notes.append(
            "Op naam herkend (controleer): "
            + "; ".join(f"'{n.earlier_name}' = '{n.organisatie}'" for n in liked)
            + "."
        )
    return NetworkComparison(
        area_code=later.area_code,
        area_name=later.area_name or later.area_code,
        before=before_side,
        after=after_side,
        nodes=tuple(sorted(nodes, key=lambda n: n.organisatie.casefold())),
        edges=tuple(edges),
        still_isolated=names(lonely_before & lonely_after),
        no_longer_isolated=names((lonely_before - lonely_after) & on_both),
        newly_isolated=names((lonely_after - lonely_before) & on_both),
        notes=tuple(notes),
    )


def _reversed(earlier: Session, later: Session) -> bool:
    """Both dated, and the 'earlier' one after the later: the arrow of change would point back."""
    return bool(earlier.dates and later.dates and earlier.dates[0] > later.dates[0])


def compare_with_previous(
    conn: sqlite3.Connection, session_id: int, earlier_id: int | None = None
) -> NetworkComparison:
    """This session against `earlier_id`, or else the area's session before it."""
    if earlier_id is None:
        earlier = previous_session(conn, session_id)
        if earlier is None:
            session = get_session(conn, session_id)
            raise ValidationError(
                f"Sessie {session_id} ({session.area_name or session.area_code}) heeft geen "
                "eerdere sessie van hetzelfde gebied om mee te vergelijken. Kies er een met "
                "--met ID (zie: wijktools sessie lijst)."
            )
        earlier_id = earlier.id
    else:
        earlier, later = get_session(conn, earlier_id), get_session(conn, session_id)
        if _reversed(earlier, later):
            raise ValidationError(
                f"Sessie {earlier.id} ('{earlier.name}', {nl.date(earlier.dates[0])}) is later dan "
                f"sessie {later.id} ('{later.name}', {nl.date(later.dates[0])}); --met is de eerdere "
                f"sessie. Draai ze om: wijktools sessie vergelijk --sessie {earlier.id} --met "
                f"{later.id}"
            )
    return compare(conn, earlier_id, session_id)
