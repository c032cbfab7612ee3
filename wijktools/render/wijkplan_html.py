"""The wijkplan as a Dutch HTML page or notebook fragment; all user text escaped by the shared Jinja environment."""

from __future__ import annotations

from wijktools.figures import theme
from wijktools.figures import votes as figures_votes
from wijktools.render.env import render
from wijktools.workshop.wijkplan import Wijkplan


def to_html(plan: Wijkplan, figures: bool = True, fragment: bool = False) -> str:
    """A simple Dutch HTML preview; all user text is escaped by the shared Jinja environment.

    `fragment=True` leaves out <head> and page styles, for showing inside a notebook.
    """
    charts = []
    if figures:
        previous = None
        for result in plan.rounds:
            png = figures_votes.round_png(
                result, previous if result.mode == "dots" else None, plan.session["name"], dpi=100
            )
            charts.append({"title": result.title, "uri": theme.to_data_uri(png)})
            if result.mode == "dots":
                previous = result
    template = "wijkplan_body.html.j2" if fragment else "wijkplan.html.j2"
    return render(template, plan=plan, charts=charts)
