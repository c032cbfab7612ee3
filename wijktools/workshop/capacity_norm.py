"""The reference norm of 'Capaciteit en zorgvraag': patients per FTE huisarts, sourced, per session."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijktools import nl
from wijktools.errors import ValidationError
from wijktools.opendata.codebook import NORMPRAKTIJK, NORMPRAKTIJK_PATIENTEN

if TYPE_CHECKING:
    import sqlite3

# The store (SQLite, sessions) is imported by the functions that read a session's norm: the
# profile shows the default norm and starts without it.

NORM_RANGE = (500, 5000)  # patients per FTE; outside this a norm is a typing error


@dataclass(frozen=True)
class Norm:
    """The reference norm: ingeschreven patiënten per fulltime huisarts, with its source and year."""

    patienten_per_fte: float
    bron: str
    jaar: int
    eigen: bool = False  # set for this session rather than the shipped NZa normpraktijk

    @property
    def label(self) -> str:
        """'normpraktijk 2.095 patiënten per fte huisarts (NZa, 2018)'."""
        return f"{nl.number(self.patienten_per_fte)} patiënten per fte huisarts ({self.bron_kort})"

    @property
    def bron_kort(self) -> str:
        """Organisation and year only, for sentences and figure captions."""
        organisation = re.sub(r"\s*\(.*?\)", "", self.bron.split(",")[0]).strip()
        return f"{organisation}, {self.jaar}"


DEFAULT_NORM = Norm(float(NORMPRAKTIJK_PATIENTEN), NORMPRAKTIJK.line, NORMPRAKTIJK.jaar)


def norm(conn: sqlite3.Connection, session_id: int) -> Norm:
    """The session's own norm when set, else the NZa normpraktijk shipped with wijktools."""
    from wijktools.store import connection as store

    found = store.rows(conn, "capacity_settings", {"session_id": int(session_id)})
    if not found:
        return DEFAULT_NORM
    row = found[0]
    return Norm(float(row["patients_per_fte"]), row["source"], int(row["year"]), eigen=True)


def set_norm(
    conn: sqlite3.Connection, session_id: int, patienten_per_fte: float, bron: str, jaar: int
) -> Norm:
    """A session may use another norm (e.g. the LHV's wish or a regional agreement), always sourced."""
    from wijktools.store import connection as store
    from wijktools.store.sessions import get_session

    get_session(conn, session_id)
    low, high = NORM_RANGE
    try:
        value = float(str(patienten_per_fte).replace(",", "."))
    except ValueError:
        raise ValidationError(
            f"De norm '{patienten_per_fte}' is geen getal; geef het aantal patiënten per fte "
            "huisarts, bijvoorbeeld 2095."
        ) from None
    if not low <= value <= high:
        raise ValidationError(
            f"Een norm van {nl.number(value)} patiënten per fte huisarts is niet aannemelijk; kies "
            f"een getal van {nl.number(low)} tot {nl.number(high)}."
        )
    source = " ".join(str(bron or "").split())
    if not source:
        raise ValidationError(
            "Geef de bron van de norm (organisatie, titel en jaar), zodat iedereen kan nagaan waar "
            "het getal vandaan komt."
        )
    if not 1990 <= int(jaar) <= dt.date.today().year + 1:
        raise ValidationError(f"Het jaar van de norm ({jaar}) is niet aannemelijk.")
    values = {"patients_per_fte": value, "source": source, "year": int(jaar)}
    with store.transaction(conn):
        found = store.rows(conn, "capacity_settings", {"session_id": int(session_id)})
        if found:
            store.update(conn, "capacity_settings", found[0]["id"], values)
        else:
            store.insert(conn, "capacity_settings", {"session_id": int(session_id), **values})
    return norm(conn, session_id)


def reset_norm(conn: sqlite3.Connection, session_id: int) -> None:
    """Back to the shipped NZa normpraktijk (the session's own norm stays in history)."""
    from wijktools.store import connection as store

    for row in store.rows(conn, "capacity_settings", {"session_id": int(session_id)}):
        store.soft_delete(conn, "capacity_settings", row["id"])
