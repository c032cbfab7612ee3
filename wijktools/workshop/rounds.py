"""Voting rounds in the room: dots (N per participant) or impact × haalbaarheid, one row per vote."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping
from typing import Any

from wijktools.errors import ValidationError
from wijktools.store import connection as store

MODES = ("dots", "matrix")
PAPER = "papier"


def open_round(
    conn: sqlite3.Connection,
    session_id: int,
    mode: str = "dots",
    dots_per_participant: int | None = 3,
    label: str | None = None,
) -> int:
    """A new round (a re-vote is a new round beside the first); an open round is closed first."""
    if mode not in MODES:
        raise ValidationError(f"Onbekende stemvorm '{mode}'; kies 'dots' of 'matrix'.")
    if mode == "dots" and (not isinstance(dots_per_participant, int) or dots_per_participant < 1):
        raise ValidationError("Geef elke deelnemer minstens 1 stip.")
    with store.transaction(conn):
        for r in rounds(conn, session_id):
            if r["status"] == "open":
                close_round(conn, r["id"])
        number = max((r["number"] for r in rounds(conn, session_id)), default=0) + 1
        return store.insert(
            conn,
            "vote_rounds",
            {
                "session_id": session_id,
                "mode": mode,
                "number": number,
                "dots_per_participant": dots_per_participant if mode == "dots" else None,
                "status": "open",
                "opened_at": store.now(),
                "label": label,
            },
        )


def close_round(conn: sqlite3.Connection, round_id: int) -> None:
    """Closed rounds keep their votes but take no new ones."""
    store.update(conn, "vote_rounds", round_id, {"status": "closed", "closed_at": store.now()})


def rounds(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """All rounds of a session, first round first."""
    return store.rows(conn, "vote_rounds", {"session_id": session_id}, order_by="number")


def _open_round(conn: sqlite3.Connection, round_id: int, mode: str) -> dict[str, Any]:
    r = store.get(conn, "vote_rounds", round_id)
    if r["status"] != "open":
        raise ValidationError(
            f"Ronde {r['number']} is gesloten; open een nieuwe ronde om te stemmen."
        )
    if r["mode"] != mode:
        raise ValidationError(
            f"Ronde {r['number']} is geen {'stippen' if mode == 'dots' else 'matrix'}ronde."
        )
    return r


def _check_participant(participant: str) -> str:
    if not participant or not participant.strip():
        raise ValidationError(
            "Vul een schuilnaam of discipline in (bijv. 'huisarts 2'); een echte naam is niet nodig."
        )
    return participant.strip()


def _check_knelpunt(conn: sqlite3.Connection, session_id: int, knelpunt_id: int) -> None:
    row = conn.execute(
        "SELECT session_id, deleted_at FROM knelpunten WHERE id = ?", (knelpunt_id,)
    ).fetchone()
    if row is None or row[0] != session_id or row[1] is not None:
        raise ValidationError(f"Knelpunt {knelpunt_id} hoort niet (meer) bij deze sessie.")


def _replace_votes(conn: sqlite3.Connection, round_id: int, participant: str) -> None:
    """A participant re-entering their votes replaces the earlier entry (kept in history)."""
    for v in store.rows(conn, "votes", {"round_id": round_id, "participant": participant}):
        store.soft_delete(conn, "votes", v["id"])


def _store_votes(
    conn: sqlite3.Connection,
    r: Mapping[str, Any],
    participant: str,
    device_token: str | None,
    votes: Mapping[int, Mapping[str, int]],
) -> None:
    """Replace a participant's votes in round `r` by `votes` (per knelpunt), in one transaction."""
    with store.transaction(conn):
        _replace_votes(conn, r["id"], participant)
        for knelpunt_id, values in votes.items():
            _check_knelpunt(conn, r["session_id"], knelpunt_id)
            store.insert(
                conn,
                "votes",
                {
                    "round_id": r["id"],
                    "knelpunt_id": knelpunt_id,
                    "participant": participant,
                    "device_token": device_token,
                    **values,
                },
            )


def cast_dots(
    conn: sqlite3.Connection,
    round_id: int,
    participant: str,
    allocation: Mapping[int, int],
    device_token: str | None = None,
) -> None:
    """Store one participant's dots; more than the round allows is refused with a Dutch message."""
    r = _open_round(conn, round_id, "dots")
    participant = _check_participant(participant)
    if any((not isinstance(n, int)) or n < 0 for n in allocation.values()):
        raise ValidationError("Het aantal stippen per knelpunt is een heel getal van 0 of meer.")
    total, limit = sum(allocation.values()), r["dots_per_participant"]
    if total > limit:
        raise ValidationError(
            f"{participant} verdeelt {total} stippen, maar in ronde {r['number']} heeft "
            f"iedereen er {limit}. Haal er {total - limit} weg."
        )
    votes = {knelpunt_id: {"dots": n} for knelpunt_id, n in allocation.items() if n != 0}
    _store_votes(conn, r, participant, device_token, votes)


def cast_scores(
    conn: sqlite3.Connection,
    round_id: int,
    participant: str,
    scores: Mapping[int, tuple[int, int]],
    device_token: str | None = None,
) -> None:
    """Store one participant's impact and haalbaarheid (1–5 each) per knelpunt."""
    r = _open_round(conn, round_id, "matrix")
    participant = _check_participant(participant)
    for impact, haalbaar in scores.values():
        if not all(isinstance(x, int) and 1 <= x <= 5 for x in (impact, haalbaar)):
            raise ValidationError("Impact en haalbaarheid zijn elk een cijfer van 1 tot en met 5.")
    votes = {kid: {"impact": i, "haalbaarheid": h} for kid, (i, h) in scores.items()}
    _store_votes(conn, r, participant, device_token, votes)


def participants(conn: sqlite3.Connection, round_id: int) -> list[str]:
    """Who has voted in a round (pseudonyms), so the facilitator sees who is still missing."""
    names = {v["participant"] for v in store.rows(conn, "votes", {"round_id": round_id})}
    return sorted(names - {PAPER})


def tally_version(conn: sqlite3.Connection, session_id: int) -> str:
    """A cheap fingerprint of a session's rounds, votes and knelpunten; pollers redraw when it changes."""
    row = conn.execute(
        "SELECT "
        "(SELECT COUNT(*) || '/' || COALESCE(MAX(v.updated_at), '') FROM votes v "
        " JOIN vote_rounds r ON r.id = v.round_id WHERE r.session_id = :s), "
        "(SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), '') FROM vote_rounds "
        " WHERE session_id = :s), "
        "(SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), '') FROM knelpunten "
        " WHERE session_id = :s)",
        {"s": session_id},
    ).fetchone()
    return hashlib.sha256(repr(tuple(row)).encode()).hexdigest()[:16]
