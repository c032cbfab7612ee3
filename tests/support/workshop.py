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
