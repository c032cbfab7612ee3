"""The survey section as escaped HTML, for the profile page and for a standalone page."""

from __future__ import annotations

from babel.dates import format_date
from markupsafe import Markup

from wijktools.figures.theme import to_data_uri
from wijktools.render.env import render
from wijktools.survey.figures import figures, question_key
from wijktools.survey.result import SurveyResult


def _context(result: SurveyResult, figs: dict[str, bytes] | None) -> dict:
    """Plain data for the template: the JSON shape plus inline figures."""
    pngs = figures(result) if figs is None else figs
    return {
        "s": result.to_dict(),
        "melding": result.message,
        "datum": format_date(result.datum, format="long", locale="nl_NL"),
        "figs": {k: to_data_uri(v) for k, v in pngs.items()},
        "q_keys": [question_key(result, q) for q in result.questions],
    }


def render_html_section(result: SurveyResult, figs: dict[str, bytes] | None = None) -> Markup:
    """A <section> the profile HTML can include as is (Markup: not escaped twice); figs={} omits figures."""
    return Markup(render("survey_section.html.j2", **_context(result, figs)))


def render_html_page(result: SurveyResult, figs: dict[str, bytes] | None = None) -> str:
    """The same section as a self-contained page (figures inline, no external assets)."""
    return render("survey_page.html.j2", **_context(result, figs))
