"""The caching SVG backend must write exactly what stock matplotlib writes, or the cache is wrong."""

import io

import matplotlib.pyplot as plt

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
