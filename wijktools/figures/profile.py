"""Profile figures in the house theme; one function per figure, each with its source line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from wijktools.figures import theme
from wijktools.figures.bars import (
    TITLE_Y,
    grouped_barh,
    legend_and_title,
    set_bar_margins,
)
from wijktools.figures.demand_parts import DEMAND_TITLE, DEMAND_WIDTH, DEMAND_YLABEL, demand_parts
from wijktools.profile.model import PEERS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from wijktools.profile.model import IndicatorRow, Profile

AGE_KEYS = (
    ("aandeel_0_15", "0-15"),
    ("aandeel_15_25", "15-25"),
    ("aandeel_25_45", "25-45"),
    ("aandeel_45_65", "45-65"),
    ("aandeel_65_plus", "65+"),
)
HEALTH_KEYS = (
    "ErvarenGezondheidGoedZeerGoed",
    "EenOfMeerLangdurigeAandoeningen",
    "BeperktVanwegeGezondheid",
    "MatigHoogRisicoOpAngstOfDepressie",
    "Eenzaam",
    "ErnstigZeerErnstigEenzaam",
    "Overgewicht",
    "Mantelzorger",
    "MoeiteMetRondkomen",
)
TREND_KEYS = ("Eenzaam", "ErvarenGezondheidGoedZeerGoed", "Overgewicht", "MoeiteMetRondkomen")
# The IndicatorRow trend of each comparison that has one (the peer group has no trend).
TREND_OF = {"gemeente": "trend_gemeente", "nederland": "trend_nl"}
DPI = 100
AGE_TITLE, AGE_XLABEL = "Leeftijdsopbouw", "% van de inwoners"
AGE_SIZE = (10, 6.0)
HEALTH_XMAX = 105


def _dutch_ticks(value: float, _pos: object) -> str:
    """Dutch tick labels (47,5 not 47.5) without depending on the system locale."""
    return theme.fmt_number(value, 0 if float(value).is_integer() else 1)


@dataclass
class FigureImage:
    """A rendered figure ready for any output: name, Dutch title and caption, PNG (or SVG) bytes."""

    name: str
    titel: str
    bijschrift: str
    png: bytes = b""
    svg: bytes = b""

    @property
    def data_uri(self) -> str:
        """For self-contained HTML: the SVG when rendered as such, else the PNG."""
        if self.svg:
            return theme.to_data_uri(self.svg, "image/svg+xml")
        return theme.to_data_uri(self.png)


def _series_names(profile: Profile) -> list[tuple[str, str, str]]:
    """(attribute, legend label, colour) of the area and of each of Profile.comparisons."""
    out = [("value", short_label(profile.gebied["naam"]), theme.AREA)]
    for c in profile.comparisons:
        if c.key != PEERS or theme.current_medium().peers:  # a slide keeps to three bars a group
            out.append((c.key, c.legenda, theme.COMPARISON_COLOURS[c.key]))
    return out


def short_label(name: str, limit: int = 34) -> str:
    """Long area names would push the figure out of its frame."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def fitting_title(options: list[str], width: float) -> str:
    """The first title that fits on one line `width` inches wide, else the shortest option.

    A title wider than its figure is cut off at both edges (the area's name with it), so a long
    name first drops the words around it and only then is shortened.
    """
    size = theme.fs(theme.RC["axes.titlesize"])
    for text in options:
        if theme.text_width(text, size, "bold") <= width:
            return text
    return min(options, key=len)


def _kwb_source(profile: Profile, keys: list[str]) -> str:
    rows = [r for r in profile.indicatoren if r.key in keys]
    years = sorted({y for r in rows for y in (r.year, r.jaar_gemeente, r.jaar_nederland) if y})
    return theme.CBS_KWB_SOURCE.format(year=", ".join(map(str, years)) or "2024")


def age_structure(profile: Profile) -> Figure:
    """Age shares of the area beside gemeente, NL and peers."""
    with theme.style():
        fig, _ax = theme.new_figure(*AGE_SIZE, layout=None)
        fill_age(fig, profile)
    return fig


def age_series(
    profile: Profile,
) -> tuple[list[str], list[tuple[str, list[float | None], str]], str]:
    """Labels, (name, values, colour) per series and the source line of the age figure."""
    labels = [f"{label} jaar" for _, label in AGE_KEYS]
    series = []
    for attr, name, colour in _series_names(profile):
        values = [
            getattr(profile.row(key), attr, None) if profile.row(key) else None
            for key, _ in AGE_KEYS
        ]
        series.append((name, values, colour))
    source = (
        _kwb_source(profile, [k for k, _ in AGE_KEYS]) + " · 75+/80+ niet per wijk gepubliceerd"
    )
    return labels, series, source


def fill_age(fig: Figure, profile: Profile) -> None:
    """Everything of the age figure that depends on the area (also refills a reused figure)."""
    ax = fig.axes[0]
    labels, series, source = age_series(profile)
    grouped_barh(ax, labels, series)
    set_bar_margins(fig, labels, [name for name, _, _ in series])
    ax.set_xlabel(AGE_XLABEL)
    legend_and_title(ax, AGE_TITLE, [name for name, _, _ in series])
    theme.add_source(fig, source)


def health_rows(
    profile: Profile, age_group: str = "18+", keys: tuple[str, ...] = HEALTH_KEYS
) -> list[IndicatorRow]:
    """The health indicators this area has for the age group (one bar group each)."""
    rows = [profile.row(k, age_group) for k in keys]
    return [r for r in rows if r is not None]


def health_height(rows: list[IndicatorRow]) -> float:
    """Figure height in inches for this many bar groups."""
    return 0.75 * len(rows) + 3.0


def health(
    profile: Profile, age_group: str = "18+", keys: tuple[str, ...] = HEALTH_KEYS
) -> Figure | None:
    """Key health and wellbeing indicators beside gemeente, NL and peers (a slide shows a part)."""
    rows = health_rows(profile, age_group, keys)
    if not rows:
        return None
    with theme.style():
        fig, _ax = theme.new_figure(10, health_height(rows), layout=None)
        fill_health(fig, profile, rows, age_group)
    return fig


def health_series(
    profile: Profile, rows: list[IndicatorRow], age_group: str
) -> tuple[list[str], list[tuple[str, list[float | None], str]], str, str, str]:
    """Labels, series, axis label, title and source line of a health figure."""
    labels = [r.label.split(" (")[0] for r in rows]
    series = [
        (name, [getattr(r, attr) for r in rows], colour)
        for attr, name, colour in _series_names(profile)
    ]
    xlabel = f"% van de inwoners van {age_group.replace('+', ' jaar en ouder')}"
    title = f"Gezondheid en welzijn, {age_group.replace('+', '+ jaar')}"
    years = sorted({r.year for r in rows if r.year})
    return labels, series, xlabel, title, theme.rivm_source(years)


def fill_health(fig: Figure, profile: Profile, rows: list[IndicatorRow], age_group: str) -> None:
    """Everything of a health figure that depends on the area (also refills a reused figure)."""
    ax = fig.axes[0]
    labels, series, xlabel, title, source = health_series(profile, rows, age_group)
    grouped_barh(ax, labels, series)
    set_bar_margins(fig, labels, [name for name, _, _ in series])
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, HEALTH_XMAX)
    legend_and_title(ax, title, [name for name, _, _ in series])
    theme.add_source(fig, source)


def trend_rows(profile: Profile, age_group: str = "18+") -> list[IndicatorRow]:
    """The trend indicators with at least two years for the area (one panel each)."""
    rows = [profile.row(k, age_group) for k in TREND_KEYS]
    return [r for r in rows if r is not None and len(r.trend) >= 2]


TREND_SIZE = (10, 6.4)
TREND_MARGINS = {
    "left": 0.75,
    "right": 0.1,
    "top": 1.0,
    "bottom": 0.55,
    "wspace": 0.2,
    "hspace": 0.55,
}


def trend_lines(profile: Profile, row: IndicatorRow) -> list[tuple[dict[int, float], str, str]]:
    """(trend, legend label, colour) of the lines in one trend panel (only those with data)."""
    lines = [(row.trend, short_label(profile.gebied["naam"], 24), theme.AREA)]
    lines += [
        (getattr(row, TREND_OF[c.key]), c.kop, theme.COMPARISON_COLOURS[c.key])
        for c in profile.comparisons
        if c.key in TREND_OF
    ]
    return [line for line in lines if line[0]]


def trend_caption(profile: Profile, rows: list[IndicatorRow]) -> str:
    """What the trend figure compares, named after the lines it draws: a gemeente has no gemeente line.

    'Gebied, gemeente en Nederland.' for a wijk, 'Gebied en Nederland.' for a gemeente, 'Nederland.'
    for Nederland itself.
    """
    land = profile.gebied.get("soort") == "land"
    names = ["Nederland" if land else "Gebied"]
    names += [
        c.woord
        for c in profile.comparisons
        if c.key in TREND_OF and any(getattr(r, TREND_OF[c.key]) for r in rows)
    ]
    text = f"{', '.join(names[:-1])} en {names[-1]}" if len(names) > 1 else names[0]
    return f"{text}."


def trend_years(rows: list[IndicatorRow]) -> list[int]:
    """Every year any line of the trend figure has (the RIVM editions shown)."""
    return sorted({y for r in rows for y in (*r.trend, *r.trend_gemeente, *r.trend_nl)})


def trend_ticks(row: IndicatorRow) -> list[int]:
    """The years of one panel, as its x ticks."""
    return sorted({*row.trend, *row.trend_gemeente, *row.trend_nl})


def trend_title(age_group: str, years: list[int]) -> str:
    """The trend figure's title above its panels."""
    span = f"{years[0]}-{years[-1]}" if years else ""
    return f"Ontwikkeling {span}, {age_group.replace('+', '+ jaar')}"


def trends(profile: Profile, age_group: str = "18+") -> Figure | None:
    """Trend 2012 -> 2016 -> 2020 of four indicators: area against gemeente and NL."""
    rows = trend_rows(profile, age_group)
    if not rows:
        return None
    from matplotlib.figure import Figure

    with theme.style():
        fig = Figure(figsize=TREND_SIZE)
        theme.margins(fig, **TREND_MARGINS)
        axes = fig.subplots(2, 2, squeeze=False).ravel()
        for ax in axes[len(rows) :]:
            ax.set_visible(False)
        fill_trends(fig, profile, rows, age_group)
    return fig


def fill_trends(fig: Figure, profile: Profile, rows: list[IndicatorRow], age_group: str) -> None:
    """Everything of the trend figure that depends on the area (also refills a reused figure)."""
    axes = fig.axes
    for ax, row in zip(axes, rows, strict=False):
        for trend, name, colour in trend_lines(profile, row):
            ax.plot(list(trend), list(trend.values()), marker="o", color=colour, label=name)
        ax.set_title(row.label.split(" (")[0], fontsize=theme.fs(13), y=TITLE_Y)
        ax.set_xticks(trend_ticks(row))
        ax.yaxis.set_major_formatter(_dutch_ticks)
        ax.set_ylabel("%")
    axes[0].legend(fontsize=theme.fs(theme.MIN_PRINT_FONT))
    fig.suptitle(trend_title(age_group, trend_years(rows)), fontweight="bold")
    theme.add_source(fig, theme.rivm_source(trend_years(rows)))


def demand(profile: Profile) -> Figure | None:
    """Expected GP contacts now, 2030 and 2040, stacked by age band."""
    if profile.zorgvraag is None:
        return None
    with theme.style():
        fig, _ax = theme.new_figure(10, 5.2, layout=None)
        fill_demand(fig, profile)
    return fig


def fill_demand(fig: Figure, profile: Profile) -> None:
    """The ageing effect: expected contacts per inwoner by age band, with the index (and its range)."""
    ax = fig.axes[0]
    parts = demand_parts(profile)
    bottom = np.zeros(len(parts.years))
    for name, vals, colour in parts.bands:
        ax.bar(parts.years, vals, bottom=bottom, color=colour, label=name, width=DEMAND_WIDTH)
        bottom += np.array(vals)
    for i, label in enumerate(parts.labels):
        ax.text(
            i,
            parts.totals[i] * 1.01,
            label,
            ha="center",
            va="bottom",
            fontsize=theme.fs(theme.MIN_PRINT_FONT),
        )
    ax.set_ylim(0, parts.ymax)
    ax.yaxis.set_major_formatter(_dutch_ticks)
    ax.set_ylabel(DEMAND_YLABEL)
    ax.set_title(DEMAND_TITLE, y=TITLE_Y)
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=theme.fs(theme.MIN_PRINT_FONT),
        reverse=True,
    )
    left, right, top, bottom_margin = parts.margins
    theme.margins(fig, left=left, right=right, top=top, bottom=bottom_margin)
    theme.add_source(fig, parts.source)


def show(fig: Figure | None) -> object:
    """Notebook display of a pyplot-free figure (as PNG); None shows nothing."""
    from IPython.display import Image

    return None if fig is None else Image(data=theme.to_png(fig, dpi=DPI))
