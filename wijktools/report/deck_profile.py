"""The data slides of the deck, from the wijkprofiel.

Kerncijfers, leeftijdsopbouw, gezondheid en welzijn, verwachte zorgvraag, ligging and the
concept-knelpunten with their rule (deck_knelpunten). Figures are drawn by the same figure functions as the report, at slide size (theme.SLIDE: 16:9, no
text under 18 pt); the native PowerPoint charts get the same numbers as plain data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from wijktools import nl
from wijktools.figures import theme
from wijktools.profile.model import PEERS, Comparison, spoken
from wijktools.report.deck_knelpunten import knelpunt_slides
from wijktools.report.model import Chart, KeyFigure, Slide, chunks, clean, numbered

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from wijktools.profile.model import IndicatorRow, Profile

SLIDE_DPI = 150  # 12,1 inch wide: about 1800 pixels, sharp on a full-HD projector
HEALTH_PER_SLIDE = 5  # indicators per health slide: three bars each stay legible at 18 pt
AGE_GROUPS = {"18+": "18 jaar en ouder", "65+": "65 jaar en ouder"}


def slide_png(build: Callable[[], Figure | None]) -> bytes:
    """A figure function's figure drawn for a slide; empty when the function has nothing to draw."""
    with theme.medium(theme.SLIDE):
        fig = build()
        if fig is None:
            return b""
        _untitled(fig)
        return theme.to_png(fig, dpi=SLIDE_DPI)


def slide_svg(build: Callable[[], Figure | None], untitled: bool = True) -> bytes:
    """A chart slide's figure for reveal.js, as SVG.

    Sharp on any projector and about half the drawing time of a PNG; the letters are outlines, so
    the slide looks the same on a laptop without the house font.
    """
    with theme.medium(theme.SLIDE):
        fig = build()
        if fig is None:
            return b""
        if untitled:
            _untitled(fig)
        return theme.to_svg(fig, text_as_paths=True)


def _untitled(fig: Figure) -> None:
    """The slide's own title says what the figure shows; the figure's title would say it twice."""
    for ax in fig.axes:
        ax.set_title("")
        ax.set_title("", loc="left")
    if fig._suptitle is not None:  # matplotlib keeps the suptitle only here
        fig._suptitle.set_text("")


def _pct(value: float | None) -> str:
    return nl.percent(value)


# --- profile --------------------------------------------------------------------------------


def _rows(profile: Profile) -> dict[tuple[str, str], IndicatorRow]:
    return {(r.key, r.age_group or ""): r for r in profile.indicatoren}


def _beside(profile: Profile) -> list[Comparison]:
    """The areas above this one (Profile.comparisons): three bars a group stay legible on a slide."""
    return [c for c in profile.comparisons if c.key != PEERS]


def _series(profile: Profile) -> list[tuple[str, str, str]]:
    """(row field, legend name, colour): the area against its gemeente and the Netherlands."""
    gebied = profile.gebied
    out = [("value", clean(gebied.get("naam") or gebied.get("code") or "Gebied"), theme.AREA)]
    out += [(c.key, clean(c.legenda), theme.COMPARISON_COLOURS[c.key]) for c in _beside(profile)]
    return out


def _chart(profile: Profile, rows: list[IndicatorRow], labels: list[str], axis: str) -> Chart:
    series = _series(profile)
    return Chart(
        "bar",
        labels,
        [(name, [getattr(r, attr) for r in rows]) for attr, name, _c in series],
        number_format="0",
        axis_title=axis,
        colours=[c for _a, _n, c in series],
    )


def _value_notes(profile: Profile, rows: list[IndicatorRow], labels: list[str]) -> list[str]:
    """Every number of the chart in words (screen readers, and the adviser's own crib sheet)."""
    series = _series(profile)
    group = [c for c in profile.comparisons if c.key == PEERS]
    lines = []
    for row, label in zip(rows, labels, strict=True):
        parts = [f"{name} {_pct(getattr(row, attr))}" for attr, name, _c in series]
        parts += [f"{c.woord} {_pct(row.peers)}" for c in group if row.peers is not None]
        line = f"{label}: " + ", ".join(parts) + f" ({row.year or 'jaar onbekend'})"
        lines.append(line + (f"; {_marks(row)}" if _marks(row) else ""))
    return lines


def _marks(row: IndicatorRow) -> str:
    from wijktools.report.profile import marks

    return marks(row)


def _significance_line(rows: list[IndicatorRow], labels: list[str]) -> str:
    """'Significant (95 %-interval): Eenzaam hoger dan gemeente.' for the slide's source line."""
    found = [
        f"{label} {_marks(r).removeprefix('significant ')}"
        for r, label in zip(rows, labels, strict=True)
        if _marks(r)
    ]
    return f" Significant (95 %-interval): {'; '.join(found)}." if found else ""


def _kwb_source(rows: list[IndicatorRow]) -> str:
    """The KWB years of every series on the slide (a Frisian kern 2025 beside Nederland 2024)."""
    years = sorted({str(y) for r in rows for y in (r.year, r.jaar_gemeente, r.jaar_nederland) if y})
    return theme.CBS_KWB_SOURCE.format(year=", ".join(years) or "–")


def _demand_slide(data: Profile, profile: Profile | None) -> Slide:
    """The report's demand figure as a chart: contacts per inwoner by age band, the ageing index.

    Absolute contacts exist only where a provincial prognosis anchors them (not for Limburg,
    Noord-Brabant, Zuid-Holland or Zeeland): a chart of those was empty there. Per inwoner it is
    the same for every area, and the same as the report and the reveal.js slide show.
    """
    from wijktools.figures import profile as figures
    from wijktools.figures.demand_parts import DEMAND_YLABEL, demand_parts

    zorg = data.zorgvraag
    assert zorg is not None
    parts = demand_parts(data)
    spoken = [label.replace("\n", " ") for label in parts.labels]
    notes = [
        f"{y.year}: {theme.fmt_number(y.contacten_per_inwoner, 2)} contacten per inwoner, {label}"
        for y, label in zip(zorg.years, spoken, strict=True)
    ]
    return Slide(
        "zorgvraag",
        "Verwachte zorgvraag",
        "chart",
        subtitle="Huisartscontacten per inwoner door de leeftijdsopbouw (vergrijzingseffect)",
        chart=Chart(
            "column_stacked",
            parts.years,
            [(name, values) for name, values, _colour in parts.bands],
            number_format="0.0",
            axis_title=DEMAND_YLABEL,
            colours=[colour for _name, _values, colour in parts.bands],
            point_labels=parts.labels,
        ),
        svg=slide_svg(lambda: figures.demand(profile)) if profile else b"",
        alt="Verwachte zorgvraag: "
        + "; ".join(f"{year}: {label}" for year, label in zip(parts.years, spoken, strict=True)),
        source=parts.source,
        notes=[
            *notes,
            "Regel: leeftijdsopbouw van het gebied × landelijke contactfrequentie per "
            "leeftijd (Nivel 2017), doorgeschoven naar 2030 en 2040 (cohortverschuiving, "
            "geen migratie of beleid).",
            parts.source,
        ],
    )


def profile_slides(given: Profile | Mapping[str, Any]) -> list[Slide]:
    """The data slides of a wijkprofiel (or its to_json dict); figures only from the Profile itself."""
    from wijktools.figures import maps
    from wijktools.figures import profile as figures
    from wijktools.report.profile import KEY_FIGURES, fmt_value, profile_record, row_decimals

    profile = None if isinstance(given, Mapping) else given
    # The numbers as profiel.json has them (NaN read as missing), typed again; figures from the object.
    data = profile_record(given if profile is None else profile.to_dict())
    rows = _rows(data)
    gebied = data.gebied
    gemeente = clean(gebied.get("gemeentenaam") or "gemeente")
    whole = gebied.get("soort") in ("gemeente", "land")  # no map of a gemeente or of Nederland
    beside = _beside(data)
    compared = f", naast {spoken(beside)}" if beside else ""
    nederland = any(c.key == "nederland" for c in beside)
    slides: list[Slide] = []

    tiles, notes = [], []
    for key, age, label in KEY_FIGURES:
        row = rows.get((key, age))
        if row is None or row.value is None:
            continue
        unit, places = row.unit, row_decimals(row, beside)
        tiles.append(
            KeyFigure(
                label,
                fmt_value(row.value, unit, places),
                "".join(
                    f"{clean(c.naam)}: {fmt_value(getattr(row, c.key), unit, places)}"
                    for c in beside[:1]
                ),
            )
        )
        nl = f"; Nederland {fmt_value(row.nederland, unit, places)}" if nederland else ""
        notes.append(
            f"{label}: {fmt_value(row.value, unit, places)}{nl}. "
            f"Bron: {clean(row.source)} {row.year or ''}".strip()
        )
    if tiles:
        slides.append(
            Slide("kerncijfers", "Kerncijfers", "figures", key_figures=tiles, notes=notes)
        )

    found = [rows.get((k, "")) for k, _label in figures.AGE_KEYS]
    age_rows = [r for r in found if r is not None]
    if len(age_rows) == len(found):
        labels = [f"{label} jaar" for _k, label in figures.AGE_KEYS]
        source = _kwb_source(age_rows)
        slides.append(
            Slide(
                "leeftijdsopbouw",
                "Leeftijdsopbouw",
                "chart",
                subtitle=f"Aandeel van de inwoners per leeftijdsgroep{compared}",
                chart=_chart(data, age_rows, labels, "% van de inwoners"),
                svg=slide_svg(lambda: figures.age_structure(profile)) if profile else b"",
                alt="Aandeel per leeftijdsgroep: "
                + "; ".join(_value_notes(data, age_rows, labels)),
                source=source,
                notes=[
                    *_value_notes(data, age_rows, labels),
                    source,
                    "CBS publiceert per wijk alleen de groep 65+; 75+ en 80+ zijn per wijk niet beschikbaar.",
                ],
            )
        )

    for group, words in AGE_GROUPS.items():
        present = [
            k
            for k in figures.HEALTH_KEYS
            if (k, group) in rows and rows[(k, group)].value is not None
        ]
        parts = chunks(present, HEALTH_PER_SLIDE)
        for i, keys in enumerate(parts, start=1):
            part_rows = [rows[(k, group)] for k in keys]
            labels = [clean(r.label).split(" (")[0] for r in part_rows]
            years = sorted({str(r.year) for r in part_rows if r.year})
            source = theme.rivm_source(years)
            source += _significance_line(part_rows, labels)
            slides.append(
                Slide(
                    f"gezondheid_{group}_{i}",
                    numbered(f"Gezondheid en welzijn {group}", i, len(parts)),
                    "chart",
                    subtitle=f"Inwoners van {words}{compared}",
                    chart=_chart(data, part_rows, labels, f"% van de inwoners van {words}"),
                    svg=slide_svg(
                        lambda keys=tuple(keys), group=group: figures.health(profile, group, keys)
                    )
                    if profile
                    else b"",
                    alt="; ".join(_value_notes(data, part_rows, labels)),
                    source=source,
                    notes=[
                        *_value_notes(data, part_rows, labels),
                        source,
                        "RIVM-schattingen uit de Gezondheidsmonitor; kleine verschillen vallen "
                        "binnen de onzekerheid van de schatting.",
                    ],
                )
            )

    zorg = data.zorgvraag
    if zorg and zorg.years:
        slides.append(_demand_slide(data, profile))

    if profile is not None and not whole:
        fig_note: list[str] = []

        def _map() -> Figure | None:
            fig, note = maps.area_map(profile)
            fig_note.append(note)
            return fig

        png = slide_png(_map)
        if png:
            slides.append(
                Slide(
                    "kaart",
                    "Ligging in de gemeente",
                    "picture",
                    png=png,
                    alt=f"Kaart: {clean(gebied.get('naam'))} in de gemeente {gemeente}",
                    source=maps.MAP_SOURCE,
                    notes=[*fig_note, maps.MAP_SOURCE],
                )
            )
        elif fig_note:
            slides.append(Slide("kaart", "Ligging in de gemeente", "bullets", bullets=fig_note))

    slides += knelpunt_slides(data)
    return slides
