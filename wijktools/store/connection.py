"""The workshop store: SQLite that keeps every entry the moment it is made, with history and undo."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from wijktools.errors import StoreError
from wijktools.paths import project_root

BUSY_TIMEOUT_MS = 10_000
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_BOOKKEEPING = {"id", "created_at", "updated_at", "deleted_at"}


def default_db_path() -> Path:
    """WIJKTOOLS_DB wins; otherwise one file beside the project, so notebooks and CLI agree."""
    env = os.environ.get("WIJKTOOLS_DB")
    if env:
        return Path(env).expanduser().resolve()
    return project_root() / "data" / "sessies" / "wijktools.sqlite"


def now() -> str:
    """UTC timestamps with microseconds keep history ordered even for fast edits."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def migrations() -> list[tuple[int, str, str]]:
    """Numbered SQL files shipped in wijktools/migrations, in order: (version, name, sql)."""
    found = []
    for entry in resources.files("wijktools.store.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def schema_version() -> int:
    """The newest schema this wijktools knows; older files are upgraded to it."""
    known = migrations()
    return known[-1][0] if known else 0


def connect(
    path: str | os.PathLike[str] | None = None, *, migrate: bool = True
) -> sqlite3.Connection:
    """Open (or create) a store with durable settings and the current schema."""
    db_path = Path(path).expanduser() if path else default_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"Het bestand '{db_path}' is geen leesbare wijktools-database ({exc}). "
            "Kies een ander bestand met --db of WIJKTOOLS_DB."
        ) from exc
    if migrate:
        upgrade(conn, db_path)
    return conn


def upgrade(conn: sqlite3.Connection, db_path: Path | str = "") -> int:
    """Apply missing migrations in one transaction each; refuse files from a newer wijktools."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    newest = schema_version()
    if current > newest:
        raise StoreError(
            f"De database '{db_path}' is gemaakt met een nieuwere versie van wijktools "
            f"(schema {current}, deze versie kent tot {newest}). Werk wijktools bij; "
            "het bestand is niet gewijzigd."
        )
    for version, name, sql in migrations():
        if version <= current:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            # executescript would commit first; run statements one by one inside our transaction.
            for statement in _split_sql(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            conn.execute("ROLLBACK")
            raise StoreError(
                f"Bijwerken van de database '{db_path}' naar schema {version} ({name}) is mislukt: "
                f"{exc}. Het bestand is niet gewijzigd; maak een back-up en meld dit."
            ) from exc
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _split_sql(sql: str) -> list[str]:
    """Split a migration file into complete statements (triggers included)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One user action or one file import = one transaction; nested calls become savepoints."""
    if conn.in_transaction:
        name = f"sp_{id(object())}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        raise StoreError(
            f"De database is bezet: een ander programma of venster schrijft al meer dan "
            f"{BUSY_TIMEOUT_MS // 1000} seconden. Er is niets opgeslagen; probeer het zo opnieuw "
            "(of sluit het andere venster dat met deze sessie werkt)."
        ) from None
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """Known columns of a known table; guards every dynamic SQL name."""
    cols = {row["name"] for row in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))}
    if not cols:
        raise ValueError(f"unknown table {table!r}")
    return cols


def _check(conn: sqlite3.Connection, table: str, values: Mapping[str, Any]) -> None:
    unknown = set(values) - _columns(conn, table)
    if unknown:
        raise ValueError(f"unknown columns for {table}: {sorted(unknown)}")


def _snapshot(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any]:
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise StoreError(f"Regel {row_id} bestaat niet in '{table}'.")
    return dict(row)


def _log(conn: sqlite3.Connection, table: str, row_id: int, action: str, data: dict) -> None:
    conn.execute(
        "INSERT INTO history (table_name, row_id, action, data, changed_at) VALUES (?, ?, ?, ?, ?)",
        (table, row_id, action, json.dumps(data, ensure_ascii=False, default=str), now()),
    )


def insert(conn: sqlite3.Connection, table: str, values: Mapping[str, Any]) -> int:
    """Add a row (committed at once unless inside a transaction) and log it."""
    _check(conn, table, values)
    stamp = now()
    row = {**values, "created_at": stamp, "updated_at": stamp}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    with transaction(conn):
        cur = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))
        row_id = int(cur.lastrowid)
        _log(conn, table, row_id, "insert", _snapshot(conn, table, row_id))
    return row_id


def insert_many(
    conn: sqlite3.Connection, table: str, records: list[Mapping[str, Any]]
) -> list[int]:
    """Add many rows with the same columns in one transaction, each logged; linear in the rows."""
    if not records:
        return []
    names = list(records[0])
    _check(conn, table, dict.fromkeys(names))
    if any(list(r) != names for r in records):
        raise ValueError("insert_many needs the same columns in every record")
    stamp = now()
    columns = ", ".join([*names, "created_at", "updated_at"])
    marks = ", ".join("?" for _ in range(len(names) + 2))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    ids: list[int] = []
    with transaction(conn):
        for record in records:
            ids.append(int(conn.execute(sql, (*record.values(), stamp, stamp)).lastrowid))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = conn.execute(
                f"SELECT * FROM {table} WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
            ).fetchall()
            conn.executemany(
                "INSERT INTO history (table_name, row_id, action, data, changed_at) "
                "VALUES (?, ?, 'insert', ?, ?)",
                [
                    (
                        table,
                        row["id"],
                        json.dumps(dict(row), ensure_ascii=False, default=str),
                        stamp,
                    )
                    for row in found
                ],
            )
    return ids


def update(conn: sqlite3.Connection, table: str, row_id: int, values: Mapping[str, Any]) -> None:
    """Change a row; the earlier version stays in history."""
    _check(conn, table, values)
    if set(values) & _BOOKKEEPING:
        raise ValueError("bookkeeping columns are set by the store")
    with transaction(conn):
        before = _snapshot(conn, table, row_id)
        _log(conn, table, row_id, "before_update", before)
        sets = ", ".join(f"{k} = ?" for k in values)
        conn.execute(
            f"UPDATE {table} SET {sets}, updated_at = ? WHERE id = ?",
            (*values.values(), now(), row_id),
        )


def soft_delete(conn: sqlite3.Connection, table: str, row_id: int) -> None:
    """Hide a row without destroying it; `restore` brings it back."""
    with transaction(conn):
        _log(conn, table, row_id, "delete", _snapshot(conn, table, row_id))
        conn.execute(
            f"UPDATE {table} SET deleted_at = ?, updated_at = ? WHERE id = ?",
            (now(), now(), row_id),
        )


def restore(conn: sqlite3.Connection, table: str, row_id: int) -> None:
    """Undo a soft delete."""
    with transaction(conn):
        _log(conn, table, row_id, "restore", _snapshot(conn, table, row_id))
        conn.execute(
            f"UPDATE {table} SET deleted_at = NULL, updated_at = ? WHERE id = ?",
            (now(), row_id),
        )


def get(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any]:
    """One row as a plain dict (deleted rows included, so undo can show them)."""
    _columns(conn, table)
    return _snapshot(conn, table, row_id)


def rows(
    conn: sqlite3.Connection,
    table: str,
    where: Mapping[str, Any] | None = None,
    *,
    include_deleted: bool = False,
    order_by: str = "id",
) -> list[dict[str, Any]]:
    """Live rows of a table matching simple equality filters, as plain dicts."""
    cols = _columns(conn, table)
    where = dict(where or {})
    unknown = (set(where) | {order_by}) - cols
    if unknown:
        raise ValueError(f"unknown columns for {table}: {sorted(unknown)}")
    clauses = [f"{k} = ?" for k in where]
    if not include_deleted:
        clauses.append("deleted_at IS NULL")
    sql = f"SELECT * FROM {table}"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += f" ORDER BY {order_by}"
    return [dict(r) for r in conn.execute(sql, tuple(where.values()))]


def history(conn: sqlite3.Connection, table: str, row_id: int) -> list[dict[str, Any]]:
    """Every logged version of one row, oldest first."""
    out = []
    for r in conn.execute(
        "SELECT action, data, changed_at FROM history WHERE table_name = ? AND row_id = ? ORDER BY id",
        (table, row_id),
    ):
        out.append(
            {"action": r["action"], "data": json.loads(r["data"]), "changed_at": r["changed_at"]}
        )
    return out


def db_file(conn: sqlite3.Connection) -> str:
    """The file of the connection's main database ('' in memory): a second thread opens its own."""
    return str(conn.execute("PRAGMA database_list").fetchone()[2])


def backup(conn: sqlite3.Connection, target: str | os.PathLike[str]) -> Path:
    """A consistent copy while others may be writing, via SQLite's online backup."""
    target = Path(target).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(tmp)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.replace(tmp, target)
    return target
