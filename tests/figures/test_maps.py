"""The locator map: every name drawn is readable: none overlaps another, none runs off the figure."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from wijktools.figures import maps, svg_profile, theme
from wijktools.figures.maps import MapLabel
from wijktools.profile import build as profile

SVG_NS = "{http://www.w3.org/2000/svg}"


def _boxes_overlap(a, b) -> bool:
    return not (a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0)


def test_the_marked_name_wins_then_larger_wijken():
    size = 9.0
    crowd = [
        MapLabel("WK000001", 100, 100, "01 Klein", area=1.0),
        MapLabel("WK000002", 104, 101, "02 Groot", area=50.0),
        MapLabel("WK000003", 102, 99, "03 Gekozen", area=2.0),
        MapLabel("WK000004", 300, 300, "04 Vrij", area=0.5),
    ]
    shown = maps.shown_labels(crowd, {"WK000003"}, size)
    assert [lab.code for lab in shown] == ["WK000003", "WK000004"]
    shown = maps.shown_labels(crowd, set(), size)
    assert [lab.code for lab in shown] == ["WK000002", "WK000004"]


def test_a_name_at_the_edge_moves_inwards():
    lab = MapLabel("WK000001", 2.0, 100.0, "Botlek-Europoort-Maasvlakte", area=1.0)
    (moved,) = maps.shown_labels([lab], set(), 9.0, width=504.0)
    half = theme.text_width(lab.text, 9.0) * 72 / 2
    assert moved.x - half >= 0 and moved.x + half <= 504.0 and moved.y == lab.y


@pytest.mark.parametrize("code", ["WK194019", "BU05991926"])
def test_png_map_names_do_not_overlap_and_stay_inside(code):
    # Joure: before, six names were drawn on one line in the centre and '19 Joure' lay under
    # '44 Snikzwaag'; Rotterdam: 'Botlek-Europoort-Maasvlakte' ran off the left edge.
    p = profile.build(code)
    fig, _note = maps.area_map(p)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    texts = [t for t in fig.axes[0].texts if t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    width = fig.bbox.width
    assert all(b.x0 >= 0 and b.x1 <= width for b in boxes)
    for i, a in enumerate(boxes):
        assert not any(_boxes_overlap(a, b) for b in boxes[i + 1 :]), texts[i].get_text()
    marked = [t.get_text() for t in texts if t.get_path_effects()]
    assert marked == [maps.label(p.gebied["naam"] if code.startswith("WK") else "Nieuw Mathenesse")]


def test_two_marked_wijken_of_a_kern_keep_both_names_apart():
    # Beerta = WK189503 + WK189504: the two bold names were drawn on top of each other.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from wijktools.opendata import areas

    p = profile.build(areas.kern("Beerta", ["WK189503", "WK189504"]))
    fig, _note = maps.area_map(p)
    renderer = FigureCanvasAgg(fig).get_renderer()
    marked = [t for t in fig.axes[0].texts if t.get_path_effects()]
    assert sorted(t.get_text() for t in marked) == ["03 Beerta", "04 Nieuw-Beerta"]
    a, b = (t.get_window_extent(renderer) for t in marked)
    assert not _boxes_overlap(a, b)


def test_svg_map_draws_the_same_names_as_the_png():
    p = profile.build("WK194019")
    fig, _ = maps.area_map(p)
    png_names = sorted(t.get_text() for t in fig.axes[0].texts if t.get_text())
    svg, _ = svg_profile.area_map(p)
    root = ET.fromstring(svg)
    halo = [t for t in root.iter(f"{SVG_NS}text") if t.get("aria-hidden") == "true"]
    names = [
        "".join(t.itertext())
        for t in root.iter(f"{SVG_NS}text")
        if t.get("aria-hidden") != "true" and t.get("font-size") == f"{theme.fs(9):g}"
    ]
    assert sorted(names) == png_names
    assert ["".join(t.itertext()) for t in halo] == ["19 Joure"]


@pytest.mark.parametrize(
    ("code", "names"),
    [
        # Heerlen: 'Wijk 32 Meezenbroek-Schaesbergerv… in de gemeente Hee' was cut off at both edges.
        ("WK091732", ["Wijk 32 Meezenbroek-Schaesbergerveld"]),
        # A buurt of Dijk en Waard (45 inwoners): 'Buurt … ligt in Zuid-Scharwoude' ran off too.
        ("BU19800306", ["Buurt Buitengebied", "Zuid-Scharwoude"]),
    ],
)
def test_a_long_name_keeps_the_map_title_inside_the_figure(code, names):
    p = profile.build(code)
    fig, _note = maps.area_map(p)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    title = fig.axes[0].title
    box = title.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width, title.get_text()
    assert all(name in title.get_text() for name in names)
