"""Two things at once: imports in separate processes, and phone votes during a long import.

Real processes (multiprocessing, spawn) with their own connections, as two terminals or a terminal
and the voting server would be. Started together behind a barrier; nothing may be lost or doubled.
"""

from __future__ import annotations

import csv
import hashlib
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from tests.support.workshop import new_session
from wijktools.errors import StoreError
from wijktools.network import io as network_io
from wijktools.network.partners import HEADERS as PARTNER_HEADERS
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.workshop import knelpunten, priorities, votes_import

CTX = multiprocessing.get_context("spawn")


def _import(kind: str, db: str, sid: int, path: str, barrier, results) -> None:
    conn = store.connect(db)
    barrier.wait()
    try:
        if kind == "stemmen":
            out = votes_import.import_paper_votes(conn, sid, path)
        else:
            out = str(network_io.import_partners(conn, sid, path))
        results.put(("ok", out))
    except Exception as exc:  # reported to the test, which decides
        results.put(("fout", f"{type(exc).__name__}: {exc}"))


def _run_together(jobs: list[tuple]) -> list[tuple[str, object]]:
    barrier = CTX.Barrier(len(jobs))
    results = CTX.Queue()
    procs = [CTX.Process(target=_import, args=(*job, barrier, results)) for job in jobs]
    for p in procs:
        p.start()
    out = [results.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return out


def _votes_file(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Knelpunt", "Stemmen", "Ronde"])
        for i in range(rows):
            writer.writerow([f"Knelpunt {i} (FICTIEF)", str(1 + i % 5), "1"])
    return path


def _partners_file(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(PARTNER_HEADERS)
        for i in range(rows):
            writer.writerow(
                [f"Praktijk {i} (FICTIEF)", "huisarts"] + [""] * (len(PARTNER_HEADERS) - 2)
            )
    return path


def test_two_vote_imports_of_the_same_file_give_one_round(db_path, tmp_path):
    conn = store.connect(db_path)
    sid = new_session(conn)
    path = _votes_file(tmp_path / "stemmen.csv", 300)
    out = _run_together([("stemmen", str(db_path), sid, str(path))] * 2)
    assert [kind for kind, _ in out] == ["ok", "ok"], out
    rounds = priorities.rounds(conn, sid)
    assert [r["number"] for r in rounds] == [1]
    live = conn.execute(
        "SELECT COUNT(*), SUM(dots) FROM votes WHERE round_id = ? AND deleted_at IS NULL",
        (rounds[0]["id"],),
    ).fetchone()
    assert tuple(live) == (300, sum(1 + i % 5 for i in range(300)))
    assert len(knelpunten.knelpunten(conn, sid)) == 300


def test_same_partner_file_twice_at_once_the_second_reports_what_it_found(db_path, tmp_path):
    conn = store.connect(db_path)
    sid = new_session(conn, partners=False)
    path = _partners_file(tmp_path / "sociale_kaart.csv", 400)
    out = sorted(_run_together([("ketenpartners", str(db_path), sid, str(path))] * 2))
    assert out == [
        ("ok", "0 toegevoegd, 0 bijgewerkt, 400 ongewijzigd"),
        ("ok", "400 toegevoegd, 0 bijgewerkt, 0 ongewijzigd"),
    ]
    count = conn.execute(
        "SELECT COUNT(*) FROM ketenpartners WHERE session_id = ? AND deleted_at IS NULL", (sid,)
    ).fetchone()[0]
    assert count == 400


def test_the_database_refuses_a_second_partner_with_the_same_name(conn):
    sid = new_session(conn)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO ketenpartners (session_id, organisatie, discipline, created_at, updated_at)"
            " VALUES (?, 'WELZIJN VOORBEELD (FICTIEF)', 'welzijn', 'x', 'x')",
            (sid,),
        )


def test_phone_votes_during_a_long_import_are_all_stored(db_path, tmp_path):
    conn = store.connect(db_path)
    sid = new_session(conn)
    ids = [knelpunten.add_knelpunt(conn, sid, f"Knelpunt telefoon {i} (FICTIEF)") for i in range(3)]
    rid = priorities.open_round(conn, sid, "dots", 3)
    path = _partners_file(tmp_path / "groot.csv", 20_000)
    barrier = CTX.Barrier(2)
    results = CTX.Queue()
    importer = CTX.Process(
        target=_import, args=("ketenpartners", str(db_path), sid, str(path), barrier, results)
    )
    importer.start()
    barrier.wait()
    stored = 0
    while importer.is_alive() or stored < 20:
        ballot = ballots.Ballot(rid, dots={ids[stored % 3]: 1})
        ballots.cast_phone_vote(conn, sid, ballot, hashlib.sha256(str(stored).encode()).hexdigest())
        stored += 1
        if stored >= 200:
            break
    assert results.get(timeout=300)[0] == "ok"
    importer.join(timeout=60)
    assert priorities.results(conn, rid).participants == stored
    live = conn.execute(
        "SELECT COUNT(*) FROM ketenpartners WHERE session_id = ? AND deleted_at IS NULL", (sid,)
    ).fetchone()[0]
    assert live == 20_000 + 3


def test_a_writer_that_waits_too_long_gets_a_dutch_message(db_path, monkeypatch):
    conn = store.connect(db_path)
    sid = new_session(conn)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 200)
    holder = store.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        waiting = store.connect(db_path)
        with pytest.raises(StoreError, match="De database is bezet") as info:
            knelpunten.add_knelpunt(waiting, sid, "Eenzaamheid (FICTIEF)")
        assert "locked" not in str(info.value)
    finally:
        holder.execute("ROLLBACK")
    assert knelpunten.knelpunten(conn, sid) == []
