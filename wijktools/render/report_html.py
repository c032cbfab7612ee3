"""The report as one self-contained HTML file: inline CSS, images as data URIs, print stylesheet."""

from __future__ import annotations

import re

from wijktools.figures.theme import to_data_uri
from wijktools.render.env import render
from wijktools.render.layout import FIGURE_MAX_HEIGHT_MM, PAGE_SIDE_MARGIN_MM
from wijktools.report.model import Report

# Tables shown only on slides (they repeat the full table in the report).
SLIDE_ONLY_TABLES = ("top_knelpunten",)


_NUMERIC = re.compile(r"^[<>≈~]?\s?[-−+]?[\d.,]+\s?(%|km|=)?$")


def numeric(cell: object) -> bool:
    """Numbers (also formatted ones like '13.045', '−0,1' or '28,0 %') stay on one line, right-aligned."""
    if isinstance(cell, int | float):
        return True
    return isinstance(cell, str) and len(cell) <= 16 and bool(_NUMERIC.match(cell))


def css_string(text: str) -> str:
    """Text safe inside a CSS string: every character beyond letters, digits and spaces is escaped."""
    return "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x}" for ch in text)


def render_html(report: Report) -> str:
    """Lay out the Report; autoescape keeps user text from ever becoming markup."""
    return render(
        "report.html.j2",
        report=report,
        data_uri=to_data_uri,
        skip_tables=SLIDE_ONLY_TABLES,
        numeric=numeric,
        css_title=css_string(report.title),
        side_margin_mm=PAGE_SIDE_MARGIN_MM,
        figure_max_mm=FIGURE_MAX_HEIGHT_MM,
    )
