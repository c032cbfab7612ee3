"""Store guarantees the workshop depends on: nothing acknowledged is lost, nothing is destroyed."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_fixture
from wijktools.errors import StoreError
from wijktools.store import connection as store
from wijktools.workshop.sessions import create_session

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

# A child that inserts ketenpartners one by one and prints each id only after its commit returned.
WRITER = """
import sys
from wijktools.store import connection as store
conn = store.connect(sys.argv[1])
sid = int(sys.argv[2])
prefix = sys.argv[3]
limit = int(sys.argv[4])
for i in range(limit):
    new_id = store.insert(conn, "ketenpartners",
                          {"session_id": sid, "organisatie": f"{prefix} {i}", "discipline": "welzijn"})
    print(new_id, flush=True)
"""


def _session(conn):
    return store.insert(conn, "sessions", {"name": "Duurzaamheid", "area_code": "WK194019"})


@pytest.mark.slow
def test_sigkill_mid_stream_keeps_every_acknowledged_entry(db_path):
    conn = store.connect(db_path)
    sid = _session(conn)
    conn.close()
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(sid), "kill", "1000000"],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    acknowledged = []
    for line in child.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= 300:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    # Lines already written by the child before the kill were acknowledged too.
    acknowledged += [int(x) for x in child.stdout.read().split()]
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    conn = store.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {r["id"] for r in store.rows(conn, "ketenpartners", {"session_id": sid})}
    assert set(acknowledged) <= stored
    assert len(acknowledged) >= 300


@pytest.mark.slow
def test_two_processes_writing_at_once_both_succeed(db_path):
    conn = store.connect(db_path)
    sid = _session(conn)
    conn.close()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(sid), name, "150"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for name in ("laptop-a", "laptop-b")
    ]
    outputs = [c.communicate(timeout=120) for c in children]
    assert [c.returncode for c in children] == [0, 0], [err for _, err in outputs]
    conn = store.connect(db_path)
    names = [r["organisatie"] for r in store.rows(conn, "ketenpartners")]
    assert sum(n.startswith("laptop-a") for n in names) == 150
    assert sum(n.startswith("laptop-b") for n in names) == 150


def test_two_connections_in_one_process_see_each_others_commits(db_path):
    first, second = store.connect(db_path), store.connect(db_path)
    sid = _session(first)
    store.insert(
        second, "ketenpartners", {"session_id": sid, "organisatie": "B", "discipline": "GGZ"}
    )
    assert [r["organisatie"] for r in store.rows(first, "ketenpartners")] == ["B"]


def test_older_schema_file_is_upgraded_and_keeps_its_data(tmp_path):
    # Made by wijktools at commit 6ffc11f (schema 1 only); see tests/fixtures/README.md.
    path = copy_fixture("store_schema1_met_sessie.sqlite", tmp_path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    conn = store.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.schema_version() > 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    session = store.rows(conn, "sessions")[0]
    assert session["code"] == "K7PX2M"
    names = [r["organisatie"] for r in store.rows(conn, "ketenpartners")]
    assert names == ["Huisartsenpraktijk Oud (fictief)", "Wijkverpleging Oud (fictief)"]
    actions = [h["action"] for h in store.history(conn, "ketenpartners", 2)]
    assert actions == ["insert", "before_update"]
    # The new tables of later migrations work on the upgraded file.
    from wijktools import network

    network.add_discipline(conn, session["id"], "buurtsportcoach", "welzijn")
    assert "buurtsportcoach" in network.disciplines(conn, session["id"])


def test_newer_schema_file_is_refused_and_left_alone(db_path):
    store.connect(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {store.schema_version() + 1}")
    raw.close()
    before = Path(db_path).read_bytes()
    with pytest.raises(StoreError, match="nieuwere versie van wijktools"):
        store.connect(db_path)
    assert Path(db_path).read_bytes() == before


def test_edit_keeps_history_and_delete_is_undoable(db_path):
    from wijktools import network

    conn = store.connect(db_path)
    sid = create_session(conn, "Kick-off", "WK194019")
    pid = network.add_partner(conn, sid, {"organisatie": "Apotheek A", "discipline": "apotheek"})
    network.update_partner(conn, pid, {"telefoon": "0513-123456"})
    network.update_partner(conn, pid, {"telefoon": "06-12345678"})
    history = store.history(conn, "ketenpartners", pid)
    assert [h["action"] for h in history] == ["insert", "before_update", "before_update"]
    assert history[2]["data"]["telefoon"] == "0513-123456"
    network.delete_partner(conn, pid)
    assert network.partners(conn, sid) == []
    network.restore_partner(conn, pid)
    assert network.partners(conn, sid)[0]["telefoon"] == "06-12345678"


def test_each_entry_is_committed_at_once(db_path):
    from wijktools import network

    conn = store.connect(db_path)
    sid = create_session(conn, "Kick-off", "WK194019")
    network.add_partner(conn, sid, {"organisatie": "Apotheek A", "discipline": "apotheek"})
    assert not conn.in_transaction
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT count(*) FROM ketenpartners").fetchone()[0] == 1


def test_backup_command_makes_consistent_copy(db_path, tmp_path):
    from typer.testing import CliRunner

    from wijktools.cli import app

    conn = store.connect(db_path)
    _session(conn)
    target = tmp_path / "kopie" / "backup.sqlite"
    result = CliRunner().invoke(app, ["sessie", "backup", str(target), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Back-up geschreven" in result.output
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT name FROM sessions").fetchall() == [("Duurzaamheid",)]


def test_backup_without_target_lands_beside_the_database(db_path):
    from typer.testing import CliRunner

    from wijktools.cli import app

    store.connect(db_path).close()
    result = CliRunner().invoke(app, ["sessie", "backup", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    backups = list(Path(db_path).parent.glob("werksessies-backup-*.sqlite"))
    assert len(backups) == 1
