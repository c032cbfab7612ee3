import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_notebook_runs_under_papermill_with_parameters(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "WIJKTOOLS_DB": str(tmp_path / "db.sqlite"),
        "WIJKTOOLS_EXPORTS": str(tmp_path / "exports"),
    }
    out = tmp_path / "04-export.out.ipynb"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(ROOT / "notebooks" / "04-export.ipynb"),
            str(out),
            "-p",
            "formaten",
            "html,xlsx",
            "-p",
            "met_contactgegevens",
            "True",
            "--cwd",
            str(ROOT / "notebooks"),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    files = sorted(p.name for p in (tmp_path / "exports").rglob("*") if p.is_file())
    assert files == [
        "kick-off-joure-fictief-voorbeeld-rapport.html",
        "kick-off-joure-fictief-voorbeeld-sociale-kaart.xlsx",
    ]
    book = openpyxl.load_workbook(next((tmp_path / "exports").rglob("*.xlsx")))
    assert "bevat contactgegevens" in book["Sociale kaart"]["A2"].value
    # The demo session took the FICTIEF survey over; the notebook uses it without a path given.
    printed = out.read_text(encoding="utf-8")
    assert "Enquête: enquete_professionals_Joure_FICTIEF.xlsx, bewaard bij werksessie" in printed
    html = next((tmp_path / "exports").rglob("*-rapport.html")).read_text(encoding="utf-8")
    survey_part = html.split('<section id="enquete">', 1)[1].split("</section>", 1)[0]
    assert (
        "Er is geen enquête onder de professionals" not in survey_part and "n = 30" in survey_part
    )


def test_cli_export_writes_files_and_says_so(tmp_path):
    from typer.testing import CliRunner

    from tests.support.export_helpers import make_session
    from wijktools.cli import app
    from wijktools.store import connection as store

    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn)
    conn.close()
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--sessie",
            str(sid),
            "--formaat",
            "docx,xlsx",
            "--uit",
            str(tmp_path / "uit"),
            "--db",
            str(tmp_path / "db.sqlite"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "rapport (Word):" in result.output and "Zonder contactgegevens" in result.output
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [
        "kick-off-centrum-rapport.docx",
        "kick-off-centrum-sociale-kaart.xlsx",
    ]


def test_cli_help_is_dutch_with_example():
    from typer.testing import CliRunner

    from wijktools.cli import app

    result = CliRunner().invoke(app, ["export", "--help"])
    assert "Voorbeeld: wijktools export --sessie 1" in result.output
    assert "--met-contactgegevens" in result.output
