import pytest

from wijktools.figures import theme


def test_dutch_number_format():
    assert theme.fmt_number(34289) == "34.289"
    assert theme.fmt_number(47.04, 1) == "47,0"
    assert theme.fmt_number(float("nan")) == "–"


def test_figure_renders_png_with_source_line():
    with theme.style():
        fig, ax = theme.new_figure()
        ax.bar(["a", "b"], [1, 2])
        theme.add_source(fig, theme.CBS_KWB_SOURCE.format(year=2024))
        png = theme.to_png(fig)
    assert png.startswith(b"\x89PNG")
    assert "Kerncijfers wijken en buurten 2024" in fig.texts[0].get_text()


@pytest.mark.parametrize("weight", ["normal", "bold"])
@pytest.mark.parametrize("size", [9, 12, 16, 22.5])
def test_text_width_equals_the_agg_renderers_measurement(size, weight):
    # The direct SVG figures place text by these widths; they must be what matplotlib's PNG measures.
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(1, 1, 72)
    for text in [
        "Wijk 00 Lochem kern",
        "Ervaren gezondheid goed/zeer goed (%)",
        "Bron: RIVM, Gezondheid per wijk en buurt 2012, 2016, 2020 (50090NED); CC BY 4.0",
        "65+ jaar ≥ 75 %, ĳ €1.234,5",
        "AV To Wa",
    ]:
        prop = FontProperties(size=size, weight=weight)
        agg = renderer.get_text_width_height_descent(text, prop, ismath=False)[0] / 72
        assert theme.text_width(text, size, weight) == agg
