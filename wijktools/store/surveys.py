"""The survey kept with a werksessie: one per session, replaced when a survey is given again."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from wijktools.store import connection as store

TABLE = "session_surveys"


@dataclass(frozen=True)
class StoredSurvey:
    """Which file was read when, and its analysed result as plain data (no answer text)."""

    session_id: int
    file_name: str
    sha256: str
    read_on: str
    result: dict[str, Any]


def save(
    conn: sqlite3.Connection,
    session_id: int,
    *,
    file_name: str,
    sha256: str,
    read_on: str,
    result: dict[str, Any],
) -> int:
    """Keep the session's survey; a second call replaces the first in one transaction."""
    values = {
        "file_name": file_name,
        "sha256": sha256,
        "read_on": read_on,
        "result": json.dumps(result, ensure_ascii=False, sort_keys=True),
    }
    with store.transaction(conn):
        row = conn.execute(
            f"SELECT id FROM {TABLE} WHERE session_id = ?", (int(session_id),)
        ).fetchone()
        if row is None:
            return store.insert(conn, TABLE, {"session_id": int(session_id), **values})
        store.update(conn, TABLE, row["id"], {**values})
        if store.get(conn, TABLE, row["id"])["deleted_at"] is not None:
            store.restore(conn, TABLE, row["id"])
        return int(row["id"])


def get(conn: sqlite3.Connection, session_id: int) -> StoredSurvey | None:
    """The session's own survey, or None when none was given to it."""
    found = store.rows(conn, TABLE, {"session_id": int(session_id)})
    if not found:
        return None
    row = found[0]
    return StoredSurvey(
        session_id=row["session_id"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        read_on=row["read_on"],
        result=json.loads(row["result"]),
    )
