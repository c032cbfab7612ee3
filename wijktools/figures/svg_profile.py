"""The profile's figures for HTML as direct SVG (`svg_charts`), from the same series as `figures.profile`.

Each function takes what the matplotlib version takes and returns SVG bytes, or None where the
matplotlib version returns no figure. Layout numbers (size, margins, limits) come from
`figures.profile`/`figures.maps`, so the HTML and the PNG of the same area show the same figure.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from wijktools.figures import bars, maps, theme
from wijktools.figures import profile as figures
from wijktools.figures.demand_parts import DEMAND_TITLE, DEMAND_WIDTH, DEMAND_YLABEL, demand_parts
from wijktools.figures.svg_charts import (
    LINE_SPACING,
    PT,
    Axes,
    Canvas,
    Line,
    Rect,
    Shape,
    Text,
    autoscale,
    background,
    legend,
    num,
    source,
    spines,
    ticks,
    title,
    x_axis,
    x_label,
    y_axis,
    y_label,
    y_ticks,
)
from wijktools.figures.svg_charts import legend_size as legend_size_pt

if TYPE_CHECKING:
    from wijktools.profile.model import IndicatorRow, Profile


def _tick_text(value: float) -> str:
    return theme.fmt_number(value, 0 if float(value).is_integer() else 1)


def _grouped_barh(
    size: tuple[float, float],
    labels: list[str],
    series: list[tuple[str, list[float | None], str]],
    heading: str,
    xlabel: str,
    src: str,
    xmax: float | None = None,
) -> bytes:
    """Horizontal grouped bars with value labels, legend above the bars (as `_grouped_barh`)."""
    canvas = Canvas(*size)
    background(canvas)
    left, right, top, bottom = bars.bar_margins(labels, [name for name, _, _ in series])
    ax = Axes.from_margins(*size, left, right, top, bottom)
    shown = [
        [(i, v) for i, v in enumerate(values) if v is not None and v == v]
        for _, values, _ in series
    ]
    if xmax is not None:
        ax.xlim = (0.0, float(xmax))
    else:
        highest = max((v for items in shown for _, v in items), default=None)
        ax.xlim = (0.0, 1.0) if highest is None else autoscale(0.0, max(highest, 0.0), True)
    low, high = -bars.BAR_GROUP / 2, len(labels) - 1 + bars.BAR_GROUP / 2
    margin = 0.05 * (high - low)
    ax.ylim = (high + margin, low - margin)
    xs = ticks(*ax.xlim, ax.width)
    below = x_axis(canvas, ax, xs, [_tick_text(v) for v in xs], grid=True)
    height = bars.BAR_GROUP / max(len(series), 1)
    value_size = theme.fs(theme.MIN_PRINT_FONT)
    labels_at: list[tuple[float, float, str]] = []
    for i, ((_, _, colour), items) in enumerate(zip(series, shown, strict=True)):
        for row, value in items:
            centre = row - bars.BAR_GROUP / 2 + height * (i + 0.5)
            y0, y1 = ax.y(centre - height / 2), ax.y(centre + height / 2)
            x0, x1 = ax.x(0.0), ax.x(value)
            canvas.add(Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), colour))
            labels_at.append((ax.x(value + 0.5), ax.y(centre), theme.fmt_number(value, 0)))
    for x, y, text in labels_at:
        canvas.text(x, y, text, value_size, va="center")
    y_axis(canvas, ax, list(range(len(labels))), labels, grid=False)
    spines(canvas, ax)
    x_label(canvas, ax, xlabel, below)
    names = [name for name, _, _ in series]
    above = bars.legend_above_pt(names)
    title(canvas, ax, heading, pad=above + bars.TITLE_GAP_PT)
    legend(
        canvas,
        [(name, colour, "box") for name, _, colour in series],
        ax.left + 0.5 * value_size,
        ax.top - above,
        value_size,
    )
    source(canvas, src)
    return canvas.svg()


def age_structure(profile: Profile) -> bytes:
    """The age figure (`figures.age_structure`) as SVG."""
    labels, series, src = figures.age_series(profile)
    return _grouped_barh(
        figures.AGE_SIZE, labels, series, figures.AGE_TITLE, figures.AGE_XLABEL, src
    )


def health(profile: Profile, rows: list[IndicatorRow], age_group: str) -> bytes:
    """A health figure (`figures.health`) as SVG; the caller leaves it out when there are no rows."""
    labels, series, xlabel, heading, src = figures.health_series(profile, rows, age_group)
    size = (10.0, figures.health_height(rows))
    return _grouped_barh(size, labels, series, heading, xlabel, src, figures.HEALTH_XMAX)


def demand(profile: Profile) -> bytes | None:
    """The demand figure (`figures.demand`) as SVG: stacked bars per year with the index above."""
    if profile.zorgvraag is None:
        return None
    parts = demand_parts(profile)
    canvas = Canvas(*figures.AGE_SIZE)
    background(canvas)
    ax = Axes.from_margins(*figures.AGE_SIZE, *parts.margins)
    half = DEMAND_WIDTH / 2
    low, high = -half, len(parts.years) - 1 + half
    margin = 0.05 * (high - low)
    ax.xlim = (low - margin, high + margin)
    ax.ylim = (0.0, parts.ymax)
    ys = y_ticks(*ax.ylim, ax.height)
    left = y_axis(canvas, ax, ys, [_tick_text(v) for v in ys], grid=True)
    x_axis(canvas, ax, list(range(len(parts.years))), parts.years, grid=True)
    bottoms = [0.0] * len(parts.years)
    for _, values, colour in parts.bands:
        for i, value in enumerate(values):
            x0, x1 = ax.x(i - half), ax.x(i + half)
            y0, y1 = ax.y(bottoms[i]), ax.y(bottoms[i] + value)
            canvas.add(Rect(x0, min(y0, y1), x1 - x0, abs(y0 - y1), colour))
            bottoms[i] += value
    text_size = theme.fs(theme.MIN_PRINT_FONT)
    for i, label in enumerate(parts.labels):
        lines = label.split("\n")
        base = ax.y(parts.totals[i] * 1.01)
        for j, line in enumerate(lines):
            y = base - (len(lines) - 1 - j) * LINE_SPACING * text_size
            canvas.text(ax.x(i), y, line, text_size, va="bottom", anchor="middle")
    spines(canvas, ax)
    y_label(canvas, ax, DEMAND_YLABEL, left)
    title(canvas, ax, DEMAND_TITLE)
    pad = 0.5 * text_size
    entries = [(name, colour, "box") for name, _, colour in reversed(parts.bands)]
    legend(canvas, entries, ax.left + 1.01 * ax.width + pad, ax.top + pad, text_size)
    source(canvas, parts.source)
    return canvas.svg()


def _subplots(size: tuple[float, float], n_rows: int, n_cols: int) -> list[Axes]:
    """The boxes of fig.subplots(rows, cols) under `theme.margins` (wspace/hspace as matplotlib)."""
    m = figures.TREND_MARGINS
    width, height = size[0] - m["left"] - m["right"], size[1] - m["top"] - m["bottom"]
    cell_w = width / (n_cols + m["wspace"] * (n_cols - 1))
    cell_h = height / (n_rows + m["hspace"] * (n_rows - 1))
    boxes = []
    for r in range(n_rows):
        for c in range(n_cols):
            left = m["left"] + c * cell_w * (1 + m["wspace"])
            top = m["top"] + r * cell_h * (1 + m["hspace"])
            boxes.append(Axes(left * PT, top * PT, cell_w * PT, cell_h * PT, (0, 1), (0, 1)))
    return boxes


def _best_corner(
    ax: Axes, box: tuple[float, float], lines: list[list[tuple[float, float]]], size: float
) -> tuple[float, float]:
    """Matplotlib's loc='best': the first of its candidate places that covers the fewest points."""
    w, h = box
    pad = 0.5 * size
    xs = {
        "left": ax.left + pad,
        "right": ax.right - pad - w,
        "center": (ax.left + ax.right - w) / 2,
    }
    ys = {
        "upper": ax.top + pad,
        "lower": ax.bottom - pad - h,
        "center": (ax.top + ax.bottom - h) / 2,
    }
    order = [
        ("upper", "right"), ("upper", "left"), ("lower", "left"), ("lower", "right"),
        ("center", "right"), ("center", "left"), ("center", "right"), ("lower", "center"),
        ("upper", "center"), ("center", "center"),
    ]  # fmt: skip

    def badness(x: float, y: float) -> int:
        inside = sum(x <= px <= x + w and y <= py <= y + h for line in lines for px, py in line)
        crossing = 0
        for line in lines:
            for (x0, y0), (x1, y1) in itertools.pairwise(line):
                for k in range(1, 20):  # a segment that passes through the box
                    t = k / 20
                    px, py = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                    if x <= px <= x + w and y <= py <= y + h:
                        crossing += 1
                        break
        return inside + crossing

    best, best_score = None, None
    for vertical, horizontal in order:
        score = badness(xs[horizontal], ys[vertical])
        if best_score is None or score < best_score:
            best, best_score = (xs[horizontal], ys[vertical]), score
    return best


def trends(profile: Profile, rows: list[IndicatorRow], age_group: str) -> bytes:
    """The trend figure (`figures.trends`) as SVG: up to four panels, area against gemeente and NL."""
    size = figures.TREND_SIZE
    canvas = Canvas(*size)
    background(canvas)
    legend_size = theme.fs(theme.MIN_PRINT_FONT)
    for i, (ax, row) in enumerate(zip(_subplots(size, 2, 2), rows, strict=False)):
        lines = figures.trend_lines(profile, row)
        years = [y for trend, _, _ in lines for y in trend]
        values = [v for trend, _, _ in lines for v in trend.values()]
        ax.xlim = autoscale(min(years), max(years))
        ax.ylim = autoscale(min(values), max(values))
        ys = y_ticks(*ax.ylim, ax.height)
        left = y_axis(canvas, ax, ys, [_tick_text(v) for v in ys], grid=True)
        xs = [y for y in figures.trend_ticks(row) if ax.xlim[0] <= y <= ax.xlim[1]]
        x_axis(canvas, ax, xs, [str(y) for y in xs], grid=True)
        drawn = []
        for trend, _, colour in lines:
            points = [(ax.x(year), ax.y(value)) for year, value in trend.items()]
            canvas.add(Line(points, colour, 1.5, marker=6.0))
            drawn.append(points)
        spines(canvas, ax)
        y_label(canvas, ax, "%", left)
        title(canvas, ax, row.label.split(" (")[0], theme.fs(13))
        if i == 0:
            labels = [name for _, name, _ in lines]
            box = legend_size_pt(labels, legend_size)
            x, y = _best_corner(ax, box, drawn, legend_size)
            entries = [(name, colour, "line") for _, name, colour in lines]
            legend(canvas, entries, x, y, legend_size)
    suptitle_size = theme.fs(theme.RC["font.size"] * 1.2)  # matplotlib's 'large'
    canvas.text(
        size[0] * PT / 2,
        size[1] * PT * 0.02,
        figures.trend_title(age_group, figures.trend_years(rows)),
        suptitle_size,
        va="top",
        anchor="middle",
        weight="bold",
    )
    source(canvas, theme.rivm_source(figures.trend_years(rows)))
    return canvas.svg()


def _rings(geometry: object) -> list[object]:
    """Every polygon ring (outlines and holes) of a geometry; other parts draw nothing on a fill map."""
    import shapely

    rings = []
    for part in shapely.get_parts(geometry):
        if part.geom_type == "Polygon":
            rings += [part.exterior, *part.interiors]
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            rings += _rings(part)
    return rings


@dataclass(frozen=True)
class _BaseMap:
    """What every map of one gemeente shares: its wijken as paths, their labels, and the axes box."""

    paths: tuple[tuple[str, str], ...]  # (wijk code, SVG path d)
    labels: tuple[maps.MapLabel, ...]  # every wijk's name, y upwards (as maps.shown_labels takes)
    axes: Axes


@lru_cache(maxsize=8)
def _base_map(gemeente: str) -> _BaseMap:
    """The gemeente's base map in figure points, built once per gemeente (areas come gemeente by gemeente)."""
    import shapely

    from wijktools.opendata import boundaries

    in_gem = boundaries.wijken_2024_shapes(gemeente)  # only the gemeente's wijken
    m = maps.MAP_MARGINS
    box = Axes.from_margins(*maps.MAP_SIZE, m["left"], m["right"], m["top"], m["bottom"])
    x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(in_gem["geometry"]))
    (x0, x1), (y0, y1) = autoscale(x0, x1), autoscale(y0, y1)
    # aspect 'equal' with adjustable 'box': the axes shrink around the centre to the data's shape
    scale = min(box.width / (x1 - x0), box.height / (y1 - y0))
    width, height = (x1 - x0) * scale, (y1 - y0) * scale
    ax = Axes(
        box.left + (box.width - width) / 2,
        box.top + (box.height - height) / 2,
        width,
        height,
        (x0, x1),
        (y0, y1),
    )
    paths, labels = [], []
    height = maps.MAP_SIZE[1] * 72
    for code, naam, geometry in zip(
        in_gem["code"], in_gem["naam"], in_gem["geometry"], strict=True
    ):
        parts = []
        for ring in _rings(geometry):
            coords = " L".join(f"{num(ax.x(x))} {num(ax.y(y))}" for x, y in ring.coords)
            parts.append(f"M{coords} Z")
        paths.append((code, " ".join(parts)))
        point = geometry.representative_point()
        labels.append(
            maps.MapLabel(
                code, ax.x(point.x), height - ax.y(point.y), maps.label(naam), geometry.area
            )
        )
    return _BaseMap(tuple(paths), tuple(labels), ax)


def area_map(profile: Profile) -> tuple[bytes | None, str]:
    """The map (`maps.area_map`) as SVG from the gemeente's cached base map, or None with the reason."""
    from wijktools.opendata import boundaries

    # Only the gemeente's wijken: map_inputs keeps no more than those.
    gemeente = profile.gebied["gemeente_code"]
    shapes = boundaries.wijken_2024_shapes(gemeente if isinstance(gemeente, str) else None)
    names, present, note = maps.map_inputs(profile, shapes)
    if names is None:
        return None, note
    base = _base_map(profile.gebied["gemeente_code"])
    marked = set(present)
    canvas = Canvas(*maps.MAP_SIZE)
    background(canvas)
    for colour, chosen in ((maps.MAP_GREY, None), (theme.AREA, marked)):
        for code, d in base.paths:
            if chosen is None or code in chosen:
                canvas.add(Shape(d, colour, "#ffffff", maps.MAP_EDGE))
    size = theme.fs(9)
    height = maps.MAP_SIZE[1] * 72
    for lab in maps.shown_labels(list(base.labels), marked, size):
        bold = lab.code in marked  # as in maps.fill_map: the marked name bold, with a white halo
        weight, halo = ("bold", maps.HALO_PT) if bold else ("normal", 0.0)
        canvas.add(Text(lab.x, height - lab.y, lab.text, size, "middle", weight, halo=halo))
    title(canvas, base.axes, maps.map_title(profile, names, present))
    source(canvas, maps.MAP_SOURCE)
    return canvas.svg(), note
