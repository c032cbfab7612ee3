"""The report as an A4 PDF, rendered offline by WeasyPrint from the same HTML."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from wijktools.errors import ExportError
from wijktools.render.report_html import render_html
from wijktools.report.model import Report

ALLOWED_SCHEMES = {"data", "file"}  # nothing may be fetched from the network


def fetcher() -> URLFetcher:
    """Only data: and file: URLs load; anything else is refused, never fetched."""
    return URLFetcher(allowed_protocols=ALLOWED_SCHEMES, timeout=1)


def render_pdf(report: Report) -> bytes:
    """PDF bytes; the print stylesheet of the HTML sets A4 and page numbers."""
    html = render_html(report)
    try:
        # Tagged PDF (structure for screen readers and reflow); title and language come from
        # the <title> and <html lang="nl"> of the same HTML.
        return HTML(string=html, url_fetcher=fetcher(), media_type="print").write_pdf(pdf_tags=True)
    except Exception as exc:  # WeasyPrint raises many kinds; the user needs one Dutch line
        raise ExportError(f"Het PDF-rapport kon niet worden gemaakt: {exc}") from exc
