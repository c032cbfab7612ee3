"""The session deck as reveal.js that works offline: reveal.js 4.6.1 and its notes plugin inlined."""

from __future__ import annotations

from functools import cache

from markupsafe import Markup

from wijktools.figures.theme import to_data_uri
from wijktools.paths import PACKAGE_DIR
from wijktools.render.env import render
from wijktools.report.model import Report

REVEAL_FILES = ("reveal.js", "reveal.css", "white.css", "notes.js")


@cache
def _asset(name: str) -> Markup:
    """Vendored reveal.js files are trusted code, not user text: inlined unescaped."""
    text = (PACKAGE_DIR / "static" / "revealjs" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"vendored {name} would end its inline block early")
    return Markup(text)


def render_slides(report: Report) -> str:
    """One HTML file with every asset inline; the same slides as the PowerPoint deck."""
    return render(
        "slides.html.j2",
        report=report,
        slides=report.slides,
        data_uri=to_data_uri,
        reveal_js=_asset("reveal.js"),
        notes_js=_asset("notes.js"),
        reveal_css=_asset("reveal.css"),
        theme_css=_asset("white.css"),
    )
