import sqlite3

import pytest

from wijktools.errors import StoreError
from wijktools.store import connection as store


def test_connect_sets_durable_pragmas(db_path):
    conn = store.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.schema_version()


def test_update_keeps_earlier_version_and_delete_is_undoable(db_path):
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Kick-off", "area_code": "WK026200"})
    store.update(conn, "sessions", sid, {"name": "Kick-off Lochem"})
    store.soft_delete(conn, "sessions", sid)
    assert store.rows(conn, "sessions") == []
    store.restore(conn, "sessions", sid)
    assert store.rows(conn, "sessions")[0]["name"] == "Kick-off Lochem"
    actions = [h["action"] for h in store.history(conn, "sessions", sid)]
    assert actions == ["insert", "before_update", "delete", "restore"]
    assert store.history(conn, "sessions", sid)[1]["data"]["name"] == "Kick-off"


def test_transaction_rolls_back_everything_on_error(db_path):
    conn = store.connect(db_path)
    with pytest.raises(RuntimeError), store.transaction(conn):
        store.insert(conn, "sessions", {"name": "a", "area_code": "GM0262"})
        raise RuntimeError("half way")
    assert store.rows(conn, "sessions", include_deleted=True) == []


def test_newer_schema_is_refused_without_change(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA user_version = 9999")
    raw.close()
    with pytest.raises(StoreError, match="nieuwere versie"):
        store.connect(db_path)
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 9999


def test_backup_is_a_readable_copy(db_path, tmp_path):
    conn = store.connect(db_path)
    store.insert(conn, "sessions", {"name": "b", "area_code": "GM0262"})
    copy = store.backup(conn, tmp_path / "kopie.sqlite")
    assert sqlite3.connect(copy).execute("SELECT name FROM sessions").fetchone()[0] == "b"


def test_unknown_column_is_a_programming_error(db_path):
    conn = store.connect(db_path)
    with pytest.raises(ValueError):
        store.insert(conn, "sessions", {"name": "x", "area_code": "y", "bogus; DROP": 1})
