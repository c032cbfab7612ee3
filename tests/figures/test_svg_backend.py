"""The caching SVG backend must write exactly what stock matplotlib writes, or the cache is wrong."""

import io

import matplotlib
import matplotlib.pyplot as plt
import pytest

from wijktools.figures import profile as figures
from wijktools.figures import theme
from wijktools.profile import build as profile


def _stock_svg(fig) -> bytes:
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "wijktools"}):
        fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    return buffer.getvalue().encode("utf-8")


def test_cached_backend_writes_the_same_bytes_as_stock_matplotlib():
    p = profile.build("WK026200")
    for make in (figures.age_structure, figures.trends, figures.demand):
        with theme.style():
            fig = make(p)
        assert fig is not None, make.__name__
        cached_first = theme.to_svg(fig)
        cached_again = theme.to_svg(fig)  # second time: every text size comes from the cache
        assert cached_first == cached_again == _stock_svg(fig), make.__name__


def test_the_cached_backend_is_used_only_on_the_matplotlib_it_mirrors(monkeypatch):
    from wijktools.figures.svg_backend import BACKEND

    on_mirrored = tuple(matplotlib.__version_info__[:2]) == theme.CACHED_SVG_MATPLOTLIB
    assert theme.svg_backend() == (BACKEND if on_mirrored else None)
    monkeypatch.setattr(theme, "CACHED_SVG_MATPLOTLIB", (3, 99))
    assert theme.svg_backend() is None


@pytest.mark.parametrize("mirrored", [True, False], ids=["cached", "stock-fallback"])
def test_to_svg_writes_stock_bytes_with_and_without_the_cached_backend(monkeypatch, mirrored):
    if not mirrored:  # another matplotlib version: to_svg must fall back to the stock backend
        monkeypatch.setattr(theme, "CACHED_SVG_MATPLOTLIB", (3, 99))
    elif tuple(matplotlib.__version_info__[:2]) != theme.CACHED_SVG_MATPLOTLIB:
        pytest.skip("the cached backend only runs on the matplotlib version it mirrors")
    p = profile.build("WK026201")
    with theme.style():
        fig = figures.age_structure(p)
    assert theme.to_svg(fig) == _stock_svg(fig)
