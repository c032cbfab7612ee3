"""The report as an A4 PDF, rendered offline by WeasyPrint from the same HTML.

`html_to_pdf` takes only the HTML, so an export runs it in a second process (see `main` below):
that process imports WeasyPrint while the figures are drawn and lays out the pages while Word and
PowerPoint are written. The report's HTML is imported only where the Report is at hand.
"""

from __future__ import annotations

import sys
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


# --- the second process (`python -m wijktools.render.pdf`, started by wijktools.export) --------
# It reads the report's HTML on stdin once (empty: nothing to do) and answers on stdout with
# b"PDF\n" and the PDF bytes, or b"FOUT\n" and the Dutch message of the ExportError.

ANSWER_PDF, ANSWER_ERROR = b"PDF\n", b"FOUT\n"


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
