"""Figures: PNGs with source lines, a map where the 2016 boundaries have the code, no leaked figures."""

import matplotlib.pyplot as plt
import pytest

from wijktools.figures import profile as figures
from wijktools.figures import render as figure_render
from wijktools.opendata import areas
from wijktools.profile import build as profile

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def lochem():
    return profile.build("WK026200")


def _texts(fig):
    return " ".join(t.get_text() for t in fig.texts)


def test_every_figure_carries_its_source(lochem):
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024" in _texts(figures.age_structure(lochem))
    assert "Bron: RIVM" in _texts(figures.health(lochem))
    assert "2012, 2016, 2020" in _texts(figures.trends(lochem))
    assert "Nivel" in _texts(figures.demand(lochem))


def test_render_all_gives_pngs_and_a_map(lochem):
    images, notes = figure_render.render_all(lochem, dpi=50)
    names = [i.name for i in images]
    assert names == ["leeftijd", "gezondheid", "gezondheid_65", "trend", "zorgvraag", "kaart"]
    assert all(i.png.startswith(PNG) for i in images)
    assert notes == []
    assert plt.get_fignums() == []  # nothing registered with pyplot: batch runs cannot leak


def test_map_says_why_when_the_code_is_not_in_the_2016_boundaries():
    # WK008011 (Leeuwarden, KWB 2024) does not exist in the 2016 map: Frisian mergers changed codes.
    p = profile.build("WK008011")
    fig, note = figures.area_map(p)
    assert fig is None
    assert "WK008011" in note and "2016" in note


def test_health_figure_uses_dutch_labels(lochem):
    fig = figures.health(lochem)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Eenzaam" in labels and "Ervaren gezondheid goed/zeer goed" in labels


def test_map_skips_wijken_without_a_shape_in_the_2016_boundaries():
    # Harderwijk's WK024316 has an empty geometry in the 2016 file; its neighbours must still get a map.
    p = profile.build(areas.lookup("WK024301"))
    fig, note = figures.area_map(p)
    assert fig is not None, note
    assert "Binnenstad" in fig.axes[0].get_title()
