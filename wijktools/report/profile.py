"""Turns a wijkprofiel (Profile object or its to_json dict) into the report's typed profile summary."""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from wijktools import nl
from wijktools.figures import theme
from wijktools.knelpunt import Knelpunt
from wijktools.profile import significance
from wijktools.profile.model import PEERS, Comparison, IndicatorRow, Profile
from wijktools.report.model import Attribution, Figure, KeyFigure, Slide, Table, clean

# (indicator key, age group, short label) shown as key figures, in this order, when present.
KEY_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("AantalInwoners", "", "Inwoners"),
    ("aandeel_65_plus", "", "65 jaar of ouder"),
    ("aandeel_eenpersoonshuishoudens", "", "Eenpersoonshuishoudens"),
    ("AfstandTotHuisartsenpraktijk", "", "Afstand tot huisarts"),
    ("ErvarenGezondheidGoedZeerGoed", "18+", "Ervaren gezondheid goed (18+)"),
    ("Eenzaam", "65+", "Eenzaam (65+)"),
)
# The report shows a summary; the full table is in the wijkprofiel itself (render.profile_html).
HEALTH_KEYS = (
    "ErvarenGezondheidGoedZeerGoed",
    "BeperktVanwegeGezondheid",
    "EenOfMeerLangdurigeAandoeningen",
    "HoogRisicoOpAngstOfDepressie",
    "Eenzaam",
    "ErnstigEenzaam",
    "Overgewicht",
    "MoeiteMetRondkomen",
    "Mantelzorger",
)
HEALTH_AGES = ("18+", "65+")


@dataclass
class ProfileSummary:
    """The wijkprofiel as the report shows it: finished texts, tables, figures and sources."""

    melding: str = ""  # why there is no profile (the other sections still export)
    intro: str = ""
    key_figures: list[KeyFigure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    toelichting: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    attribution: list[Attribution] = field(default_factory=list)
    slides: list[Slide] = field(default_factory=list)


def fmt_value(value: float | None, unit: str, decimals: int | None = None) -> str:
    """A profile value with its unit, Dutch style: '28,0 %', '13.045', '1,2 km'.

    A count or mean without a unit is whole when it is whole, unless `decimals` (see row_decimals)
    says how its row is written: a household size of 2 beside 2,08 reads '2,0' beside '2,1'.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "%":
        return nl.percent(value, 1)
    if unit in ("aantal", "code", ""):
        if decimals is None:
            decimals = 0 if float(value).is_integer() else 1
        return theme.fmt_number(value, decimals)
    if unit.startswith("aantal "):
        # CBS' unit 'aantal inwoners per km²': a count per area, whole like CBS publishes it.
        return f"{theme.fmt_number(value, 0)} {unit.removeprefix('aantal ')}"
    return f"{theme.fmt_number(value, 1)} {unit}"


def row_decimals(row: IndicatorRow, beside: Iterable[Comparison]) -> int:
    """One precision for the area and what it is shown beside: 1 when any of them has a fraction."""
    values = (row.value, *(getattr(row, c.key) for c in beside))
    return 1 if any(v is not None and not float(v).is_integer() for v in values) else 0


def marks(row: IndicatorRow) -> str:
    """'significant hoger dan gemeente' for a profile row ('' without a mark or interval)."""
    return significance.marks_text(row.significant_gemeente, row.significant_nederland)


def is_profile(obj: object) -> bool:
    """A Profile object or its dict form (both carry 'indicatoren')."""
    return hasattr(obj, "indicatoren") or (isinstance(obj, Mapping) and "indicatoren" in obj)


def _record(cls: type, data: Mapping[str, Any]) -> Any:
    """A dataclass record from its to_json dict (the fields it has; unknown keys are not ours)."""
    return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def profile_record(data: Mapping[str, Any]) -> Profile:
    """A Profile again from its to_json dict (for the slides; figures need the real object)."""
    from wijktools.profile.demand import BandRate, Demand, DemandYear
    from wijktools.profile.model import Missing
    from wijktools.profile.peers import Peers
    from wijktools.profile.prognosis import Prognose

    zorg = data.get("zorgvraag")
    demand = None
    if zorg:
        demand = _record(Demand, zorg)
        demand.years = [_record(DemandYear, y) for y in zorg.get("years") or []]
        demand.rates = [_record(BandRate, r) for r in zorg.get("rates") or []]
        demand.prognose = _record(Prognose, zorg["prognose"]) if zorg.get("prognose") else None
    return Profile(
        gebied=dict(data.get("gebied") or {}),
        gemeente=data.get("gemeente"),
        nederland=dict(data.get("nederland") or {}),
        indicatoren=[_record(IndicatorRow, r) for r in data.get("indicatoren") or []],
        zorgvraag=demand,
        vergelijkbaar=_record(Peers, data.get("vergelijkbaar") or {"level": ""}),
        knelpunten=[_record(Knelpunt, k) for k in data.get("knelpunten") or []],
        ontbreekt=[_record(Missing, m) for m in data.get("ontbreekt") or []],
        bronnen=list(data.get("bronnen") or []),
        opmerkingen=list(data.get("opmerkingen") or []),
        enquete=data.get("enquete"),
        gebiedskoppeling=dict(data.get("gebiedskoppeling") or {}),
    )


def _missing_notes(record: Profile, opmerkingen: list[str]) -> list[str]:
    """Why a figure is not in the table: a kern without RIVM figures must say so, not go quiet.

    One line per reason (as in wijkprofiel.html); of many RIVM figures only those the table would
    show are named.
    """
    groups: dict[str, list[Any]] = {}
    for m in record.ontbreekt:
        if m.reden not in opmerkingen:
            groups.setdefault(m.reden, []).append(m)
    notes = []
    for reden, missing in groups.items():
        shown = [m.label for m in missing if m.key in HEALTH_KEYS] or [m.label for m in missing]
        rest = len(missing) - len(shown)
        labels = ", ".join(shown) + (f" en {rest} andere RIVM-cijfers" if rest else "")
        notes.append(f"Niet in de tabel: {labels}; {reden.rstrip('.')}.")
    return notes


FIGURE_DPI = 180  # Word prints the figure 16 cm wide: about 280 pixels an inch on paper


def from_profile(profile: Profile | Mapping[str, Any]) -> ProfileSummary:
    """Key figures, indicator table, concept-knelpunten, sources and (from an object) figures.

    The figures are the direct SVG of `figures.svg_profile` (HTML, PDF, reveal.js); Word draws
    their PNG from the Profile when it is rendered (`profile_pngs`).
    """
    record = profile_record(profile) if isinstance(profile, Mapping) else profile
    rows, drafts, gebied = record.indicatoren, record.knelpunten, record.gebied
    opmerkingen, bronnen = record.opmerkingen, record.bronnen
    by_key = {(r.key, r.age_group or ""): r for r in rows}
    # The summary shows the areas above this one (Profile.comparisons), not its peer group.
    beside = [c for c in record.comparisons if c.key != PEERS]
    summary = ProfileSummary(
        toelichting=[clean(n) for n in [*opmerkingen, *_missing_notes(record, opmerkingen)]],
        attribution=[Attribution(clean(src), "", "") for src in bronnen],
    )
    for key, age, label in KEY_FIGURES:
        row = by_key.get((key, age))
        if row is None or row.value is None:
            continue
        places = row_decimals(row, beside[:1])
        note = "; ".join(
            f"{c.naam}: {fmt_value(getattr(row, c.key), row.unit, places)}" for c in beside[:1]
        )
        summary.key_figures.append(
            KeyFigure(
                clean(label),
                clean(fmt_value(row.value, row.unit, places)),
                clean(f"{note} ({marks(row)})" if marks(row) else note),
            )
        )
    with_interval = any(r.ondergrens is not None for r in rows)
    table = [
        [
            clean(r.label),
            r.year if isinstance(r.year, int) else clean(r.year),
            *(
                clean(fmt_value(v, r.unit, row_decimals(r, beside)))
                for v in (r.value, *(getattr(r, c.key) for c in beside))
            ),
            *([marks(r)] if with_interval else []),
        ]
        for r in rows
        if r.value is not None
        and (
            (not r.age_group and r.unit != "code")
            or (r.age_group in HEALTH_AGES and r.key in HEALTH_KEYS)
        )
    ]
    if table:
        header = ["Indicator", "Jaar", gebied.get("naam", "Gebied")]
        header += [c.naam for c in beside]
        header += ["Significant (95 %-interval)"] if with_interval else []
        summary.tables.append(
            Table(
                "indicatoren",
                "Indicatoren van het gebied",
                [clean(h) for h in header],
                table,
            )
        )
    if drafts:
        summary.tables.append(
            Table(
                "concept_knelpunten",
                "Mogelijke knelpunten uit de cijfers",
                ["Knelpunt", "Cijfers"],
                [[clean(k.titel), clean(k.tekst)] for k in drafts],
            )
        )
    if not isinstance(profile, Mapping):
        from wijktools.figures import render as figure_render

        images, _notes = figure_render.render_all(profile, fmt="svg")
        summary.figures = [
            Figure(clean(i.name), b"", _caption(i), svg=i.svg or b"") for i in images
        ]
    return summary


def _caption(image: Any) -> str:
    return clean(f"{image.titel}. {image.bijschrift}".strip())


def profile_pngs(profile: Profile, dpi: int = FIGURE_DPI) -> dict[str, bytes]:
    """The profile's figures drawn by matplotlib as PNG, by figure name: Word's pictures.

    Word is the one format without SVG: its renderer draws them, so they are drawn only when Word
    is exported (an export's PDF starts before them, as it did when the report drew them).
    """
    from wijktools.figures import render as figure_render

    images, _notes = figure_render.render_all(profile, dpi=dpi)
    return {clean(i.name): i.png for i in images if i.png}


def from_report_dict(data: Mapping[str, Any]) -> ProfileSummary:
    """A profile already in the report's shape (summary, key_figures, tables, figures, attribution)."""
    summary = ProfileSummary(
        melding=clean(data.get("melding") or ""),
        intro=clean(data.get("summary") or ""),
        toelichting=[clean(n) for n in data.get("toelichting") or []],
    )
    for item in data.get("key_figures") or []:
        value, unit = item.get("value"), item.get("unit") or ""
        if isinstance(value, int | float):
            value = theme.fmt_number(value, int(item.get("decimals") or 0))
        text = f"{value} {unit}".strip() if unit and unit != "aantal" else str(value)
        summary.key_figures.append(
            KeyFigure(
                clean(item.get("label") or ""),
                clean(text if value is not None else "–"),
                clean(item.get("note") or ""),
            )
        )
    for item in data.get("tables") or []:
        summary.tables.append(
            Table(
                clean(item["name"]),
                clean(item.get("title", "")),
                [clean(h) for h in item["header"]],
                [
                    [v if isinstance(v, int | float) else clean(v) for v in row]
                    for row in item["rows"]
                ],
                clean(item.get("caption", "")),
            )
        )
    for fig in data.get("figures") or []:
        png = fig["png"]
        summary.figures.append(
            Figure(
                clean(fig.get("name", "figuur")),
                png if isinstance(png, bytes) else base64.b64decode(str(png).split(",")[-1]),
                clean(fig.get("caption") or ""),
                clean(fig.get("source") or ""),
            )
        )
    for src in data.get("attribution") or []:
        summary.attribution.append(
            Attribution(clean(src), "", "")
            if isinstance(src, str)
            else Attribution(
                clean(src.get("source")),
                clean(src.get("table")),
                clean(src.get("year")),
                clean(src.get("licence") or "CC BY 4.0"),
            )
        )
    return summary
