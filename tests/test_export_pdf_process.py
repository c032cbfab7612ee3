"""The PDF laid out in a second process: same PDF, same Dutch error, never a partial file."""

import base64
import io
import sys
import textwrap
import zipfile

import pypdf
import pytest
from bs4 import BeautifulSoup

from tests.support.export_helpers import make_session, profile_fixture
from wijktools import export
from wijktools.cli import main
from wijktools.errors import ExportError
from wijktools.figures import theme
from wijktools.render import pdf as pdf_mod
from wijktools.render.docx import render_docx
from wijktools.store import connection as store

RAPPORT = ("html", "pdf", "docx")


def _child_patch(tmp_path, monkeypatch, body: str) -> None:
    """Code the PDF process runs at start-up (sitecustomize): makes WeasyPrint fail in there."""
    folder = tmp_path / "kind"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(textwrap.dedent(body), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(folder))


@pytest.fixture
def session(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn)
    yield conn, sid
    conn.close()


def test_pdf_from_the_second_process_is_the_report(session, tmp_path):
    conn, sid = session
    written = export.export(conn, sid, RAPPORT, tmp_path / "uit", profile=profile_fixture())
    assert list(written) == list(RAPPORT)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(written["pdf"]).pages)
    assert "Kick-off Centrum" in " ".join(text.split())
    assert not list((tmp_path / "uit").glob(".*.tmp"))


def test_weasyprint_failure_in_the_process_gives_todays_dutch_line_and_no_pdf(
    session, tmp_path, monkeypatch, capsys
):
    conn, sid = session
    _child_patch(
        tmp_path,
        monkeypatch,
        """
        import weasyprint

        def kapot(*args, **kwargs):
            raise ValueError("lettertype ontbreekt")

        weasyprint.HTML.write_pdf = kapot
        """,
    )
    out = tmp_path / "uit"
    with pytest.raises(ExportError) as caught:
        export.export(conn, sid, RAPPORT, out, profile=profile_fixture())
    # the message render_pdf gives in one process
    assert str(caught.value) == "Het PDF-rapport kon niet worden gemaakt: lettertype ontbreekt"
    assert not list(out.glob("*.pdf")) and not list(out.glob(".*.tmp"))
    # the other formats are whole
    assert {p.suffix for p in out.iterdir()} == {".html", ".docx"}

    args = ["export", "--sessie", str(sid), "--formaat", "pdf", "--uit", str(tmp_path / "cli")]
    code = main([*args, "--db", str(tmp_path / "db.sqlite")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == "Fout: Het PDF-rapport kon niet worden gemaakt: lettertype ontbreekt"
    assert not (tmp_path / "cli").exists() or not list((tmp_path / "cli").iterdir())


def test_a_process_that_dies_gives_a_dutch_line_and_no_pdf(session, tmp_path, monkeypatch):
    conn, sid = session
    _child_patch(
        tmp_path,
        monkeypatch,
        """
        import os
        import weasyprint

        weasyprint.HTML.write_pdf = lambda *args, **kwargs: os._exit(3)
        """,
    )
    out = tmp_path / "uit"
    with pytest.raises(ExportError, match=r"PDF-proces stopte onverwacht \(code 3\)"):
        export.export(conn, sid, ("pdf",), out, profile=profile_fixture())
    assert not out.exists() or not list(out.iterdir())


def test_without_pango_the_other_formats_export_and_a_dutch_line_says_why(
    session, tmp_path, monkeypatch
):
    conn, sid = session
    fake = tmp_path / "kind" / "weasyprint"
    fake.mkdir(parents=True)
    # what WeasyPrint raises on Windows without Pango
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0'\")\n", encoding="utf-8"
    )
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "kind"))
    out = tmp_path / "uit"
    with pytest.raises(ExportError) as caught:
        export.export(conn, sid, RAPPORT, out, profile=profile_fixture())
    message = str(caught.value)
    assert message.startswith("Het PDF-rapport kon niet worden gemaakt: WeasyPrint start niet")
    assert "Pango" in message and "--formaat html,docx,slides,pptx,xlsx" in message
    assert {p.suffix for p in out.iterdir()} == {".html", ".docx"}


def test_the_process_ends_when_the_export_fails_before_the_report(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    seen = []
    real = export.PdfProcess

    class Watched(real):
        def __init__(self):
            super().__init__()
            seen.append(self._proc)

    export.PdfProcess = Watched
    try:
        with pytest.raises(ExportError, match="Werksessie 99 bestaat niet"):
            export.export(conn, 99, ("pdf",), tmp_path / "uit")
    finally:
        export.PdfProcess = real
    assert len(seen) == 1 and seen[0].returncode == 0  # got no HTML, rendered nothing, exited


def test_the_process_answers_in_its_own_protocol(monkeypatch, capsysbinary):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"<p>x</p>")))
    monkeypatch.setattr("sys.stdout", sys.stdout)  # main() points it at stderr; undone after

    def chatty_then_broken(html):
        print("een bibliotheek die iets meldt")  # must not land in the answer
        raise ExportError("Het PDF-rapport kon niet worden gemaakt: proef")

    monkeypatch.setattr(pdf_mod, "html_to_pdf", chatty_then_broken)
    assert pdf_mod.main() == 0
    captured = capsysbinary.readouterr()
    assert captured.out == export.ANSWER_ERROR + b"Het PDF-rapport kon niet worden gemaakt: proef"
    assert b"een bibliotheek die iets meldt" in captured.err
    assert (pdf_mod.ANSWER_PDF, pdf_mod.ANSWER_ERROR) == (export.ANSWER_PDF, export.ANSWER_ERROR)


@pytest.mark.slow
def test_every_figure_is_drawn_once_and_html_and_pdf_get_the_profile_as_svg(tmp_path, monkeypatch):
    from wijktools.profile import build

    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn)
    profile = build.build("WK040201")
    drawn: list[bytes] = []
    to_png = theme.to_png

    def counted(fig, dpi=150):
        png = to_png(fig, dpi)
        drawn.append(png)
        return png

    monkeypatch.setattr(theme, "to_png", counted)
    at_ready: list[int] = []
    report = export.prepare(conn, sid, profile=profile, ready=lambda r: at_ready.append(len(drawn)))
    used = [f.png for s in report.sections for f in s.figures if f.png]
    used += [s.png for s in report.slides if s.png]
    assert sorted(drawn) == sorted(used)  # nothing drawn twice, nothing drawn for nothing
    assert len(set(drawn)) == len(drawn)

    assert at_ready == [len(drawn) - sum(1 for s in report.slides if s.png)]

    profiel = report.section("profiel")
    assert {f.name for f in profiel.figures} >= {"leeftijd", "gezondheid", "kaart"}
    for fig in profiel.figures:  # SVG for HTML and PDF; Word draws its PNG when it renders
        assert fig.svg.startswith(b"<svg") or b"<svg" in fig.svg[:200]
        assert fig.png == b""
    before = len(drawn)
    with zipfile.ZipFile(io.BytesIO(render_docx(report))) as docx:
        pictures = [docx.read(n) for n in docx.namelist() if n.startswith("word/media/")]
    assert len(drawn) - before == len(profiel.figures)
    assert set(drawn[before:]) <= set(pictures)

    from wijktools.render.report_html import render_html

    soup = BeautifulSoup(render_html(report), "html.parser")
    sources = [img["src"] for img in soup.find_all("img")]
    svg_uris = {theme.to_data_uri(f.svg, "image/svg+xml") for f in profiel.figures}
    assert svg_uris <= set(sources)
    assert not any(
        base64.b64encode(png).decode()[:64] in " ".join(sources) for png in drawn[before:]
    )
