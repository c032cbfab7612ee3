"""The report as an A4 PDF, rendered offline by WeasyPrint from the same HTML.

`html_to_pdf` takes only the HTML, so an export runs it in a second process (`PdfProcess`, which
runs `main` below): that process imports WeasyPrint while the figures are drawn and lays out the
pages while the deck is drawn and the other formats are written. The report's HTML is imported
only where the Report is at hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from wijktools.errors import ExportError

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

    from wijktools.report.model import Report

ALLOWED_SCHEMES = {"data", "file"}  # nothing may be fetched from the network


def load_weasyprint() -> None:
    """Import WeasyPrint; without its system libraries (Pango, e.g. on Windows) a Dutch line says so."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: a missing Pango/HarfBuzz library
        raise ExportError(
            f"Het PDF-rapport kon niet worden gemaakt: WeasyPrint start niet ({exc}). Installeer "
            "Pango (zie README, Windows) of kies de andere formaten: "
            "--formaat html,docx,slides,pptx,xlsx."
        ) from exc


def fetcher() -> URLFetcher:
    """Only data: and file: URLs load; anything else is refused, never fetched."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=ALLOWED_SCHEMES, timeout=1)


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of the report's HTML; the print stylesheet of the HTML sets A4 and page numbers."""
    load_weasyprint()
    from weasyprint import HTML

    try:
        # Tagged PDF (structure for screen readers and reflow); title and language come from
        # the <title> and <html lang="nl"> of the same HTML.
        return HTML(string=html, url_fetcher=fetcher(), media_type="print").write_pdf(pdf_tags=True)
    except Exception as exc:  # WeasyPrint raises many kinds; the user needs one Dutch line
        raise ExportError(f"Het PDF-rapport kon niet worden gemaakt: {exc}") from exc


def render_pdf(report: Report) -> bytes:
    """PDF bytes of the Report, in this process."""
    from wijktools.render.report_html import render_html

    return html_to_pdf(render_html(report))


# --- the second process (`python -m wijktools.render.pdf`, started by PdfProcess) --------------
# It reads the report's HTML on stdin once (empty: nothing to do) and answers on stdout with
# b"PDF\n" and the PDF bytes, or b"FOUT\n" and the Dutch message of the ExportError.

ANSWER_PDF, ANSWER_ERROR = b"PDF\n", b"FOUT\n"


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

    def pipes(self) -> tuple[int, ...]:
        """This end of the process's pipes (a forked copy of this process must close them)."""
        return tuple(f.fileno() for f in (self._proc.stdin, self._proc.stdout) if f is not None)

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


def main() -> int:
    """Serve one PDF: HTML in on stdin, the answer out on stdout."""
    answer_to = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever a library prints cannot garble the answer
    try:
        load_weasyprint()  # now, while the export draws its figures
        failed = None
    except ExportError as exc:
        failed = exc
    html = sys.stdin.buffer.read().decode("utf-8")
    if not html:  # the export stopped before its report was ready
        return 0
    try:
        if failed is not None:
            raise failed
        answer = ANSWER_PDF + html_to_pdf(html)
    except ExportError as exc:
        answer = ANSWER_ERROR + str(exc).encode("utf-8")
    answer_to.write(answer)
    answer_to.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
