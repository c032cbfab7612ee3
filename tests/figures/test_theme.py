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
