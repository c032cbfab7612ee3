"""Matplotlib's tick rule (`MaxNLocator.tick_values`) for the SVG figures, without importing matplotlib.

The profile page's figures are written as SVG directly (`figures.svg_charts`) and put their ticks
where matplotlib's PNG of the same figure puts them. Importing matplotlib only for that rule cost
a tenth of a second of every `wijktools profiel`. This is the rule for the parameters the figures
use: the steps below, at least two ticks, no pruning, not symmetric, not integer-only, matplotlib's
default 'data' autolimit mode; the same float operations in the same order.
`tests/figures/test_locator.py` holds it to `matplotlib.ticker.MaxNLocator` itself.
"""

from __future__ import annotations

import math

import numpy as np

STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)  # matplotlib's AutoLocator steps
MIN_N_TICKS = 2  # MaxNLocator's default
# MaxNLocator's staircase of the steps: a tenth of each below, ten times the second above.
_STAIRCASE = np.array([0.1 * s for s in STEPS[:-1]] + list(STEPS) + [10 * STEPS[1]])


def _nonsingular(vmin: float, vmax: float, expander: float, tiny: float) -> tuple[float, float]:
    """Endpoints widened where the range is empty or too small to divide (matplotlib.transforms)."""
    if not (math.isfinite(vmin) and math.isfinite(vmax)):
        return -expander, expander
    vmin, vmax = float(min(vmin, vmax)), float(max(vmin, vmax))
    largest = max(abs(vmin), abs(vmax))
    if largest < (1e6 / tiny) * np.finfo(float).tiny:
        return -expander, expander
    if vmax - vmin <= largest * tiny:
        if vmax == 0 and vmin == 0:
            return -expander, expander
        return vmin - expander * abs(vmin), vmax + expander * abs(vmax)
    return vmin, vmax


def _scale_range(vmin: float, vmax: float, n: int, threshold: float = 100) -> tuple[float, float]:
    dv = abs(vmax - vmin)
    meanv = (vmax + vmin) / 2
    offset = 0.0
    if abs(meanv) / dv >= threshold:
        offset = math.copysign(10 ** (math.log10(abs(meanv)) // 1), meanv)
    return 10 ** (math.log10(dv / n) // 1), offset


def _close_to(ms: float, edge: float, step: float, offset: float) -> bool:
    """More slack when the offset is large compared with the step (matplotlib's _Edge_integer)."""
    tol = 1e-10
    if offset > 0:
        tol = min(0.4999, max(1e-10, 10 ** (np.log10(offset / step) - 12)))
    return abs(ms - edge) < tol


def tick_values(vmin: float, vmax: float, nbins: int) -> list[float]:
    """The ticks MaxNLocator(nbins, steps=STEPS).tick_values(vmin, vmax) returns."""
    vmin, vmax = _nonsingular(vmin, vmax, expander=1e-13, tiny=1e-14)
    scale, offset = _scale_range(vmin, vmax, nbins)
    low_edge, high_edge = vmin - offset, vmax - offset
    steps = _STAIRCASE * scale
    raw_step = (high_edge - low_edge) / nbins
    large = np.nonzero(steps >= raw_step)[0]
    last = int(large[0]) if large.size else len(steps) - 1
    ticks = np.array([])
    for step in steps[: last + 1][::-1]:
        best_vmin = (low_edge // step) * step
        d, m = divmod(low_edge - best_vmin, step)
        low = d + 1 if _close_to(m / step, 1, step, abs(offset)) else d
        d, m = divmod(high_edge - best_vmin, step)
        high = d if _close_to(m / step, 0, step, abs(offset)) else d + 1
        ticks = np.arange(low, high + 1) * step + best_vmin
        if ((ticks <= high_edge) & (ticks >= low_edge)).sum() >= MIN_N_TICKS:
            break
    return [float(v) for v in ticks + offset]
