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


@pytest.fixture
def own_widths():
    """Tests of the stored widths leave the run's own caches as they found them."""
    yield
    theme._stored_widths.cache_clear()
    theme.text_width.cache_clear()


def _fresh_widths(monkeypatch, folder):
    """A new run's view of the stored widths (the in-process caches emptied)."""
    monkeypatch.setattr(theme, "derived_dir", lambda: folder)
    theme._stored_widths.cache_clear()
    theme.text_width.cache_clear()


def test_measured_widths_are_reused_by_a_later_run_without_freetype(
    tmp_path, monkeypatch, own_widths
):
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    texts = ["Wijk 00 Lochem kern", "Aandeel 65+ (%)", "Bron: CBS, Kerncijfers wijken en buurten"]
    _fresh_widths(monkeypatch, tmp_path)
    first = [theme.text_width(text, 12, "bold") for text in texts]
    theme._save_widths()
    assert len(list(tmp_path.glob("tekstbreedtes-*.json"))) == 1

    _fresh_widths(monkeypatch, tmp_path)
    measured = []
    monkeypatch.setattr(theme, "_measure", lambda *args: measured.append(args) or 0.0)
    again = [theme.text_width(text, 12, "bold") for text in texts]
    assert again == first and not measured
    renderer = RendererAgg(1, 1, 72)
    prop = FontProperties(size=12, weight="bold")
    agg = [renderer.get_text_width_height_descent(t, prop, ismath=False)[0] / 72 for t in texts]
    assert again == agg
    # Another size or weight is measured, not taken from a neighbour.
    theme.text_width(texts[0], 12, "normal")
    assert measured == [(texts[0], 12, "normal")]
    theme._stored_widths()[1].clear()  # nothing of the stub's result is kept


def test_widths_are_the_house_fonts_whatever_a_users_rc_says(tmp_path, monkeypatch, own_widths):
    # The SVG figures name matplotlib's default font; their widths are that font's, so a run that
    # reads them need not import matplotlib to learn a user's rc.
    import matplotlib

    _fresh_widths(monkeypatch, tmp_path)
    path = theme._widths_path()
    house = theme.text_width("Wijk 00 Lochem kern", 12, "normal")
    with matplotlib.rc_context({"font.family": "serif", "text.hinting": "no_hinting"}):
        _fresh_widths(monkeypatch, tmp_path)
        assert theme._widths_path() == path
        assert theme.text_width("Wijk 00 Lochem kern", 12, "normal") == house
        theme._stored_widths()[1].clear()


def test_stored_widths_belong_to_the_installed_matplotlib(tmp_path, monkeypatch, own_widths):
    # A new matplotlib (a new FreeType module) measures anew; the same one reuses the widths.
    import importlib.util
    from types import SimpleNamespace

    package = tmp_path / "matplotlib"
    package.mkdir()
    (package / "__init__.py").write_text("")
    module = package / "ft2font.cpython-311-x86_64-linux-gnu.so"
    module.write_bytes(b"3.10")
    spec = SimpleNamespace(origin=str(package / "__init__.py"))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    monkeypatch.setattr(theme, "derived_dir", lambda: tmp_path)
    before = theme._widths_path()
    assert theme._widths_path() == before
    module.write_bytes(b"3.11.2")
    assert theme._widths_path() != before


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _constrained_figure():
    with theme.style():
        fig, ax = theme.new_figure(8, 4)
        ax.barh(["Huisartsenpraktijk De Skâns", "Sociaal Wijkteam Joure"], [12, 30])
        ax.set_title("Verwijzingen per ketenpartner")
        theme.add_source(fig, theme.CBS_KWB_SOURCE.format(year=2024))
    return fig


def test_png_lays_a_constrained_figure_out_once_as_savefig_does(monkeypatch):
    import io

    import numpy as np

    fig = _constrained_figure()
    engine = fig.get_layout_engine()
    runs = []
    execute = type(engine).execute
    monkeypatch.setattr(type(engine), "execute", lambda self, f: runs.append(1) or execute(self, f))
    png = theme.to_png(fig, dpi=100)
    assert len(runs) == 1
    assert fig.get_layout_engine() is engine  # the figure keeps its engine (a notebook redraws)

    monkeypatch.undo()
    saved = io.BytesIO()
    _constrained_figure().savefig(saved, format="png", dpi=100, facecolor="white")
    assert np.array_equal(_pixels(png), _pixels(saved.getvalue()))


def test_png_keeps_its_resolution_for_word_and_powerpoint():
    # python-docx and python-pptx size a picture by the PNG's pHYs chunk when no size is given.
    import io

    from PIL import Image

    with theme.style():
        fig, ax = theme.new_figure(4, 2, layout=None)
        ax.plot([0, 1], [1, 0])
    image = Image.open(io.BytesIO(theme.to_png(fig, dpi=180)))
    assert image.size == (720, 360) and image.mode == "RGB"
    assert [round(d) for d in image.info["dpi"]] == [180, 180]


def test_png_of_a_laid_out_figure_without_axes_draws_without_warning(recwarn):
    # A draw skips the layout engine when there are no axes; to_png must not ask it either.
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 1), layout="constrained")
    fig.text(0.5, 0.5, "Nog geen stippenronde met stemmen.", ha="center")
    assert theme.to_png(fig).startswith(b"\x89PNG")
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]
