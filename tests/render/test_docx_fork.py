"""Word from a forked copy of the export: the same document, the same Dutch errors, no partial file."""

import io
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.support.export_helpers import make_session
from wijktools import export
from wijktools.errors import ExportError
from wijktools.processes import fork_is_safe
from wijktools.render import docx_fork
from wijktools.render.docx import render_docx
from wijktools.store import connection as store

pytestmark = pytest.mark.slow
PACKAGE_ROOT = Path(export.__file__).resolve().parent.parent  # this copy of wijktools


@pytest.fixture
def forking_is_safe():
    """Checked per test: a thread another test left running makes the export render in-process."""
    import threading

    if not fork_is_safe():
        pytest.skip(f"Word is forked only where forking is safe; threads: {threading.enumerate()}")


@pytest.fixture(scope="module")
def profile():
    from wijktools.profile import build

    return build.build("WK040201")


@pytest.fixture
def session(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    yield conn, make_session(conn)
    conn.close()


@pytest.fixture
def forks(monkeypatch):
    """Every DocxFork the export makes, to look at its process afterwards."""
    made = []
    real = docx_fork.DocxFork

    class Seen(real):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self._proc)

    monkeypatch.setattr(docx_fork, "DocxFork", Seen)
    return made


def _parts(data: bytes) -> tuple[list[bytes], str]:
    """The pictures (in order) and the text of a Word file."""
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        media = sorted(n for n in docx.namelist() if n.startswith("word/media/"))
        return [docx.read(n) for n in media], docx.read("word/document.xml").decode("utf-8")


def _cli_export(tmp_path, sid: int, formats: str, patch: str = "") -> subprocess.CompletedProcess:
    """`wijktools export` in a fresh process (no threads another test left), `patch` run first."""
    folder = tmp_path / "kind"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(textwrap.dedent(patch), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(folder), str(PACKAGE_ROOT)]))
    args = ["export", "--sessie", str(sid), "--db", str(tmp_path / "db.sqlite")]
    args += ["--formaat", formats, "--uit", str(tmp_path / "uit")]
    return subprocess.run(
        [sys.executable, "-m", "wijktools", *args], env=env, capture_output=True, text=True
    )


def test_word_from_the_fork_is_the_document_made_in_one_process(session, tmp_path):
    conn, sid = session
    made_by = tmp_path / "pids.txt"
    done = _cli_export(
        tmp_path,
        sid,
        "html,pdf,docx",
        f"""
        import os
        from wijktools.render import docx_fork

        serve = docx_fork._serve

        def noted(*args):
            with open({str(made_by)!r}, "a") as f:
                f.write(f"{{os.getppid()}} {{os.getpid()}}\\n")
            serve(*args)

        docx_fork._serve = noted
        """,
    )
    assert done.returncode == 0, done.stderr
    (parent, child), *more = [line.split() for line in made_by.read_text().splitlines()]
    assert not more and parent != child  # one copy, forked by the export
    written = next((tmp_path / "uit").glob("*.docx"))
    pictures, text = _parts(written.read_bytes())
    report = export.prepare(conn, sid)  # the profile of WK040201, as the command built it
    assert (pictures, text) == _parts(render_docx(report))
    profiel = report.section("profiel")
    assert len(profiel.figures) >= 3  # drawn in the fork, as PNG
    assert sum(p.startswith(b"\x89PNG") for p in pictures) >= len(profiel.figures)
    assert sorted(p.suffix for p in (tmp_path / "uit").iterdir()) == [".docx", ".html", ".pdf"]


def test_a_fork_that_dies_leaves_no_docx_and_the_other_formats_whole(session, tmp_path):
    _conn, sid = session
    done = _cli_export(
        tmp_path,
        sid,
        "html,docx,xlsx",
        """
        import os
        import docx.document

        docx.document.Document.save = lambda *args, **kwargs: os._exit(3)
        """,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Fout: Het Word-rapport kon niet worden gemaakt: het Word-proces stopte onverwacht "
        "(code 3). Probeer de export opnieuw."
    )
    out = tmp_path / "uit"
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".xlsx"]
    assert not list(out.glob(".*.tmp"))


@pytest.mark.usefixtures("forking_is_safe")
def test_a_profile_note_instead_of_a_profile_needs_no_fork(session, forks, tmp_path):
    conn, sid = session
    note = {"melding": "Geen open data voor dit gebied."}
    written = export.export(conn, sid, ("docx",), tmp_path / "uit", profile=note)
    assert forks == [] and written["docx"].stat().st_size > 0


@pytest.mark.usefixtures("forking_is_safe")
def test_a_dutch_error_in_the_fork_reads_as_in_one_process(
    session, profile, forks, tmp_path, monkeypatch
):
    conn, sid = session

    def refused(report):
        raise ExportError("Het Word-rapport kon niet worden gemaakt: de tabel is te breed.")

    monkeypatch.setattr("wijktools.render.docx.render_docx", refused)  # the fork inherits it
    out = tmp_path / "uit"
    with pytest.raises(ExportError) as caught:
        export.export(conn, sid, ("html", "docx", "xlsx"), out, profile=profile)
    assert str(caught.value) == "Het Word-rapport kon niet worden gemaakt: de tabel is te breed."
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".xlsx"]


@pytest.mark.usefixtures("forking_is_safe")
def test_the_fork_is_stopped_when_the_export_fails_before_the_report(
    session, profile, forks, tmp_path, monkeypatch
):
    conn, sid = session

    def broken(*args, **kwargs):
        raise ExportError("De enquête bij deze werksessie is onleesbaar.")

    monkeypatch.setattr("wijktools.export.session_survey.kept", broken)
    with pytest.raises(ExportError, match="onleesbaar"):
        export.export(conn, sid, ("pdf", "docx"), tmp_path / "uit", profile=profile)
    assert len(forks) == 1 and not forks[0].is_alive() and forks[0].exitcode is not None
    assert not (tmp_path / "uit").exists()
