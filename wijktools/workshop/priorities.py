"""Knelpunten and voting in the room: the list, dot and impact × haalbaarheid rounds, ranked results."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wijktools.errors import ValidationError
from wijktools.store import connection as store

# Rounds and votes live in wijktools.voting; re-exported so callers use one module for step 3.
from wijktools.workshop.rounds import MODES as MODES
from wijktools.workshop.rounds import PAPER as PAPER
from wijktools.workshop.rounds import cast_dots as cast_dots
from wijktools.workshop.rounds import cast_scores as cast_scores
from wijktools.workshop.rounds import close_round as close_round
from wijktools.workshop.rounds import open_round as open_round
from wijktools.workshop.rounds import participants as participants
from wijktools.workshop.rounds import rounds as rounds

ORIGINS = ("data", "enquête", "zaal", "papier", "vorige sessie")
_ORIGIN_ALIASES = {"enquete": "enquête", "survey": "enquête", "profiel": "data", "profile": "data"}
# Quadrants of the 2×2: (impact high?, haalbaarheid high?) -> label shown to the group.
QUADRANTS = {
    (True, True): "snel resultaat",
    (True, False): "grote klus",
    (False, True): "kleine moeite",
    (False, False): "later bekijken",
}
MIDPOINT = 3.0


# --- knelpunten -------------------------------------------------------------------------------


def _origin(value: str | None, default: str) -> str:
    """Drafts name their origin loosely; the store keeps one spelling."""
    text = (value or "").strip().casefold()
    text = _ORIGIN_ALIASES.get(text, text)
    return text if text in ORIGINS else default


def add_knelpunt(
    conn: sqlite3.Connection,
    session_id: int,
    title: str,
    description: str = "",
    *,
    origin: str = "zaal",
    rule: str | None = None,
    value: str | None = None,
    source: str | None = None,
) -> int:
    """A knelpunt raised in the room (or from data) is stored at once, text exactly as typed."""
    if not title or not title.strip():
        raise ValidationError("Geef het knelpunt een titel.")
    store.get(conn, "sessions", session_id)  # a clear StoreError for an unknown session
    position = conn.execute(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM knelpunten WHERE session_id = ?", (session_id,)
    ).fetchone()[0]
    return store.insert(
        conn,
        "knelpunten",
        {
            "session_id": session_id,
            "title": title,
            "description": description or "",
            "origin": _origin(origin, "zaal"),
            "rule": rule,
            "value": None if value is None else str(value),
            "source": source,
            "position": position,
        },
    )


def add_drafts(
    conn: sqlite3.Connection,
    session_id: int,
    drafts: Iterable[Mapping[str, Any]],
    origin: str = "data",
) -> list[int]:
    """Profile/survey drafts ({titel, toelichting, bron, regel, waarde}); a title already there is kept once."""
    existing = {k["title"].casefold(): k["id"] for k in knelpunten(conn, session_id)}
    ids = []
    with store.transaction(conn):
        for draft in drafts:
            title = str(draft.get("titel") or "")
            if title.casefold() in existing:
                ids.append(existing[title.casefold()])
                continue
            new_id = add_knelpunt(
                conn,
                session_id,
                title,
                str(draft.get("toelichting") or ""),
                origin=_origin(draft.get("bron"), origin),
                rule=draft.get("regel"),
                value=draft.get("waarde"),
                source=None if draft.get("bron") is None else str(draft.get("bron")),
            )
            existing[title.casefold()] = new_id
            ids.append(new_id)
    return ids


def knelpunten(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """The live list in the order it was raised (merged and dropped ones are hidden)."""
    return store.rows(conn, "knelpunten", {"session_id": session_id}, order_by="position")


def find_knelpunt(conn: sqlite3.Connection, session_id: int, title: str) -> dict[str, Any] | None:
    """Imports refer to knelpunten by title; case and surrounding spaces do not matter."""
    wanted = title.strip().casefold()
    for row in knelpunten(conn, session_id):
        if row["title"].strip().casefold() == wanted:
            return row
    return None


def edit_knelpunt(conn: sqlite3.Connection, knelpunt_id: int, **values: Any) -> None:
    """Rewording in the room; the earlier wording stays in history."""
    allowed = {"title", "description", "rule", "value", "position"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"cannot edit {sorted(unknown)}")
    if "title" in values and not str(values["title"] or "").strip():
        raise ValidationError("Een knelpunt zonder titel kan niet worden opgeslagen.")
    store.update(conn, "knelpunten", knelpunt_id, values)


def drop_knelpunt(conn: sqlite3.Connection, knelpunt_id: int) -> None:
    """Dropped, not destroyed: `store.restore` brings it back with its votes."""
    store.soft_delete(conn, "knelpunten", knelpunt_id)


def merge_knelpunten(conn: sqlite3.Connection, keep_id: int, other_ids: Iterable[int]) -> None:
    """Two wordings of one problem become one; their votes count for the kept one."""
    keep = store.get(conn, "knelpunten", keep_id)
    with store.transaction(conn):
        for other in other_ids:
            row = store.get(conn, "knelpunten", other)
            if other == keep_id or row["session_id"] != keep["session_id"]:
                raise ValidationError(
                    "Samenvoegen kan alleen met andere knelpunten uit dezelfde sessie."
                )
            store.update(conn, "knelpunten", other, {"merged_into": keep_id})
            store.soft_delete(conn, "knelpunten", other)


def _resolve(conn: sqlite3.Connection, knelpunt_id: int) -> int:
    """Follow merges to the knelpunt that now carries the votes."""
    seen = set()
    while knelpunt_id not in seen:
        seen.add(knelpunt_id)
        target = conn.execute(
            "SELECT merged_into FROM knelpunten WHERE id = ?", (knelpunt_id,)
        ).fetchone()
        if target is None or target[0] is None:
            return knelpunt_id
        knelpunt_id = int(target[0])
    return knelpunt_id


# --- results ----------------------------------------------------------------------------------


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
    for v in store.rows(conn, "votes", {"round_id": round_id}):
        target = _resolve(conn, v["knelpunt_id"])
        if target not in items:
            continue  # dropped knelpunt: its votes wait in the store in case it is restored
        people.add(v["participant"])
        voters[target].add(v["participant"])
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


def table(conn: sqlite3.Connection, session_id: int) -> Any:
    """Knelpunten with their place per round, as a DataFrame for the notebook (HTML-escaped there)."""
    import pandas as pd

    records = []
    for k in priority_order(conn, session_id):
        record = {"Knelpunt": k["title"], "Toelichting": k["description"], "Bron": k["origin"]}
        for r in k["results"]:
            record[r["round"]] = r["row"].rank_label if r["row"] is not None else ""
        records.append(record)
    return pd.DataFrame(records)
