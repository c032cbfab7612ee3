"""The SVG figures' tick rule is matplotlib's MaxNLocator: the HTML and the PNG figure agree."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.ticker import MaxNLocator

from wijktools.figures import locator

_LIMITS = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=-2, max_value=2),  # shares and small changes
    st.integers(min_value=-1000, max_value=1000).map(lambda v: v / 4),  # round limits
    st.floats(min_value=1e5, max_value=1e5 + 1),  # a large offset against a small range
    st.sampled_from([0.0, -0.0, 1e-300, 1e15, math.inf, math.nan]),
)


def _matplotlib(low, high, nbins):
    return [
        float(v) for v in MaxNLocator(nbins=nbins, steps=list(locator.STEPS)).tick_values(low, high)
    ]


@settings(max_examples=1500, deadline=None)
@given(low=_LIMITS, high=_LIMITS, nbins=st.integers(min_value=1, max_value=9))
def test_ticks_are_matplotlibs(low, high, nbins):
    assert locator.tick_values(low, high, nbins) == _matplotlib(low, high, nbins)


def test_ticks_of_the_profiles_figures():
    # Limits as the bar charts autoscale them: a share of 0-61 %, a count from 0, an empty range.
    for low, high, nbins in [(0.0, 61.95, 5), (0.0, 12345.0, 9), (3.0, 3.0, 4), (-1.3, 0.7, 3)]:
        ticks = locator.tick_values(low, high, nbins)
        assert ticks == _matplotlib(low, high, nbins)
        assert len(ticks) >= 2 and np.all(np.diff(ticks) > 0)


def test_ticks_are_counted_with_matplotlibs_default_tick_label_size():
    # The PNG figures are saved outside the theme's rc: matplotlib counts ticks with its default size.
    import matplotlib
    from matplotlib.font_manager import FontProperties

    from wijktools.figures import svg_charts

    for axis in "xy":
        size = matplotlib.rcParamsDefault[f"{axis}tick.labelsize"]
        with matplotlib.rc_context({"font.size": matplotlib.rcParamsDefault["font.size"]}):
            assert FontProperties(size=size).get_size_in_points() == svg_charts.LOCATOR_LABEL_SIZE
