"""Shared set-up for the priorities/agreements tests: a store with one session and its partners."""

from __future__ import annotations

from wijktools.store import connection as store

NASTY = '=HYPERLINK("http://evil.example","klik") "aanhalingstekens" 😀 <script>alert(1)</script>'


def new_session(conn, name="Werksessie (FICTIEF)", area="WK026200", partners=True):
    sid = store.insert(conn, "sessions", {"name": name, "area_code": area, "area_name": "Lochem"})
    if partners:
        for org, disc in [
            ("Welzijn Voorbeeld (FICTIEF)", "welzijnswerk"),
            ("Huisartsenpraktijk De Linde (FICTIEF)", "huisarts"),
            ("Apotheek Centrum (FICTIEF)", "apotheek"),
        ]:
            store.insert(
                conn, "ketenpartners", {"session_id": sid, "organisatie": org, "discipline": disc}
            )
    return sid


def store_at_schema(path, version: int):
    """A store as an older wijktools left it: the migrations up to `version` only (connection open)."""
    conn = store.connect(path, migrate=False)
    for number, _name, sql in store.migrations():
        if number > version:
            break
        for statement in store._split_sql(sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    return conn
