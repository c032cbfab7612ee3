"""CLI: sessie nieuw/lijst/backup, importeer ketenpartners/relaties, sjabloon; --db and WIJKTOOLS_DB."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wijktools import network
from wijktools.cli import app
from wijktools.store import connection as store

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_sessie_nieuw_prints_id_and_lijst_shows_it(db_path):
    result = run(
        "sessie",
        "nieuw",
        "Kick-off Joure",
        "--gebied",
        "WK194019",
        "--facilitator",
        "An",
        "--datum",
        "23-11-2026",
        "--db",
        str(db_path),
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1"
    listing = run("sessie", "lijst", "--db", str(db_path))
    assert "Wijk 19 Joure (WK194019)" in listing.output
    assert "2026-11-23" in listing.output and "Kick-off Joure" in listing.output


def test_sessie_nieuw_kern(db_path):
    import wijktools.opendata.areas as areas

    codes = ",".join(areas.members_of("GM1940")[:2])
    result = run(
        "sessie", "nieuw", "Kern", "--kern", "Joure e.o.", "--codes", codes, "--db", str(db_path)
    )
    assert result.exit_code == 0, result.output


def test_lijst_on_empty_store_explains(db_path):
    assert "Nog geen werksessies" in run("sessie", "lijst", "--db", str(db_path)).output


def test_import_commands_and_templates(db_path, tmp_path):
    run("sessie", "nieuw", "Kick-off", "--gebied", "WK194019", "--db", str(db_path))
    partners_file, relations_file = network.demo_files()
    out = run(
        "importeer", "ketenpartners", str(partners_file), "--sessie", "1", "--db", str(db_path)
    )
    assert out.exit_code == 0 and "18 toegevoegd" in out.output
    out = run("importeer", "relaties", str(relations_file), "--sessie", "1", "--db", str(db_path))
    assert out.exit_code == 0 and "12 toegevoegd" in out.output
    for kind in ("ketenpartners", "relaties"):
        out = run("sjabloon", kind, str(tmp_path / f"{kind}.xlsx"))
        assert out.exit_code == 0 and (tmp_path / f"{kind}.xlsx").exists()


def test_env_variable_selects_database(tmp_path):
    db = tmp_path / "env.sqlite"
    result = CliRunner(env={"WIJKTOOLS_DB": str(db)}).invoke(
        app, ["sessie", "nieuw", "x", "--gebied", "WK194019"]
    )
    assert result.exit_code == 0, result.output
    assert store.rows(store.connect(db), "sessions")[0]["name"] == "x"


@pytest.mark.slow
def test_errors_are_dutch_lines_without_traceback(db_path, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    base = [sys.executable, "-m", "wijktools"]
    bad = tmp_path / "fout.csv"
    bad.write_text("Organisatie;Discipline\nA;huisarts\n", encoding="utf-8")
    subprocess.run(
        [*base, "sessie", "nieuw", "x", "--gebied", "WK194019", "--db", str(db_path)],
        env=env,
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [*base, "importeer", "ketenpartners", str(bad), "--sessie", "1", "--db", str(db_path)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Fout: Het bestand")
    assert "kolom 'Werkdagen'" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run(
        [*base, "importeer", "relaties", str(bad), "--sessie", "99", "--db", str(db_path)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "Werksessie 99 bestaat niet" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["sessie", "nieuw"],
        ["sessie", "lijst"],
        ["sessie", "backup"],
        ["importeer", "ketenpartners"],
        ["importeer", "relaties"],
        ["sjabloon", "ketenpartners"],
        ["sjabloon", "relaties"],
    ],
)
def test_every_command_has_dutch_help_with_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Voorbeeld: wijktools " + " ".join(command) in text
