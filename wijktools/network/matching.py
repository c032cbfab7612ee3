"""The same ketenpartner in two sessions of one area: by the stored copy link, else by name.

A follow-up session copies the earlier partners with a link to the partner each was copied from
(`previous_partner_id`); that link, followed back through sessions in between, decides first. A
partner without one (typed in again, or imported from a file) is the same when the discipline agrees
and the normalised name is equal, or else a likely duplicate by `duplicates.NameIndex` (the rule the
sociale-kaart import uses). Each earlier partner is matched at most once.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from wijktools.network import duplicates as dup
from wijktools.network.partners import partners_by_id

LINK, NAME, LIKE = "koppeling", "naam", "lijkt op"
MAX_LINK_DEPTH = 50  # sessions in between; a longer chain is a loop in hand-edited data


def _linked_origin(conn: sqlite3.Connection, row: dict[str, Any], earlier: set[int]) -> int | None:
    """The earlier session's partner this one was copied from, through sessions in between."""
    seen: set[int] = set()
    origin = row.get("previous_partner_id")
    while origin is not None and origin not in seen and len(seen) < MAX_LINK_DEPTH:
        if origin in earlier:
            return int(origin)
        seen.add(origin)
        origin = partners_by_id(conn, origin).get("previous_partner_id")
    return None


def match_partners(
    conn: sqlite3.Connection, before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> dict[int, tuple[int, str]]:
    """Later partner id -> (earlier partner id, how): by link, then exact name, then likely name."""
    earlier = {p["id"]: p for p in before}
    found: dict[int, tuple[int, str]] = {}
    for p in after:
        origin = _linked_origin(conn, p, set(earlier))
        if origin is not None and origin not in {o for o, _ in found.values()}:
            found[p["id"]] = (origin, LINK)
    taken = {o for o, _ in found.values()}

    def key(p: dict[str, Any]) -> tuple[str, str]:
        return p["discipline"].casefold(), dup.normalise(p["organisatie"])

    exact: dict[tuple[str, str], int] = {}
    for p in before:
        if p["id"] not in taken:
            exact.setdefault(key(p), p["id"])
    for p in after:
        if p["id"] in found:
            continue
        origin = exact.get(key(p))
        if origin is not None and origin not in taken:
            found[p["id"]], taken = (origin, NAME), taken | {origin}
    indexes: dict[str, dup.NameIndex] = {}
    for p in before:
        if p["id"] not in taken:
            indexes.setdefault(p["discipline"].casefold(), dup.NameIndex()).add(
                p["id"], p["organisatie"]
            )
    for p in after:
        index = indexes.get(p["discipline"].casefold())
        best = index.best(p["organisatie"]) if index and p["id"] not in found else None
        if best is not None and best[0] not in taken:
            found[p["id"]], taken = (best[0], LIKE), taken | {best[0]}
    return found
