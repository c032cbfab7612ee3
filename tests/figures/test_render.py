"""HTML figures reuse live figures between areas: an area's SVG never depends on what came before."""

import os
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from wijktools.figures import profile as figures
from wijktools.figures import render as figure_render
from wijktools.profile import build as profile

ROOT = Path(__file__).resolve().parents[2]
A, B, C = "WK026200", "WK026201", "WK194019"  # Lochem twice (same structure), Joure (KWB 2025)
FRESH = """
import sys
from pathlib import Path
from wijktools.figures import render as figure_render
from wijktools.profile import build as profile
out = Path(sys.argv[1])
for image in figure_render.render_all(profile.build(sys.argv[2]), fmt="svg")[0]:
    (out / (image.name + ".svg")).write_bytes(image.svg)
"""


def _svgs(code: str) -> dict[str, bytes]:
    return {i.name: i.svg for i in figure_render.render_all(profile.build(code), fmt="svg")[0]}


def test_an_area_gives_the_same_svg_bytes_first_after_others_and_in_a_fresh_process(tmp_path):
    figure_render.clear_templates()
    first = _svgs(A)
    kept = figure_render.templates_kept()
    b, c = _svgs(B), _svgs(C)
    again = _svgs(A)
    assert figure_render.templates_kept() > kept  # C added structures; A and B shared theirs
    assert b != first and c != first  # other areas really drew other data into the figures
    assert list(again) == ["leeftijd", "gezondheid", "gezondheid_65", "trend", "zorgvraag", "kaart"]
    assert again == first
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", FRESH, str(tmp_path), A], check=True, env=env, cwd=ROOT)
    fresh = {name: (tmp_path / f"{name}.svg").read_bytes() for name in first}
    assert fresh == first


def test_reused_figure_equals_a_freshly_built_one_for_each_area():
    codes = [A, C, B, "WK194001", A]
    for code in codes:
        figure_render.clear_templates()
        fresh = _svgs(code)
        figure_render.clear_templates()
        for other in codes:
            _svgs(other)
        assert _svgs(code) == fresh, code


def test_public_figures_stay_fresh_and_nothing_is_registered_with_pyplot():
    p = profile.build(A)
    figure_render.render_all(p, fmt="svg")
    assert figures.age_structure(p) is not figures.age_structure(p)
    assert plt.get_fignums() == []
    assert figure_render.templates_kept() <= figure_render.MAX_TEMPLATES


def test_html_figures_keep_title_source_and_labels():
    svg = _svgs(A)
    assert b"Leeftijdsopbouw" in svg["leeftijd"]
    assert b"Bron: CBS, Kerncijfers wijken en buurten" in svg["leeftijd"]
    assert b"Bron: RIVM" in svg["gezondheid"] and b"Bron: RIVM" in svg["trend"]
    assert b"Nivel" in svg["zorgvraag"]


def test_an_area_whose_figure_fails_halfway_does_not_spoil_the_next(monkeypatch):
    figure_render.clear_templates()
    fresh = _svgs(B)
    _svgs(A)
    fill_age = figures.fill_age

    def half(fig, profile):
        fill_age(fig, profile)
        raise ValueError("kapot")

    monkeypatch.setattr(figures, "fill_age", half)
    with pytest.raises(ValueError):
        _svgs(A)
    monkeypatch.setattr(figures, "fill_age", fill_age)
    assert _svgs(B) == fresh
