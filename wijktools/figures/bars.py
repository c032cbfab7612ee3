"""Grouped horizontal bars (age structure, health): bars, value labels, margins, legend and title.

The direct-SVG charts (`figures.svg_profile`) take their margins and legend place from here, so the
HTML figure and matplotlib's PNG/PDF figure have the same layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from wijktools.figures import theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BAR_GROUP = 0.8  # share of a label's slot the bars of one group fill
# A fixed title position (where matplotlib puts it anyway: nothing is above the axes) skips a costly
# automatic placement that measures every tick label on each draw.
TITLE_Y = 1.0
TITLE_GAP_PT = 9.0  # legend top to title baseline: the title's descenders clear the legend


def grouped_barh(
    ax: object, labels: list[str], series: list[tuple[str, list[float | None], str]]
) -> None:
    """Horizontal grouped bars with value labels; missing values are left out, not drawn as 0.

    One PolyCollection per series draws the same rectangles as `barh` at a third of the cost
    (no Rectangle artist per bar); the legend shows it as a coloured box like a bar.
    """
    from matplotlib.collections import PolyCollection

    n = len(series)
    height = 0.8 / max(n, 1)
    y = np.arange(len(labels))
    for i, (name, values, colour) in enumerate(series):
        centres = y - 0.4 + height * (i + 0.5)
        shown = [(c, v) for c, v in zip(centres, values, strict=True) if v is not None and v == v]
        bars = PolyCollection(
            [
                [(0, c - height / 2), (v, c - height / 2), (v, c + height / 2), (0, c + height / 2)]
                for c, v in shown
            ],
            facecolors=colour,
            edgecolors="none",
            linewidths=0,
            label=name,
        )
        bars.sticky_edges.x.append(0)  # like barh: the axis starts at 0, no margin left of it
        ax.add_collection(bars)
        for c, v in shown:
            ax.text(
                v + 0.5,
                c,
                theme.fmt_number(v, 0),
                va="center",
                fontsize=theme.fs(theme.MIN_PRINT_FONT),
            )
    ax.set_yticks(y, labels)
    low, high = -0.4, len(labels) - 0.6  # outer bar edges, then barh's 5 % margin, top to bottom
    margin = 0.05 * (high - low)
    ax.set_ylim(high + margin, low - margin)
    ax.grid(axis="y", visible=False)


def bar_margins(labels: list[str], legend: list[str]) -> tuple[float, float, float, float]:
    """Left, right, top and bottom margin in inches: tick labels left, the legend on top or right.

    On a page the legend stands above the bars: beside them its longest entry ("20 vergelijkbare
    wijken (18 met RIVM-cijfers)") took as much width as the bars. A wide, low slide keeps it beside.
    """
    size = theme.fs(theme.RC["ytick.labelsize"])
    text = theme.fs(theme.MIN_PRINT_FONT)
    left = max(theme.text_width(label, size) for label in labels) + 0.25
    target = theme.current_medium()
    if not target.legend_above:
        right = max(theme.text_width(name, text) for name in legend) + 0.085 * text
        return left, right, 0.5, 0.95
    right = theme.text_width("100", text) + 0.15  # a value label just past the longest bar
    # theme.margins scales `top` with the medium's type: the legend's height is in scaled type already
    top = 0.5 + (legend_above_pt(legend) + TITLE_GAP_PT) / 72 / target.scale
    return left, right, top, 0.95


def legend_above_pt(legend: list[str]) -> float:
    """Height in points of a legend above the bars, with its gap to the axes (matplotlib's paddings)."""
    from wijktools.figures.svg_charts import legend_size

    size = theme.fs(theme.MIN_PRINT_FONT)
    return legend_size(legend, size)[1] + 0.5 * size  # + borderaxespad, the gap to the axes


def set_bar_margins(fig: Figure, labels: list[str], legend: list[str]) -> None:
    """Fixed margins sized to the longest tick label and the legend (no layout engine pass)."""
    left, right, top, bottom = bar_margins(labels, legend)
    theme.margins(fig, left=left, right=right, top=top, bottom=bottom)


def legend_and_title(ax: object, title: str, legend: list[str]) -> None:
    """The legend left-aligned just above the bars and the title above it (or both as before)."""
    size = theme.fs(theme.MIN_PRINT_FONT)
    if not theme.current_medium().legend_above:
        ax.set_title(title, y=TITLE_Y)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=size)
        return
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1), fontsize=size)
    ax.set_title(title, y=TITLE_Y, pad=legend_above_pt(legend) + TITLE_GAP_PT)
