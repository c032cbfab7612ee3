"""HTML figures are written straight to SVG: the same figure as matplotlib's, the same bytes every time."""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from wijktools.figures import maps, svg_profile, theme
from wijktools.figures import profile as figures
from wijktools.figures import render as figure_render
from wijktools.opendata import areas
from wijktools.profile import build as profile

ROOT = Path(__file__).resolve().parents[2]
# Lochem kern twice over (same gemeente), Joure (KWB 2025), a Lochem buurt, the gemeente Lochem,
# and a Groningen buurt without RIVM figures (its wijk changed after 2020).
A, B, C = "WK026200", "WK026201", "WK194019"
MIXED = [A, "BU02620000", "GM0262", "BU00140100"]
FRESH = """
import sys
from pathlib import Path
from wijktools.figures import render as figure_render
from wijktools.profile import build as profile
out = Path(sys.argv[1])
for image in figure_render.render_all(profile.build(sys.argv[2]), fmt="svg")[0]:
    (out / (image.name + ".svg")).write_bytes(image.svg)
"""
SVG_NS = "{http://www.w3.org/2000/svg}"


def _svgs(code: str) -> dict[str, bytes]:
    return {i.name: i.svg for i in figure_render.render_all(profile.build(code), fmt="svg")[0]}


def _words(svg: bytes) -> Counter:
    """Every word of every text of an SVG (matplotlib's or ours), as a multiset."""
    root = ET.fromstring(svg)
    # a halo (the white outline under the marked area's name) repeats its text for the eye only
    shown = [t for t in root.iter(f"{SVG_NS}text") if t.get("aria-hidden") != "true"]
    texts = ["".join(t.itertext()) for t in shown]
    return Counter(word for text in texts for word in text.split())


def _matplotlib_figures(p) -> dict[str, object]:
    made = dict(figure_render._fresh_figures(p))
    made["kaart"] = maps.area_map(p)[0]
    return {name: fig for name, fig in made.items() if fig is not None}


def test_an_area_gives_the_same_svg_bytes_first_after_others_and_in_a_fresh_process(tmp_path):
    first = _svgs(A)
    b, c = _svgs(B), _svgs(C)
    again = _svgs(A)
    assert b != first and c != first  # other areas really drew other data
    assert list(again) == ["leeftijd", "gezondheid", "gezondheid_65", "trend", "zorgvraag", "kaart"]
    assert again == first
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", FRESH, str(tmp_path), A], check=True, env=env, cwd=ROOT)
    fresh = {name: (tmp_path / f"{name}.svg").read_bytes() for name in first}
    assert fresh == first


@pytest.mark.parametrize("code", MIXED)
def test_svg_shows_the_same_figures_and_texts_as_matplotlib(code):
    """Titles, labels, ticks, value labels, legends and source lines: word for word the same."""
    p = profile.build(code)
    ours = _svgs(code)
    theirs = _matplotlib_figures(p)
    assert list(ours) == list(theirs)  # the same figures left out for the same area
    for name, fig in theirs.items():
        words = _words(theme.to_svg(fig))
        # matplotlib writes a text with a halo (the map's marked name) as outlines, not as <text>
        for text in (t for ax in fig.axes for t in ax.texts if t.get_path_effects()):
            words.update(text.get_text().split())
        assert _words(ours[name]) == words, (code, name)


def test_bars_are_as_long_as_the_values_on_one_scale():
    p = profile.build(A)
    _labels, series, _ = figures.age_series(p)
    root = ET.fromstring(svg_profile.age_structure(p))
    rects = [r for r in root.iter(f"{SVG_NS}rect") if r.get("fill") == series[0][2]]
    zero = Counter(r.get("x") for r in rects).most_common(1)[0][0]  # bars start at value 0
    bars = [float(r.get("width")) for r in rects if r.get("x") == zero]
    values = [v for v in series[0][1] if v is not None]
    assert len(bars) == len(values) == 5
    ratios = {round(w / v, 2) for w, v in zip(bars, values, strict=True)}
    assert len(ratios) == 1  # length proportional to the value


def test_names_are_escaped_and_the_svg_is_well_formed():
    kern = areas.kern("A & B <script>", ["WK026200", "WK026201"])
    images, _ = figure_render.render_all(profile.build(kern), fmt="svg")
    for image in images:
        root = ET.fromstring(image.svg)  # raises on unescaped markup
        assert root.tag == f"{SVG_NS}svg"
        assert b"<script>" not in image.svg
    assert any("A & B <script>" in "".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))


def test_html_figures_need_no_pyplot_and_keep_title_source_and_labels():
    svg = _svgs(A)
    assert plt.get_fignums() == []
    assert b"Leeftijdsopbouw" in svg["leeftijd"]
    assert b"Bron: CBS, Kerncijfers wijken en buurten" in svg["leeftijd"]
    assert b"Bron: RIVM" in svg["gezondheid"] and b"Bron: RIVM" in svg["trend"]
    assert b"Nivel" in svg["zorgvraag"]
    assert re.search(rb"CC BY 4\.0", svg["kaart"])
