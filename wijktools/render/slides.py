"""The session as a reveal.js deck that works offline: reveal.js 4.6.1 is vendored and inlined."""

from __future__ import annotations

from functools import cache

from markupsafe import Markup

from wijktools.figures.theme import to_data_uri
from wijktools.paths import PACKAGE_DIR
from wijktools.render.env import render
from wijktools.render.pptx import AFSPRAKEN_COLUMNS, ROWS_PER_SLIDE, _columns
from wijktools.report.model import Report, Table

REVEAL_FILES = ("reveal.js", "reveal.css", "white.css")


@cache
def _asset(name: str) -> Markup:
    """Vendored reveal.js files are trusted code, not user text: inlined unescaped."""
    text = (PACKAGE_DIR / "static" / "revealjs" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"vendored {name} would end its inline block early")
    return Markup(text)


def render_slides(report: Report) -> str:
    """One HTML file with every asset inline; opens from the file system without network."""
    afspraken = report.find_table("afspraken")
    pages: list[Table] = []
    if afspraken is not None and afspraken.rows:
        header, rows = _columns(afspraken, AFSPRAKEN_COLUMNS)
        for start in range(0, len(rows), ROWS_PER_SLIDE):
            pages.append(Table("afspraken", "", header, rows[start : start + ROWS_PER_SLIDE]))  # type: ignore[arg-type]
    sociale_kaart = report.section("sociale_kaart")
    return render(
        "slides.html.j2",
        report=report,
        key_figures=report.key_figures + (sociale_kaart.key_figures if sociale_kaart else []),
        top=report.find_table("top_knelpunten"),
        chart=report.find_figure("stemming"),
        afspraken_pages=pages,
        data_uri=to_data_uri,
        reveal_js=_asset("reveal.js"),
        reveal_css=_asset("reveal.css"),
        theme_css=_asset("white.css"),
    )
