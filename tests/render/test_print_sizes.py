"""Chart labels stay readable when the report is printed on A4 (at least 8 pt on paper)."""

from __future__ import annotations

import pytest
from matplotlib.text import Text

from wijktools.figures import maps
from wijktools.figures import profile as figures
from wijktools.profile import build as profile
from wijktools.render.layout import print_scale
from wijktools.render.report_html import render_html

MIN_PT_ON_PAPER = 8.0


@pytest.fixture(scope="module")
def lochem():
    return profile.build("WK026200")


def _made(wp):
    """Every profile figure that goes into the report, by name."""
    kaart, _note = maps.area_map(wp)
    return {
        "leeftijd": figures.age_structure(wp),
        "gezondheid 18+": figures.health(wp, "18+"),
        "gezondheid 65+": figures.health(wp, "65+"),
        "trends": figures.trends(wp),
        "zorgvraag": figures.demand(wp),
        "kaart": kaart,
    }


def test_every_label_is_at_least_8_pt_on_a4(lochem):
    too_small = []
    for name, fig in _made(lochem).items():
        if fig is None:
            continue
        width, height = fig.get_size_inches()
        scale = print_scale(width, height)
        for text in fig.findobj(Text):
            if text.get_visible() and text.get_text().strip():
                printed = text.get_fontsize() * scale
                if printed < MIN_PT_ON_PAPER:
                    too_small.append(f"{name}: '{text.get_text()[:30]}' {printed:.1f} pt")
    assert too_small == []


def test_print_stylesheet_uses_the_same_limits():
    from wijktools.render import layout
    from wijktools.report.model import Meta, Report

    meta = Meta(1, "Proef FICTIEF", "WK026200", "Lochem", [], "", "kick-off", "2026-11-29")
    html = render_html(Report(meta=meta))
    assert f"max-height: {layout.FIGURE_MAX_HEIGHT_MM}mm" in html
    assert f"margin: 18mm {layout.PAGE_SIDE_MARGIN_MM}mm 20mm" in html
