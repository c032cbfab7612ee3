"""Figures: PNGs with source lines, a map on the 2024 wijk boundaries for every wijk, no leaked figures."""

import matplotlib.pyplot as plt
import pytest

from wijktools.figures import maps
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


def test_map_on_the_2024_division_for_wijken_missing_from_the_2016_map():
    # WK008011 (Leeuwarden) and WK009002 "De Wiken" (Smallingerland, re-drawn after 2020) have no
    # 2016 shape; on the 2024 map they are drawn and marked.
    for code in ("WK008011", "WK009002"):
        p = profile.build(code)
        fig, note = maps.area_map(p)
        assert fig is not None, note
        assert "2024" in note
        assert "CBS/PDOK" in _texts(fig) and "CC BY 4.0" in _texts(fig)


def test_every_current_wijk_has_a_shape_on_the_map():
    from wijktools.opendata import boundaries

    shapes = boundaries.wijken_2024()
    table = areas.table()
    wijken = set(table.index[(table["soort"] == "wijk") & table.index.isin(_kwb2024_codes())])
    assert len(wijken) == 3393
    assert wijken == set(shapes["code"])
    assert shapes.geometry.is_valid.all()  # 21 self-intersecting shapes repaired with make_valid


def test_map_shapes_read_without_geopandas_equal_the_geopandas_frame():
    # The direct SVG map reads the same GeoArrow cache with pyarrow and shapely only, no pandas.
    import shapely

    from wijktools.opendata import boundaries

    full, plain = boundaries.wijken_2024(), boundaries.wijken_2024_shapes()
    assert list(plain["code"]) == list(full["code"])
    assert list(plain["naam"]) == list(full["naam"])
    assert list(plain["gemeente_code"]) == list(full["gemeente_code"])
    assert shapely.equals_exact(plain["geometry"], full.geometry.to_numpy(), 0).all()


def _kwb2024_codes():
    import pandas as pd

    from wijktools.paths import raw_dir

    return pd.read_csv(raw_dir() / areas.KWB2024_FILE, usecols=["code"])["code"].tolist()


def test_buurt_map_marks_its_wijk_and_says_so():
    # BU02620000 "Vesting" lies in WK026200 "Wijk 00 Lochem kern".
    p = profile.build("BU02620000")
    fig, note = maps.area_map(p)
    assert fig is not None
    assert "WK026200" in note and "wijk waarin" in note
    assert "Lochem kern" in fig.axes[0].get_title()


def test_health_figure_uses_dutch_labels(lochem):
    fig = figures.health(lochem)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Eenzaam" in labels and "Ervaren gezondheid goed/zeer goed" in labels


def test_map_of_a_gemeente_whose_2016_file_lacked_a_shape():
    # Harderwijk's WK024316 had an empty geometry in the 2016 file; the 2024 map draws all wijken.
    p = profile.build(areas.lookup("WK024301"))
    fig, note = maps.area_map(p)
    assert fig is not None, note
    assert "Binnenstad" in fig.axes[0].get_title()


def _boxes(fig):
    """Axes, legend and title of a bar figure as drawn, in display units."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    return (
        ax.get_window_extent(renderer),
        ax.get_legend().get_window_extent(renderer),
        (ax.title.get_window_extent(renderer)),
    )


@pytest.mark.parametrize("draw", [figures.age_structure, figures.health])
def test_on_a_page_the_bars_get_the_width_and_the_legend_stands_between_title_and_bars(draw):
    """Beside the bars the long peer entry took as much width as the bars: differences vanished."""
    joure = profile.build("WK194019")  # four series, the longest legend entry: its peers
    fig = draw(joure)
    axes, legend, title = _boxes(fig)
    assert axes.width / fig.bbox.width > 0.55
    assert legend.x0 >= axes.x0 and legend.x1 <= fig.bbox.width  # above the bars, inside the figure
    assert axes.y1 <= legend.y0  # not over the bars
    assert legend.y1 <= title.y0  # not over the title
    assert title.y1 <= fig.bbox.height


def test_on_a_slide_the_legend_stays_beside_the_bars():
    """A slide is wide and low: a legend in 18 pt type above the bars would leave them no height."""
    from wijktools.figures import theme

    joure = profile.build("WK194019")
    with theme.medium(theme.SLIDE):
        fig = figures.health(joure, "65+", figures.HEALTH_KEYS[:5])
        axes, legend, _title = _boxes(fig)
    assert legend.x0 >= axes.x1


def _label_boxes(fig):
    """(name, x0, x1, y0, y1) in pixels of every wijk name drawn on a map."""
    fig.draw_without_rendering()
    boxes = []
    for text in fig.axes[0].texts:
        box = text.get_window_extent()
        boxes.append((text.get_text(), box.x0, box.x1, box.y0, box.y1))
    return boxes


def test_map_of_a_big_city_names_the_wijk_and_no_names_overlap():
    # Amsterdam has 110 wijken; with every name drawn, Chassébuurt (WK0363EN) sat under a smudge
    # of overlapping names. The marked wijk is named and no two names touch.
    p = profile.build("WK0363EN")
    fig, _note = maps.area_map(p)
    boxes = _label_boxes(fig)
    plt.close(fig)
    assert "Chassébuurt" in [name for name, *_ in boxes]
    assert 10 < len(boxes) < 110  # names left out, but not all of them
    for i, (a, ax0, ax1, ay0, ay1) in enumerate(boxes):
        for b, bx0, bx1, by0, by1 in boxes[i + 1 :]:
            overlap = min(ax1, bx1) - max(ax0, bx0) > 0 and min(ay1, by1) - max(ay0, by0) > 0
            assert not overlap, (a, b)


def test_map_caption_of_a_kern_of_two_buurten_speaks_in_plural():
    # Kern Hollum (Ameland) is two buurten in one wijk: 'de buurten liggen', not 'de buurt ligt'.
    kern = areas.kern("Hollum", ["BU00600003", "BU00600009"])
    _fig, note = maps.area_map(profile.build(kern))
    plt.close("all")
    assert "de gemarkeerde wijk is de wijk waarin de buurten liggen (WK006000 Wijk 00)" in note


def test_demand_figure_and_slide_name_one_index_per_inwoner():
    # Kern Hollum (Ameland): the report's figure said 'index 102,0' above '6.600 contacten' for 2030,
    # the slide '6.600 (index 101)'; two different indexes, one name. Both now show the figure's
    # ageing index per inwoner, by that name, beside the contacts where a prognosis anchors them.
    from wijktools.figures.demand_parts import demand_parts
    from wijktools.report.deck_profile import profile_slides

    p = profile.build(areas.kern("Hollum", ["BU00600003", "BU00600009"]))
    now, later = p.zorgvraag.years[0], p.zorgvraag.years[1]
    per_inwoner = 100 * later.contacten_per_inwoner / now.contacten_per_inwoner
    label = demand_parts(p).labels[1]
    assert label.startswith(f"vergrijzingsindex {figures.theme.fmt_number(per_inwoner, 1)}")
    assert label.endswith(f"{figures.theme.fmt_number(later.contacten)} contacten")
    (slide,) = [s for s in profile_slides(p) if s.key == "zorgvraag"]
    assert slide.chart.point_labels[1] == label
    contacts = 100 * later.contacten / now.contacten
    assert round(per_inwoner) != round(contacts)  # really two indexes: only one is shown
