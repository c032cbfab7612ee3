"""Voting results: each round counted and ranked (ties '2='), and the knelpunten in priority order."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from wijktools.knelpunt import Knelpunt, from_row
from wijktools.store import connection as store
from wijktools.store.sessions import get_session
from wijktools.workshop.knelpunten import knelpunten, resolve

# Rounds and votes live in wijktools.voting; re-exported so callers use one module for step 3.
from wijktools.workshop.rounds import MODES as MODES
from wijktools.workshop.rounds import PAPER as PAPER
from wijktools.workshop.rounds import cast_dots as cast_dots
from wijktools.workshop.rounds import cast_scores as cast_scores
from wijktools.workshop.rounds import close_round as close_round
from wijktools.workshop.rounds import open_round as open_round
from wijktools.workshop.rounds import participants as participants
from wijktools.workshop.rounds import rounds as rounds

# Quadrants of the 2×2: (impact high?, haalbaarheid high?) -> label shown to the group.
QUADRANTS = {
    (True, True): "snel resultaat",
    (True, False): "grote klus",
    (False, True): "kleine moeite",
    (False, False): "later bekijken",
}
MIDPOINT = 3.0


@dataclass
class ResultRow:
    """One knelpunt in one round's result."""

    knelpunt_id: int
    title: str
    score: float  # dots, or impact × haalbaarheid of the means in matrix mode
    rank: int
    rank_label: str  # "2=" when tied
    tied: bool
    voters: int
    impact: float | None = None
    haalbaarheid: float | None = None
    quadrant: str | None = None


@dataclass
class RoundResult:
    """Everything the projector and the wijkplan show about one round."""

    round_id: int
    number: int
    mode: str
    status: str
    label: str | None
    dots_per_participant: int | None
    participants: int
    rows: list[ResultRow] = field(default_factory=list)
    people: int = 0  # participants who voted in the room or by phone
    paper_dots: int = 0  # stippen typed in from paper (one tally, not one person)

    @property
    def who_voted(self) -> str:
        """'10 deelnemers', 'papieren stemming, 29 stippen' or both: what happened, never '1 deelnemers'."""
        from wijktools import nl

        parts = []
        if self.people:
            parts.append(nl.plural(self.people, "deelnemer", "deelnemers"))
        if self.paper_dots:
            parts.append(f"papieren stemming, {nl.plural(self.paper_dots, 'stip', 'stippen')}")
        return " en ".join(parts) or "nog geen stemmen"

    @property
    def title(self) -> str:
        """Shown above charts and tables."""
        kind = "stippen" if self.mode == "dots" else "impact × haalbaarheid"
        return self.label or f"Ronde {self.number} ({kind})"


def rank_labels(scores: list[float]) -> list[tuple[int, str, bool]]:
    """Competition ranking (1, 2, 2, 4): equal scores share a rank, shown as '2='."""
    out = []
    for score in scores:
        rank = 1 + sum(1 for other in scores if other > score)
        tied = scores.count(score) > 1
        out.append((rank, f"{rank}=" if tied else str(rank), tied))
    return out


def quadrant(impact: float, haalbaarheid: float) -> str:
    """The 2×2 label for a knelpunt's mean scores (3 is the midpoint)."""
    return QUADRANTS[(impact >= MIDPOINT, haalbaarheid >= MIDPOINT)]


def results(conn: sqlite3.Connection, round_id: int) -> RoundResult:
    """One round counted: every live knelpunt appears, also with zero votes, ranked with ties."""
    r = store.get(conn, "vote_rounds", round_id)
    items = {k["id"]: k for k in knelpunten(conn, r["session_id"])}
    dots = dict.fromkeys(items, 0)
    voters: dict[int, set[str]] = {k: set() for k in items}
    sums: dict[int, list[tuple[int, int]]] = {k: [] for k in items}
    people: set[str] = set()
    paper_dots = 0
    for v in store.rows(conn, "votes", {"round_id": round_id}):
        target = resolve(conn, v["knelpunt_id"])
        if target not in items:
            continue  # dropped knelpunt: its votes wait in the store in case it is restored
        people.add(v["participant"])
        voters[target].add(v["participant"])
        if v["participant"] == PAPER:
            paper_dots += v["dots"] or 0
        if r["mode"] == "dots":
            dots[target] += v["dots"] or 0
        else:
            sums[target].append((v["impact"], v["haalbaarheid"]))
    rows = []
    for kid, k in items.items():
        if r["mode"] == "dots":
            rows.append(
                ResultRow(kid, k["title"], float(dots[kid]), 0, "", False, len(voters[kid]))
            )
        else:
            pairs = sums[kid]
            if pairs:
                imp = round(sum(p[0] for p in pairs) / len(pairs), 2)
                haal = round(sum(p[1] for p in pairs) / len(pairs), 2)
                row = ResultRow(
                    kid,
                    k["title"],
                    round(imp * haal, 2),
                    0,
                    "",
                    False,
                    len(pairs),
                    imp,
                    haal,
                    quadrant(imp, haal),
                )
            else:
                row = ResultRow(kid, k["title"], 0.0, 0, "", False, 0)
            rows.append(row)
    for row, (rank, label, tied) in zip(rows, rank_labels([x.score for x in rows]), strict=True):
        row.rank, row.rank_label, row.tied = rank, label, tied
    rows.sort(key=lambda x: (x.rank, x.title.casefold()))
    return RoundResult(
        round_id,
        r["number"],
        r["mode"],
        r["status"],
        r["label"],
        r["dots_per_participant"],
        len(people - {PAPER}) + (1 if PAPER in people else 0),
        rows,
        people=len(people - {PAPER}),
        paper_dots=paper_dots,
    )


def session_results(conn: sqlite3.Connection, session_id: int) -> list[RoundResult]:
    """Every round side by side: a re-vote never replaces the first round."""
    return [results(conn, r["id"]) for r in rounds(conn, session_id)]


def priority_order(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """Knelpunten ordered by the latest round with votes; each with its result in every round."""
    all_results = [res for res in session_results(conn, session_id) if res.participants]
    items = knelpunten(conn, session_id)
    per_round = {res.round_id: {row.knelpunt_id: row for row in res.rows} for res in all_results}
    out = []
    for k in items:
        out.append(
            {
                **k,
                "results": [
                    {
                        "round": res.title,
                        "mode": res.mode,
                        "row": per_round[res.round_id].get(k["id"]),
                    }
                    for res in all_results
                ],
            }
        )
    if all_results:
        last = per_round[all_results[-1].round_id]
        out.sort(key=lambda k: (last[k["id"]].rank if k["id"] in last else 10**6, k["position"]))
    return out


@dataclass
class KnelpuntLine:
    """One knelpunt of a session with its votes per round, for the CLI, notebook and presenter."""

    knelpunt: Knelpunt
    votes: list[str] = field(default_factory=list)


def _vote_text(mode: str, row: Any) -> str:
    """'12 stippen' or 'impact 4,2 × haalbaarheid 3,1'."""
    from wijktools import nl

    if mode == "dots":
        return nl.plural(int(row.score), "stip", "stippen")
    return f"impact {nl.number(row.impact, 1)} × haalbaarheid {nl.number(row.haalbaarheid, 1)}"


def overview(
    conn: sqlite3.Connection, session_id: int, *, with_dropped: bool = True
) -> list[KnelpuntLine]:
    """The session's knelpunten in priority order with origin and votes; merged or dropped ones follow, marked."""
    get_session(conn, session_id)
    lines = []
    for k in priority_order(conn, session_id):
        votes = [
            f"{r['round']}: {_vote_text(r['mode'], r['row'])}"
            for r in k["results"]
            if r["row"] is not None and r["row"].voters
        ]
        lines.append(KnelpuntLine(from_row(k), votes))
    if with_dropped:
        every = store.rows(conn, "knelpunten", {"session_id": session_id}, include_deleted=True)
        titles = {r["id"]: r["title"] for r in every}
        for row in every:
            if row["deleted_at"] is None:
                continue
            merged = row.get("merged_into")
            status = (
                f"samengevoegd met '{titles.get(resolve(conn, merged), '')}'"
                if merged
                else "geschrapt"
            )
            lines.append(KnelpuntLine(from_row(row, status)))
    return lines


def table(conn: sqlite3.Connection, session_id: int) -> Any:
    """The same list as `wijktools knelpunten --sessie`, as a DataFrame for the notebook and presenter."""
    import pandas as pd

    records = []
    for line in overview(conn, session_id):
        k = line.knelpunt
        records.append(
            {
                "Knelpunt": k.titel,
                "Herkomst": k.herkomst,
                "Regel": k.regel,
                "Cijfers": k.tekst,
                "Jaar": "" if k.jaar is None else str(k.jaar),
                "Stemmen": "; ".join(line.votes),
                "Status": k.status,
            }
        )
    columns = ["Knelpunt", "Herkomst", "Cijfers", "Regel", "Jaar", "Stemmen", "Status"]
    return pd.DataFrame(records, columns=columns)
