"""Every export of a session in one call: assemble the Report once, render each format, write atomically.

The PDF is laid out by WeasyPrint in a second process (`PdfProcess`, the same on Windows):
it imports WeasyPrint while this process builds the profile and draws the figures, and lays out
the pages while this one writes Word, PowerPoint, reveal.js and Excel. The report, its figures and
the other formats are imported only when needed, so that second process starts first.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijktools import paths
from wijktools.errors import ExportError, WijktoolsError
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import session_survey

if TYPE_CHECKING:
    from wijktools.report.model import Report

FORMATS: dict[str, tuple[str, str]] = {
    # format: (file-name suffix, what it is in Dutch)
    "html": ("rapport.html", "rapport (HTML)"),
    "pdf": ("rapport.pdf", "rapport (PDF)"),
    "docx": ("rapport.docx", "rapport (Word)"),
    "slides": ("presentatie.html", "presentatie (reveal.js)"),
    "pptx": ("presentatie.pptx", "presentatie (PowerPoint)"),
    "xlsx": ("sociale-kaart.xlsx", "sociale kaart (Excel)"),
}
ALL_FORMATS = tuple(FORMATS)
DOCUMENTS: dict[str, tuple[str, ...]] = {
    "rapport": ("html", "pdf", "docx"),
    "presentatie": ("slides", "pptx"),
    "sociale_kaart": ("xlsx",),
}


def _renderer(fmt: str) -> Callable[[Report], bytes]:
    """Import renderers lazily: WeasyPrint alone costs more than a second to import."""
    if fmt == "html":
        from wijktools.render.report_html import render_html

        return lambda r: render_html(r).encode("utf-8")
    if fmt == "pdf":
        from wijktools.render.pdf import render_pdf

        return render_pdf
    if fmt == "docx":
        from wijktools.render.docx import render_docx

        return render_docx
    if fmt == "slides":
        from wijktools.render.slides import render_slides

        return lambda r: render_slides(r).encode("utf-8")
    if fmt == "pptx":
        from wijktools.render.pptx import render_pptx

        return render_pptx
    from wijktools.render.xlsx import render_xlsx

    return render_xlsx


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """'html,pdf' or a list; unknown names get a Dutch message listing the known ones."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = tuple(dict.fromkeys(f.strip().lower() for f in items if f and f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ExportError(
            f"Onbekend exportformaat: {', '.join(unknown)}. Kies uit: {', '.join(ALL_FORMATS)}."
        )
    if not wanted:
        raise ExportError(f"Kies minstens één exportformaat uit: {', '.join(ALL_FORMATS)}.")
    return wanted


def pick(formats: str | Iterable[str], document: str) -> tuple[str, ...]:
    """The chosen formats of one document (rapport, presentatie, sociale_kaart); may be empty."""
    chosen = parse_formats(formats)
    return tuple(f for f in DOCUMENTS[document] if f in chosen)


def file_names(session_name: str) -> dict[str, str]:
    """File name per format, from the slug of the session's name."""
    base = paths.slug(session_name, fallback="sessie")
    return {fmt: f"{base}-{suffix}" for fmt, (suffix, _label) in FORMATS.items()}


def default_dir(session_name: str) -> Path:
    """exports/<slug of session name>/, always inside the exports folder."""
    return paths.inside(paths.exports_dir(), paths.slug(session_name, fallback="sessie"))


def _profile_for(session: dict[str, Any]) -> object:
    """The wijkprofiel of the session's area (wijk, buurt or kern), when it can be built."""
    from wijktools.profile import build as profile_mod
    from wijktools.report.profile import ProfileSummary

    try:
        codes = json.loads(session.get("kern_codes") or "null")
        if codes:
            # The kern's own name, never its internal code, heads every table and figure.
            name = session.get("area_name") or session["area_code"]
            area = profile_mod.choose_area("", name, ",".join(codes))
            return profile_mod.build(area)
        return profile_mod.build(session["area_code"])
    except WijktoolsError as exc:  # the report says why, the other sections still export
        return ProfileSummary(melding=f"Het wijkprofiel kon niet worden gemaakt: {exc}")


def read_survey(
    path: str | Path | None,
    mapping: str | Path | None = None,
    *,
    open_antwoorden_ongewijzigd: bool = False,
    plaatsen: Iterable[str] = (),
) -> object:
    """A survey export analysed with the n<5 rule, open answers de-identified; no path gives None."""
    if not path:
        return None
    from wijktools import survey as survey_mod

    return survey_mod.analyse(
        survey_mod.read(path, mapping or None),
        open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd,
        plaatsen=plaatsen,
    )


def survey_line(
    conn: sqlite3.Connection, session_id: int, enquete: str | Path | None = None
) -> str:
    """Which survey an export of the session uses, in one Dutch line (CLI and notebook)."""
    return session_survey.survey_line(conn, session_id, enquete)


def prepare(
    conn: sqlite3.Connection,
    session_id: int,
    *,
    met_contactgegevens: bool = False,
    profile: object = None,
    survey: object = None,
    enquete: str | Path | None = None,
    enquete_mapping: str | Path | None = None,
    open_antwoorden_ongewijzigd: bool = False,
    ready: Callable[[Report], None] | None = None,
) -> Report:
    """Assemble the Report once (profile built, survey read); `write` then renders any format.

    Without `survey` or `enquete` the survey kept with the session is used (`survey_line` says
    which); a file given as `enquete` wins and is not kept. `ready` sees the report as soon as its
    sections are final (see report.assemble.assemble).
    """
    from wijktools.report.assemble import assemble

    if not sessions.exists(conn, session_id):
        raise ExportError(f"Werksessie {session_id} bestaat niet; kies een bestaande sessie.")
    session = store.get(conn, "sessions", session_id)
    if survey is None and not enquete:
        survey = session_survey.kept(
            conn, session_id, open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd
        )
    if profile is None:
        profile = _profile_for(session)
        if hasattr(profile, "capaciteit"):  # a Profile, not a note saying why there is none
            from wijktools.workshop import capacity

            capacity.attach(profile, conn, session_id)
    if survey is None:
        survey = read_survey(
            enquete,
            enquete_mapping,
            open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd,
            plaatsen=[session.get("area_name") or "", session.get("area_code") or ""],
        )
    return assemble(
        conn,
        session_id,
        met_contactgegevens=met_contactgegevens,
        profile=profile,
        survey=survey,
        ready=ready,
    )


class PdfProcess:
    """The PDF laid out by WeasyPrint in a second Python process; its errors read as in one process.

    Started before the report is assembled (it imports WeasyPrint meanwhile); `start` hands it the
    report's HTML once the sections are final, `result` waits for the PDF bytes. The process writes
    no file: the bytes are written here, atomically, like every other format. A plain child process
    (`python -m wijktools.render.pdf`), not multiprocessing: it never re-runs the caller's script,
    and it starts the same way on Windows.
    """

    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)  # this copy of wijktools
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "wijktools.render.pdf"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._feeder: threading.Thread | None = None

    def start(self, report: Report) -> None:
        """Lay out the report's HTML now (the sections must be final); returns at once."""
        from wijktools.render.report_html import render_html

        html = render_html(report).encode("utf-8")
        # A thread writes it: the pipe takes 64 KB while the process may still be importing.
        self._feeder = threading.Thread(target=self._feed, args=(html,), daemon=True)
        self._feeder.start()

    def _feed(self, html: bytes) -> None:
        stdin = self._proc.stdin
        assert stdin is not None
        try:
            stdin.write(html)
            stdin.close()
        except OSError:  # the process is gone; result() says so
            pass

    def result(self, report: Report) -> bytes:
        """The PDF bytes; an ExportError with the Dutch reason when the PDF could not be made."""
        if self._feeder is None:
            self.start(report)
        assert self._feeder is not None and self._proc.stdout is not None
        answer = self._proc.stdout.read()
        self._feeder.join()
        code = self._proc.wait()
        if answer.startswith(ANSWER_PDF):
            return answer[len(ANSWER_PDF) :]
        if answer.startswith(ANSWER_ERROR):
            raise ExportError(answer[len(ANSWER_ERROR) :].decode("utf-8"))
        raise ExportError(
            "Het PDF-rapport kon niet worden gemaakt: het PDF-proces stopte onverwacht "
            f"(code {code}). Probeer de export opnieuw."
        )

    def close(self) -> None:
        """End the process: it stops by itself when it got no HTML, is stopped when it still works."""
        if self._proc.poll() is None:
            if self._feeder is None and self._proc.stdin is not None:
                self._proc.stdin.close()  # no report came: it exits without rendering
            else:
                self._proc.kill()  # the export failed elsewhere: its PDF is not wanted
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()


# The second process's answers (wijktools.render.pdf.main); repeated here so that this module
# does not import WeasyPrint.
ANSWER_PDF, ANSWER_ERROR = b"PDF\n", b"FOUT\n"


@contextmanager
def pdf_process(formats: Iterable[str]) -> Iterator[PdfProcess | None]:
    """A PdfProcess when the PDF is among the formats (None otherwise, or when none can start)."""
    worker = None
    if "pdf" in formats:
        try:
            worker = PdfProcess()
        except OSError:  # no second process allowed here: the PDF is rendered in this one
            worker = None
    try:
        yield worker
    finally:
        if worker is not None:
            worker.close()


def write(
    report: Report,
    formats: str | Iterable[str] = ALL_FORMATS,
    out_dir: str | Path | None = None,
    *,
    pdf: PdfProcess | None = None,
) -> dict[str, Path]:
    """Render and write the chosen formats; each file appears whole or not at all.

    With `pdf` the PDF comes from that process: the other formats are written while it lays out.
    """
    if not isinstance(formats, str) and not list(formats):
        return {}  # pick() found none of this document's formats among the chosen ones
    wanted = parse_formats(formats)
    name = report.meta.session_name
    target = default_dir(name) if out_dir is None else Path(out_dir).expanduser().resolve()
    names = file_names(name)
    written: dict[str, Path] = {}
    for fmt in wanted:
        if fmt == "pdf" and pdf is not None:
            continue
        data = _renderer(fmt)(report)
        written[fmt] = paths.write_bytes_atomic(paths.inside(target, names[fmt]), data)
    if "pdf" in wanted and pdf is not None:
        data = pdf.result(report)
        written["pdf"] = paths.write_bytes_atomic(paths.inside(target, names["pdf"]), data)
    return {fmt: written[fmt] for fmt in wanted}


def export(
    conn: sqlite3.Connection,
    session_id: int,
    formats: str | Iterable[str] = ALL_FORMATS,
    out_dir: str | Path | None = None,
    met_contactgegevens: bool = False,
    *,
    profile: object = None,
    survey: object = None,
    enquete: str | Path | None = None,
    enquete_mapping: str | Path | None = None,
    open_antwoorden_ongewijzigd: bool = False,
) -> dict[str, Path]:
    """Prepare and write in one call (CLI, demo); formats are checked before any work."""
    if isinstance(formats, str) or list(formats):
        wanted = parse_formats(formats)
    else:
        return {}
    with pdf_process(wanted) as pdf:
        report = prepare(
            conn,
            session_id,
            met_contactgegevens=met_contactgegevens,
            profile=profile,
            survey=survey,
            enquete=enquete,
            enquete_mapping=enquete_mapping,
            open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd,
            ready=pdf.start if pdf is not None else None,
        )
        return write(report, wanted, out_dir, pdf=pdf)


def describe(written: dict[str, Path]) -> list[str]:
    """Dutch lines for the CLI and the notebook: what was written where."""
    return [f"{FORMATS[fmt][1]}: {path}" for fmt, path in written.items()]


def links(written: dict[str, Path], start: str | Path | None = None) -> Any:
    """Clickable links for the notebook, relative to the notebooks folder."""
    from IPython.display import HTML
    from markupsafe import escape

    if not written:
        return HTML("<p>Geen bestanden gemaakt voor dit onderdeel.</p>")
    base = Path(start) if start else paths.notebooks_dir()
    items = []
    for fmt, path in written.items():
        href = Path(os.path.relpath(path, base)).as_posix()
        items.append(
            f'<li>{escape(FORMATS[fmt][1])}: <a href="{escape(href)}" target="_blank">'
            f"{escape(path.name)}</a></li>"
        )
    return HTML("<ul>" + "".join(items) + "</ul>")


def demo(conn: sqlite3.Connection, session_id: int, out_root: str | Path) -> dict[str, Path]:
    """Hook for `make demo`: every format of one session, with the fictional example survey."""
    from wijktools import survey as survey_mod

    name = store.get(conn, "sessions", session_id)["name"]
    target = paths.inside(Path(out_root), paths.slug(name, fallback="sessie"))
    enquete, mapping = survey_mod.demo_paths()
    return export(conn, session_id, ALL_FORMATS, target, enquete=enquete, enquete_mapping=mapping)
