"""The session deck as reveal.js that works offline: reveal.js 4.6.1 and its notes plugin inlined."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from markupsafe import Markup

from wijktools.figures.theme import to_data_uri
from wijktools.paths import PACKAGE_DIR
from wijktools.render.env import render
from wijktools.render.layout import table_layout
from wijktools.report.model import Report, Slide

REVEAL_FILES = ("reveal.js", "reveal.css", "white.css", "notes.js")


@cache
def _asset(name: str) -> Markup:
    """Vendored reveal.js files are trusted code, not user text: inlined unescaped."""
    text = (PACKAGE_DIR / "static" / "revealjs" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"vendored {name} would end its inline block early")
    return Markup(text)


# The deck is 1280 × 720 px (0,75 pt a px: 960 × 540 pt, PowerPoint's 16:9). What a table slide
# has below its title (h2 44 px, line height 1,15, 12 px margin; the slide number and arrows at the
# bottom), and its cells: 24 px DejaVu Sans, line height about 1,2, 6 px padding above and below, 1 px rule.
TABLE_WIDTH_PT = 0.75 * 1230
TABLE_HEIGHT_PT = 0.75 * (720 - 44 * 1.15 - 12 - 40)
TABLE_FONT_PT = 0.75 * 24
TABLE_LINE_HEIGHT = 1.2
TABLE_PAD_PT = 0.75 * (6 + 6 + 1)
SUBTITLE_PT = 0.75 * (28 * 1.3 + 10)


def paged(slides: list[Slide]) -> list[Slide]:
    """Each table slide split into slides that fit ('(vervolg)'), as the PowerPoint deck does.

    reveal.js cuts off what runs below the slide: the last partners of the netwerkkaart's
    numbers, the last survey questions.
    """
    out: list[Slide] = []
    for slide in slides:
        if slide.kind != "table" or slide.table is None or not slide.table.rows:
            out.append(slide)
            continue
        table = slide.table
        header = [str(h) for h in table.header]
        rows = [["" if v is None else str(v) for v in row] for row in table.rows]
        height = TABLE_HEIGHT_PT - (SUBTITLE_PT if slide.subtitle else 0)
        _widths, pages = table_layout(
            header,
            rows,
            TABLE_WIDTH_PT,
            TABLE_FONT_PT,
            height,
            line_height=TABLE_LINE_HEIGHT,
            pad_pt=TABLE_PAD_PT,
        )
        for number, page in enumerate(pages):
            part = replace(table, rows=[table.rows[i] for i in page])
            title = slide.title if number == 0 else f"{slide.title} (vervolg)"
            out.append(replace(slide, title=title, table=part))
    return out


def render_slides(report: Report) -> str:
    """One HTML file with every asset inline; the same slides as the PowerPoint deck."""
    return render(
        "slides.html.j2",
        report=report,
        slides=paged(report.slides),
        data_uri=to_data_uri,
        reveal_js=_asset("reveal.js"),
        notes_js=_asset("notes.js"),
        reveal_css=_asset("reveal.css"),
        theme_css=_asset("white.css"),
    )
