"""The survey section as escaped HTML (profile page, standalone page, notebook) and its files."""

from __future__ import annotations

import json
from pathlib import Path

from babel.dates import format_date
from markupsafe import Markup

from wijktools.figures.survey import figures, question_key
from wijktools.figures.theme import to_data_uri
from wijktools.paths import inside, write_text_atomic
from wijktools.render.env import render
from wijktools.survey.result import SurveyResult


def _context(result: SurveyResult, figs: dict[str, bytes] | None) -> dict:
    """Plain data for the template: the JSON shape plus inline figures."""
    pngs = figures(result) if figs is None else figs
    return {
        "s": result.to_dict(),
        "melding": result.message,
        "datum": format_date(result.datum, format="long", locale="nl_NL") if result.datum else "",
        "figs": {k: to_data_uri(v) for k, v in pngs.items()},
        "q_keys": [question_key(result, q) for q in result.questions],
    }


def render_html_section(result: SurveyResult, figs: dict[str, bytes] | None = None) -> Markup:
    """A <section> the profile HTML can include as is (Markup: not escaped twice); figs={} omits figures."""
    return Markup(render("survey_section.html.j2", **_context(result, figs)))


def render_html_page(result: SurveyResult, figs: dict[str, bytes] | None = None) -> str:
    """The same section as a self-contained page (figures inline, no external assets)."""
    return render("survey_page.html.j2", **_context(result, figs))


def show(result: SurveyResult | None) -> object:
    """Notebook view: the escaped HTML section, or a Dutch line when no survey was given."""
    from IPython.display import HTML

    if result is None:
        return HTML("<p>Geen enquête opgegeven (parameter <code>enquete</code> is leeg).</p>")
    return HTML(str(render_html_section(result)))


def write_outputs(result: SurveyResult, folder: Path) -> list[Path]:
    """enquete.json and a standalone enquete.html, each written atomically inside folder."""
    json_path = inside(folder, "enquete.json")
    html_path = inside(folder, "enquete.html")
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    page = render_html_page(result)  # rendered before anything is written
    return [write_text_atomic(json_path, text + "\n"), write_text_atomic(html_path, page)]
