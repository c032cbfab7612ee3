"""Phone votes: session codes, one ballot per device per round, and the live tally the projector polls."""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wijktools.errors import AlreadyVotedError, RoundClosedError, StoreError, ValidationError
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import knelpunten, priorities
from wijktools.workshop.rounds import tally_version

_CODE_CLEAN = re.compile(r"[\s\-_.]")
DEVICE_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{32,64}$")
PHONE_SOURCE = "telefoon"


def normalise_code(text: str) -> str:
    """Participants type codes in any case, with spaces or dashes; the store keeps one spelling."""
    return _CODE_CLEAN.sub("", text or "").upper()


def ensure_code(conn: sqlite3.Connection, session_id: int) -> str:
    """The session's short voting code, created once (random, unique among sessions)."""
    session = store.get(conn, "sessions", session_id)
    if session.get("code"):
        return normalise_code(session["code"])
    code = sessions.new_code(conn)  # sessions made before codes existed get one now
    store.update(conn, "sessions", session_id, {"code": code})
    return code


def session_by_code(conn: sqlite3.Connection, code: str) -> dict[str, Any] | None:
    """The live session a participant's code points to (id and name only), or None."""
    wanted = normalise_code(code)
    if not wanted:
        return None
    try:
        found = sessions.session_by_code(conn, wanted)
    except StoreError:
        return None
    return {"id": found.id, "name": found.name}


def new_device_token() -> str:
    """A random token for the device cookie; it identifies a phone, never a person."""
    return secrets.token_urlsafe(32)


def device_hash(token: str) -> str:
    """Only a hash reaches the store, so the database cannot be used to forge a cookie."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def pseudonym(device_hash_hex: str) -> str:
    """A stable, meaningless name for a phone's votes in results and history."""
    return f"{PHONE_SOURCE} {device_hash_hex[:8]}"


def open_round(conn: sqlite3.Connection, session_id: int) -> dict[str, Any] | None:
    """The one open round of a session (the newest if the data holds more), or None."""
    live = [r for r in priorities.rounds(conn, session_id) if r["status"] == "open"]
    return live[-1] if live else None


def ballot_items(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """What a phone may see of a knelpunt: id, title and description, nothing else."""
    return [
        {"id": k["id"], "title": k["title"], "description": k["description"] or ""}
        for k in knelpunten.knelpunten(conn, session_id)
    ]


def has_voted(conn: sqlite3.Connection, round_id: int, device_hash_hex: str) -> bool:
    """Whether this device already cast its ballot in this round."""
    row = conn.execute(
        "SELECT 1 FROM phone_ballots WHERE round_id = ? AND device_hash = ? AND deleted_at IS NULL",
        (round_id, device_hash_hex),
    ).fetchone()
    return row is not None


@dataclass(frozen=True)
class Ballot:
    """A validated phone ballot: dots per knelpunt, or (impact, haalbaarheid) per knelpunt."""

    round_id: int
    dots: Mapping[int, int] | None = None
    scores: Mapping[int, tuple[int, int]] | None = None


def _int_field(value: str, label: str, low: int, high: int) -> int:
    """A form number, with a Dutch message naming the field when it is not a whole number in range."""
    text = (value or "").strip()
    if not re.fullmatch(r"[0-9]{1,3}", text):
        raise ValidationError(f"'{label}' moet een heel getal zijn van {low} tot en met {high}.")
    number = int(text)
    if not low <= number <= high:
        raise ValidationError(f"'{label}' moet tussen {low} en {high} liggen (nu {number}).")
    return number


def parse_ballot(
    conn: sqlite3.Connection, session_id: int, round_id: int, fields: Mapping[str, str]
) -> Ballot:
    """Check every field of a phone form against the open round; unknown fields are refused."""
    r = open_round(conn, session_id)
    if r is None or r["id"] != round_id:
        raise RoundClosedError(
            "Deze stemronde is inmiddels gesloten. Ververs de pagina om de huidige ronde te zien."
        )
    items = {k["id"]: k["title"] for k in ballot_items(conn, session_id)}
    pattern = re.compile(r"^(k|impact|haalbaarheid)_([0-9]{1,9})$")
    values: dict[str, dict[int, str]] = {"k": {}, "impact": {}, "haalbaarheid": {}}
    for name, value in fields.items():
        match = pattern.match(name)
        if not match:
            raise ValidationError(f"Onbekend veld '{name[:40]}' in het formulier.")
        kind, kid = match.group(1), int(match.group(2))
        if kid not in items:
            raise ValidationError("Het formulier noemt een knelpunt dat niet in deze ronde zit.")
        values[kind][kid] = value
    if r["mode"] == "dots":
        if values["impact"] or values["haalbaarheid"]:
            raise ValidationError("Dit is een stippenronde; geef alleen stippen.")
        limit = int(r["dots_per_participant"])
        dots = {
            kid: _int_field(v, f"stippen voor {items[kid]}", 0, limit)
            for kid, v in values["k"].items()
        }
        total = sum(dots.values())
        if total == 0:
            raise ValidationError("Verdeel minstens één stip over de knelpunten.")
        if total > limit:
            raise ValidationError(
                f"U verdeelt {total} stippen, maar iedereen heeft er {limit}. "
                f"Haal er {total - limit} weg."
            )
        return Ballot(round_id, dots={k: n for k, n in dots.items() if n})
    if values["k"]:
        raise ValidationError("Dit is een ronde met impact en haalbaarheid; geef geen stippen.")
    if set(values["impact"]) != set(items) or set(values["haalbaarheid"]) != set(items):
        raise ValidationError("Geef voor elk knelpunt een score voor impact én haalbaarheid.")
    scores = {
        kid: (
            _int_field(values["impact"][kid], f"impact van {items[kid]}", 1, 5),
            _int_field(values["haalbaarheid"][kid], f"haalbaarheid van {items[kid]}", 1, 5),
        )
        for kid in items
    }
    return Ballot(round_id, scores=scores)


def cast_phone_vote(
    conn: sqlite3.Connection,
    session_id: int,
    ballot: Ballot,
    device_hash_hex: str,
    *,
    by_stemcode: bool = False,
) -> str:
    """Store a ballot once per device per round (the UNIQUE index decides races); returns the pseudonym."""
    name = pseudonym(device_hash_hex)
    try:
        with store.transaction(conn):
            r = open_round(conn, session_id)
            if r is None or r["id"] != ballot.round_id:
                raise RoundClosedError(
                    "Deze stemronde is inmiddels gesloten. Uw stem is niet opgeslagen."
                )
            store.insert(
                conn,
                "phone_ballots",
                {"round_id": ballot.round_id, "device_hash": device_hash_hex, "participant": name},
            )
            if ballot.dots is not None:
                priorities.cast_dots(
                    conn, ballot.round_id, name, dict(ballot.dots), device_hash_hex
                )
            else:
                priorities.cast_scores(
                    conn, ballot.round_id, name, dict(ballot.scores or {}), device_hash_hex
                )
            for vote in store.rows(
                conn, "votes", {"round_id": ballot.round_id, "participant": name}
            ):
                store.update(conn, "votes", vote["id"], {"source": PHONE_SOURCE})
    except sqlite3.IntegrityError as exc:
        if "phone_ballots" not in str(exc):
            raise
        if by_stemcode:
            raise AlreadyVotedError(
                "Met deze stemcode is in deze ronde al gestemd. Elke stemcode stemt één keer "
                "per ronde."
            ) from exc
        raise AlreadyVotedError(
            "Vanaf dit apparaat is in deze ronde al gestemd. Elk apparaat stemt één keer per ronde."
        ) from exc
    return name


# Stemcodes: no 0/O, 1/I/L, so a printed code is typed right the first time.
STEMCODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
STEMCODE_LENGTH = 8
MAX_STEMCODES = 1000


def make_stemcodes(conn: sqlite3.Connection, session_id: int, count: int) -> list[str]:
    """Add `count` one-time stemcodes to a session; from then on every phone ballot needs one."""
    if not 1 <= count <= MAX_STEMCODES:
        raise ValidationError(f"Maak 1 tot {MAX_STEMCODES} stemcodes tegelijk (gevraagd: {count}).")
    store.get(conn, "sessions", session_id)
    with store.transaction(conn):
        taken = {r["code"] for r in store.rows(conn, "stemcodes", {"session_id": session_id})}
        fresh: list[str] = []
        while len(fresh) < count:
            code = "".join(secrets.choice(STEMCODE_ALPHABET) for _ in range(STEMCODE_LENGTH))
            if code not in taken:
                taken.add(code)
                fresh.append(code)
        store.insert_many(conn, "stemcodes", [{"session_id": session_id, "code": c} for c in fresh])
    return fresh


def stemcodes(conn: sqlite3.Connection, session_id: int) -> list[str]:
    """The live stemcodes of a session, in the order they were made (for the printed list)."""
    return [r["code"] for r in store.rows(conn, "stemcodes", {"session_id": session_id})]


def stemcodes_required(conn: sqlite3.Connection, session_id: int) -> bool:
    """A session with stemcodes accepts phone ballots only with one of them."""
    return (
        conn.execute(
            "SELECT 1 FROM stemcodes WHERE session_id = ? AND deleted_at IS NULL LIMIT 1",
            (session_id,),
        ).fetchone()
        is not None
    )


def normalise_stemcode(text: str) -> str:
    """Participants type codes with spaces, dashes or lower case; the store keeps one spelling."""
    return re.sub(r"[\s-]", "", text or "").upper()[:32]


def stemcode_ballot_key(conn: sqlite3.Connection, session_id: int, text: str) -> str:
    """The ballot key of a valid stemcode (one ballot per code per round), or a Dutch refusal."""
    code = normalise_stemcode(text)
    if not code:
        raise ValidationError("Vul de stemcode in die u van de gespreksleider kreeg.")
    found = conn.execute(
        "SELECT 1 FROM stemcodes WHERE session_id = ? AND code = ? AND deleted_at IS NULL",
        (session_id, code),
    ).fetchone()
    if found is None:
        raise ValidationError(
            "Deze stemcode is onbekend. Controleer de code op uw kaartje (letters en cijfers)."
        )
    return hashlib.sha256(f"stemcode:{session_id}:{code}".encode()).hexdigest()


def set_present(conn: sqlite3.Connection, session_id: int, present: int | None) -> None:
    """The number of people in the room, so ballots can be compared with it."""
    if present is not None and not 0 <= present <= 100_000:
        raise ValidationError("Geef het aantal aanwezigen als heel getal (0 of meer).")
    store.update(conn, "sessions", session_id, {"present": present})


def live_results(conn: sqlite3.Connection, session_id: int) -> dict[str, Any]:
    """The projector's view of the current (or last) round as plain JSON-ready data."""
    all_rounds = priorities.rounds(conn, session_id)
    current = open_round(conn, session_id) or (all_rounds[-1] if all_rounds else None)
    out: dict[str, Any] = {"version": tally_version(conn, session_id), "round": None, "rows": []}
    if current is None:
        return out
    res = priorities.results(conn, current["id"])
    phones = conn.execute(
        "SELECT COUNT(*) FROM phone_ballots WHERE round_id = ? AND deleted_at IS NULL",
        (current["id"],),
    ).fetchone()[0]
    out["round"] = {
        "id": res.round_id,
        "number": res.number,
        "title": res.title,
        "mode": res.mode,
        "status": res.status,
        "dots_per_participant": res.dots_per_participant,
        "participants": res.participants,
        "phones": phones,
        "present": conn.execute(
            "SELECT present FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()[0],
        "stemcodes": stemcodes_required(conn, session_id),
    }
    out["rows"] = [
        {
            "knelpunt_id": row.knelpunt_id,
            "title": row.title,
            "score": row.score,
            "rank": row.rank_label,
            "voters": row.voters,
            "impact": row.impact,
            "haalbaarheid": row.haalbaarheid,
            "quadrant": row.quadrant,
        }
        for row in res.rows
    ]
    return out
