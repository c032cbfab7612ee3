"""The CLI's last line of defence: an unexpected error is one Dutch line plus a log file."""

import subprocess
import sys
from pathlib import Path

import pytest

from wijktools import cli
from wijktools.store import sessions


@pytest.mark.parametrize(
    "failure", [RuntimeError("kapot"), KeyError("organisatie"), ZeroDivisionError()]
)
def test_unexpected_error_is_one_dutch_line_and_a_logged_traceback(
    failure, monkeypatch, tmp_path, capsys
):
    def broken(conn):
        raise failure

    monkeypatch.setattr(sessions, "list_sessions", broken)
    monkeypatch.setenv("WIJKTOOLS_LOGS", str(tmp_path / "logs"))
    assert cli.main(["sessie", "lijst", "--db", str(tmp_path / "w.sqlite")]) == 1
    err = capsys.readouterr().err
    log = tmp_path / "logs" / "fouten.log"
    assert err.strip().splitlines() == [
        f"Onverwachte fout in wijktools; details in {log}. Stuur dat bestand mee als u dit meldt."
    ]
    assert "Traceback" not in err and type(failure).__name__ not in err
    logged = log.read_text(encoding="utf-8")
    assert "Traceback" in logged and type(failure).__name__ in logged
    assert "list_sessions" not in err and "broken" in logged


def test_unwritable_log_folder_still_gives_the_dutch_line(monkeypatch, tmp_path, capsys):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    monkeypatch.setattr(sessions, "list_sessions", lambda conn: 1 / 0)
    monkeypatch.setenv("WIJKTOOLS_LOGS", str(blocker / "logs"))
    assert cli.main(["sessie", "lijst", "--db", str(tmp_path / "w.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Onverwachte fout in wijktools; details in ")
    assert "Traceback" not in err


def test_usage_error_and_abort_keep_their_own_handling(tmp_path, capsys):
    assert cli.main(["sessie", "lijst", "--bestaat-niet"]) == 2
    assert "Onverwachte fout" not in capsys.readouterr().err


def test_whole_process_prints_one_line_not_a_traceback(tmp_path):
    """A real process, no test harness in between: the injected failure reaches main() as is."""
    code = (
        "import sys, wijktools.store.sessions as s\n"
        "s.list_sessions = lambda conn: {}['organisatie']\n"
        "from wijktools.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {"WIJKTOOLS_LOGS": str(tmp_path / "logs"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code, "sessie", "lijst", "--db", str(tmp_path / "w.sqlite")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Onverwachte fout in wijktools; details in ")
    assert done.stderr.count("\n") == 1 and "KeyError" not in done.stderr
    assert "KeyError: 'organisatie'" in (tmp_path / "logs" / "fouten.log").read_text("utf-8")
