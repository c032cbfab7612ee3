"""`wijktools capaciteit`: the section as lines, and a sourced per-session norm."""

from __future__ import annotations

from typer.testing import CliRunner

from wijktools import network
from wijktools.cli import app
from wijktools.store import connection as store
from wijktools.workshop import capacity_norm


def test_capaciteit_prints_the_figures_and_sets_a_sourced_norm(db_path):
    conn = store.connect(db_path)
    sid = network.load_demo(conn)  # Joure, FICTIEF partners with 5,6 fte huisarts
    conn.close()
    result = CliRunner().invoke(
        app,
        [
            "capaciteit",
            "--sessie",
            str(sid),
            "--db",
            str(db_path),
            "--norm",
            "1800",
            "--norm-bron",
            "LHV, wens normpraktijk (testbron)",
            "--norm-jaar",
            "2017",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "5,6 fte huisarts" in result.output
    assert "1.800 patiënten per fte" in result.output and "eigen norm" in result.output
    assert "Concept-knelpunt 'capaciteit': ja" in result.output  # 13.045 / 1.800 = 7,2 fte
    conn = store.connect(db_path)
    assert capacity_norm.norm(conn, sid).patienten_per_fte == 1800
    conn.close()
    out = db_path.parent / "profiel"
    result = CliRunner().invoke(
        app, ["capaciteit", "--sessie", str(sid), "--db", str(db_path), "--uit", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = (out / "wijkprofiel.html").read_text(encoding="utf-8")
    assert 'id="capaciteit"' in html and "1.800 patiënten per fte" in html


def test_a_norm_without_source_is_refused_in_dutch(db_path, capsys):
    from wijktools import cli

    conn = store.connect(db_path)
    sid = network.load_demo(conn)
    conn.close()
    code = cli.main(["capaciteit", "--sessie", str(sid), "--db", str(db_path), "--norm", "1800"])
    assert code == 1
    assert "bron en een jaar" in capsys.readouterr().err
    conn = store.connect(db_path)
    assert capacity_norm.norm(conn, sid).eigen is False


def test_capaciteit_says_how_to_take_over_a_shortage_the_session_does_not_hold(db_path):
    # Walk (Heerlen Meezenbroek): the session was made before the sociale kaart had FTE, so the
    # report showed 'Te weinig huisartscapaciteit' among the figures' knelpunten, but it was not
    # among the session's knelpunten to vote on, and nothing said how to take it over.
    conn = store.connect(db_path)
    sid = network.load_demo(conn)  # Joure, FICTIEF partners with 5,6 fte huisarts
    conn.close()
    args = ["capaciteit", "--sessie", str(sid), "--db", str(db_path), "--norm", "1800"]
    args += ["--norm-bron", "LHV, wens normpraktijk (testbron)", "--norm-jaar", "2017"]
    hint = f"neem het over met: wijktools knelpunten overnemen --sessie {sid}"
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Concept-knelpunt 'capaciteit': ja" in result.output and hint in result.output
    taken = CliRunner().invoke(
        app, ["knelpunten", "overnemen", "--sessie", str(sid), "--db", str(db_path)]
    )
    assert taken.exit_code == 0, taken.output
    again = CliRunner().invoke(app, args[:5])
    assert "Concept-knelpunt 'capaciteit': ja" in again.output and hint not in again.output
