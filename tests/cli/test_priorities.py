import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import copy_fixture
from tests.support.workshop import new_session
from wijktools.cli import app
from wijktools.store import connection as store
from wijktools.workshop import agreements, knelpunten

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def setup(db_path):
    conn = store.connect(db_path)
    sid = new_session(conn)
    knelpunten.add_knelpunt(conn, sid, "Lange wachttijd GGZ")
    return conn, sid


def test_importeer_stemmen_and_afspraken_and_sjabloon(setup, db_path, tmp_path):
    conn, sid = setup
    runner = CliRunner()
    votes = copy_fixture("stemmen_papier_twee_rondes_FICTIEF.csv", tmp_path)
    out = runner.invoke(
        app, ["importeer", "stemmen", str(votes), "--sessie", str(sid), "--db", str(db_path)]
    )
    assert out.exit_code == 0, out.output
    assert "5 rijen ingelezen: 29 stemmen in 2 rondes; 2 nieuwe knelpunten" in out.output
    template = tmp_path / "sjabloon.xlsx"
    out = runner.invoke(
        app, ["sjabloon", "afspraken", str(template), "--sessie", str(sid), "--db", str(db_path)]
    )
    assert out.exit_code == 0 and template.exists()
    filled = tmp_path / "afspraken.csv"
    filled.write_text(
        "Knelpunt,Afspraak,Trekker,Deadline,Status\n"
        "Lange wachttijd GGZ,Consultatie-uur,Apotheek Centrum (FICTIEF),1-1-2020,loopt\n",
        encoding="utf-8",
    )
    out = runner.invoke(
        app,
        ["importeer", "afspraken", str(filled), "--sessie", str(sid)],
        env={"WIJKTOOLS_DB": str(db_path)},
    )
    assert out.exit_code == 0, out.output
    assert "1 afspraak ingelezen." in out.output and "Let op: rij 2: de deadline" in out.output
    assert agreements.afspraken(conn, sid)[0]["status"] == "loopt"


def test_bad_file_gives_dutch_error_and_exit_code_1(setup, db_path, tmp_path):
    _, sid = setup
    bad = copy_fixture("stemmen_fouten_per_cel_FICTIEF.csv", tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WIJKTOOLS_DB": str(db_path)}
    done = subprocess.run(
        [sys.executable, "-m", "wijktools", "importeer", "stemmen", str(bad), "--sessie", str(sid)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Fout: Het bestand") and "rij 3, kolom 'Stemmen'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "command", [["importeer", "stemmen"], ["importeer", "afspraken"], ["sjabloon", "afspraken"]]
)
def test_help_is_dutch_with_an_example(command):
    out = CliRunner().invoke(app, [*command, "--help"])
    assert out.exit_code == 0 and "Voorbeeld: wijktools " + " ".join(command) in out.output
