"""The CLI walk of issue 18: kick-off, afspraak with knelpunt and indicator, progress, vervolg, export."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from wijktools.cli import app, main
from wijktools.store import connection as store

AREA = "WK016401"  # Wijk 01 Hengelose Es, not a demo area


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--db", str(db)])
    return result.exit_code, result.output


def test_kick_off_to_vervolg_with_progress_and_before_after(db_path, tmp_path):
    code, out = _run(
        db_path,
        "sessie",
        "nieuw",
        "Kick-off Hengelose Es",
        "--gebied",
        AREA,
        "--datum",
        "2026-03-10",
    )
    assert code == 0, out
    kickoff = int(out.split()[0])
    code, out = _run(
        db_path,
        "afspraak",
        "nieuw",
        "Welzijn op recept (FICTIEF)",
        "--sessie",
        str(kickoff),
        "--knelpunt",
        "Eenzaam",
        "--indicator",
        "Eenzaam|65+",
        "--status",
        "afgesproken",
    )
    assert code == 0, out
    aid = int(out.split()[0])
    code, out = _run(
        db_path,
        "afspraak",
        "voortgang",
        str(aid),
        "--wie",
        "Welzijn (FICTIEF)",
        "--wat",
        "Eerste spreekuur",
        "--datum",
        "15-5-2026",
        "--voortgang",
        "30",
        "--status",
        "loopt",
    )
    assert code == 0 and "Voortgang opgeslagen" in out
    code, out = _run(
        db_path,
        "sessie",
        "nieuw",
        "Vervolg Hengelose Es",
        "--gebied",
        AREA,
        "--soort",
        "vervolg",
        "--datum",
        "2026-11-20",
    )
    assert code == 0, out
    vervolg = int(out.split()[0])
    assert f"Vervolg op sessie {kickoff}" in out
    assert "Welzijn op recept (FICTIEF) — status loopt, voortgang 30 %" in out
    assert "15 mei 2026 – Welzijn (FICTIEF): Eerste spreekuur" in out
    assert "bij de start 55,3 % (2020); nu nog geen nieuwe meting" in out
    code, again = _run(db_path, "sessie", "bereikt", "--sessie", str(vervolg))
    assert code == 0 and "bij de start 55,3 % (2020)" in again
    code, out = _run(db_path, "afspraak", "lijst", "--sessie", str(vervolg))
    assert "loopt\t30 %\tEenzaam\tEenzaam|65+" in out
    code, out = _run(
        db_path,
        "export",
        "--sessie",
        str(vervolg),
        "--formaat",
        "html",
        "--uit",
        str(tmp_path / "uit"),
    )
    assert code == 0, out
    html = next((tmp_path / "uit").glob("*rapport.html")).read_text(encoding="utf-8")
    assert "Wat is er bereikt" in html and "nog geen nieuwe meting" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["afspraak", "voortgang", "999", "--wie", "a", "--wat", "b"], "Afspraak 999 bestaat niet"),
        (["afspraak", "nieuw", "x", "--sessie", "{sid}", "--indicator", "Onzin"], "codeboek"),
        (
            ["afspraak", "nieuw", "x", "--sessie", "{sid}", "--knelpunt", "Onbekend"],
            "staat niet in sessie",
        ),
        (
            ["afspraak", "nieuw", "x", "--sessie", "{sid}", "--voortgang", "200"],
            "niet tussen 0 en 100",
        ),
        (["afspraak", "koppel", "1"], "Geef --knelpunt, --indicator of --geen-indicator op"),
        (
            ["sessie", "nieuw", "Vervolg", "--gebied", "WK016402", "--soort", "vervolg"],
            "geen eerdere werksessie",
        ),
    ],
)
def test_hostile_input_gives_a_dutch_line_and_exit_1(db_path, capsys, args, message):
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "S (FICTIEF)", "area_code": AREA})
    store.insert(conn, "afspraken", {"session_id": sid, "wat": "Iets"})
    code = main([a.format(sid=sid) for a in args] + ["--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("Fout: ") and message in err
    assert "Traceback" not in err


def test_koppel_shows_the_baseline_in_dutch_notation(db_path):
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "S (FICTIEF)", "area_code": AREA})
    aid = store.insert(conn, "afspraken", {"session_id": sid, "wat": "Iets"})
    code, out = _run(db_path, "afspraak", "koppel", str(aid), "--indicator", "Eenzaam|65+")
    assert code == 0 and "nulmeting 55,3 % (2020, Wijk 01 Hengelose Es (WK016401))" in out
    code, out = _run(db_path, "afspraak", "koppel", str(aid), "--geen-indicator")
    assert code == 0 and "geen indicator" in out
    assert store.get(conn, "afspraken", aid)["baseline_value"] is None


def test_dates_before_the_kick_off_are_refused_and_leave_nothing(db_path, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", str(db_path)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _ = run(
        "sessie", "nieuw", "Kick-off (FICTIEF)", "--gebied", AREA, "--datum", "10-3-2026"
    )
    kickoff = int(out.split()[0])
    code, out, _ = run("afspraak", "nieuw", "Welzijn op recept (FICTIEF)", "--sessie", str(kickoff))
    aid = int(out.split()[0])
    code, _, err = run(
        "afspraak", "voortgang", str(aid), "--wie", "a", "--wat", "b", "--datum", "1-3-2026"
    )
    assert code == 1 and err.startswith("Fout: ") and "vóór de werksessie" in err
    code, _, err = run(
        "sessie", "nieuw", "Vervolg (FICTIEF)", "--gebied", AREA, "--soort", "vervolg",
        "--datum", "1-2-2026",
    )  # fmt: skip
    assert code == 1 and "1 februari 2026" in err and "10 maart 2026" in err
    conn = store.connect(db_path)
    assert len(store.rows(conn, "sessions")) == 1 and store.rows(conn, "afspraak_log") == []
    undated = store.insert(conn, "sessions", {"name": "Zonder datum (FICTIEF)", "area_code": AREA})
    later = store.insert(conn, "afspraken", {"session_id": undated, "wat": "Iets"})
    code, out, err = run(
        "afspraak", "voortgang", str(later), "--wie", "a", "--wat", "b", "--datum", "1-1-2026"
    )
    assert code == 0 and "Voortgang opgeslagen (afspraak" in out
    assert err.startswith("Let op: de datum 1 januari 2026") and "geen datum" in err
