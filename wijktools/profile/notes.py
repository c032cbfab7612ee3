"""What a profile says about its numbers: attribution of every table and year, and the caveats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wijktools.nl import fmt_number, ngettext, plural
from wijktools.opendata import aggregation, boundaries, indicators, predecessors, rivm, territory
from wijktools.opendata.areas import Area
from wijktools.opendata.codebook import KWB_SOURCE, LICENSE, RIVM_SOURCE, kwb_folders
from wijktools.profile import demand, significance
from wijktools.profile.model import comparisons_of, spoken
from wijktools.profile.rules import (
    KNELPUNT_MIN_INWONERS,
    MAX_LEVEL,
    MAX_TREND,
    dropped,
    too_few_inwoners,
)

if TYPE_CHECKING:
    from wijktools.profile.model import IndicatorRow

AGE_NOTE = (
    "75+ en 80+: KWB publiceert op wijk- en buurtniveau alleen de groep 65 jaar of ouder; "
    "een aandeel 75+ of 80+ is voor wijken en kernen niet beschikbaar."
)


def sources(rows: list[IndicatorRow], zorg: demand.Demand | None) -> list[str]:
    """Attribution lines: every table and year the profile shows."""
    kwb: dict[str, set[int]] = {}
    rivm_years: dict[str, set[int]] = {}
    table_of_year = {year: table for _, year, table in kwb_folders()}
    for r in rows:
        if r.age_group:  # RIVM: each year from the edition that added it
            for year in r.trend or ([r.year] if r.year else []):
                rivm_years.setdefault(rivm.table_of_year(year) or r.table, set()).add(int(year))
        elif r.table:
            kwb.setdefault(r.table, set()).add(int(r.year or 0))
            # gemeente and NL values may come from another KWB year (e.g. NL only in 2024)
            for year in (r.jaar_gemeente, r.jaar_nederland):
                if year and year in table_of_year:
                    kwb.setdefault(table_of_year[year], set()).add(int(year))
    out = [
        f"{KWB_SOURCE} {', '.join(map(str, sorted(years)))} (StatLine {table}); {LICENSE}"
        for table, years in sorted(kwb.items())
    ]
    divisions = {e.table: e.division for e in rivm.editions()}
    for table, years in sorted(rivm_years.items(), key=lambda kv: min(kv[1])):
        where = "StatLine" if table == rivm.SHIPPED_TABLE else "StatLine/dataderden"
        out.append(
            f"{RIVM_SOURCE} {', '.join(map(str, sorted(years)))} ({where} {table}, indeling "
            f"{divisions.get(table, '?')}); {LICENSE}"
        )
    if zorg:
        out.extend(s for s in zorg.sources if s not in out and not s.startswith("CBS, Kerncijfers"))
    out.append(boundaries.SOURCE_2024)
    return out


def _notes(area: Area, rows: list[IndicatorRow]) -> list[str]:
    """Caveats a reader needs next to the numbers."""
    notes = [
        "RIVM-cijfers zijn modelschattingen (kleine-gebiedsschattingen) op basis van de "
        "Gezondheidsmonitor Volwassenen en Ouderen; percentages van de leeftijdsgroep.",
        AGE_NOTE,
    ]
    if area.is_kern:
        notes.append(
            f"Kern '{area.name}' bestaat uit {', '.join(area.member_names or area.members)}: "
            "aantallen zijn opgeteld, "
            "percentages gewogen naar de inwoners van de juiste leeftijdsgroep (niet gemiddeld)."
        )
    years = {r.year for r in rows if not r.age_group}
    if len(years) > 1:
        beside = spoken(comparisons_of(area.level, area.gemeente_name))  # no peer group
        notes.append(
            f"CBS-cijfers komen uit verschillende jaargangen; de vergelijking met {beside} "
            "gebruikt hetzelfde jaar waar dat er is, anders het nieuwste jaar (zie kolom jaar)."
            if beside
            else "CBS-cijfers komen uit verschillende jaargangen (zie kolom jaar)."
        )
    return notes


def dropped_note(rows: list[IndicatorRow], ranking: object | None) -> list[str]:
    """Say when deviations were left out of the knelpunten, so nothing disappears silently."""
    few = too_few_inwoners(rows)
    if few is not None and ranking is not None:
        return [too_few_note(few)]
    count = dropped(rows, ranking)
    if not count:
        return []
    return [
        f"Nog {plural(count, 'kleinere afwijking', 'kleinere afwijkingen')} "
        f"{ngettext('voldeed', 'voldeden', count)} aan een regel maar "
        f"{ngettext('staat', 'staan', count)} niet bij de knelpunten (hoogstens {MAX_LEVEL} "
        f"niveau- en {MAX_TREND} trendknelpunten, meest ongunstige eerst); "
        "zie de tabel met alle indicatoren."
    ]


def too_few_note(inwoners: float) -> str:
    """Why an area this small has no concept-knelpunten from the figures."""
    return (
        f"Geen concept-knelpunten uit de cijfers: het gebied heeft {fmt_number(inwoners)} inwoners, "
        f"minder dan {fmt_number(KNELPUNT_MIN_INWONERS)}; bij zo weinig inwoners zeggen percentages "
        "en ontwikkelingen te weinig over het gebied. CBS rondt de aantallen van wijken en buurten "
        "af op vijftallen, dus ook elk aandeel hier kan enkele procentpunten naast het werkelijke "
        "liggen."
    )


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"


def _composition_note(gemeente: Area | None, *, is_area: bool = False) -> list[str]:
    """A gemeente made of several 2020 gemeenten: say how its 2020 values were rebuilt.

    The profile of that gemeente itself has no comparison with a gemeente (Voorne aan Zee said
    'Dit geldt ook voor de vergelijking met de gemeente' above a table without that column).
    """
    if gemeente is None or gemeente.code not in predecessors.composed():
        return []
    parts = territory.composition()[gemeente.code]
    weights = predecessors.weights().get(gemeente.code, {})
    shown = ", ".join(
        f"{name} ({code}) {_pct(weights.get('18+', {}).get(code, 0.0))}" for code, name, _ in parts
    )
    return [
        f"Gemeente {gemeente.name} bestond in 2020 niet in deze vorm. Haar RIVM-cijfers (indeling "
        f"2020) zijn herberekend uit de gemeenten van 2020 op haar grondgebied, gewogen naar de "
        f"inwoners van de leeftijdsgroep (KWB 2024) in de wijken van 2024 op het land van elk; "
        f"gewicht bij 18+: {shown}."
        + ("" if is_area else " Dit geldt ook voor de vergelijking met de gemeente.")
    ]


def _coverage_notes(area: Area, rows: list[IndicatorRow]) -> list[str]:
    """A kern's RIVM figure over part of its members is stated with its coverage, never silently."""
    if not area.is_kern:
        return []
    notes = []
    for age in sorted({r.age_group for r in rows if r.age_group}):
        share, lacking = indicators.rivm_coverage(area, age)
        if lacking and share >= aggregation.MIN_COVERAGE:
            notes.append(
                f"RIVM-cijfers ({age}) van kern '{area.name}' dekken {_pct(share)} van de inwoners "
                f"van die leeftijd: zonder {', '.join(code for code, _ in lacking)} "
                f"({'; '.join(reason for _, reason in lacking)})."
            )
    return notes


def caveats(area: Area, rows: list[IndicatorRow], gemeente: Area | None = None) -> list[str]:
    """Every note the profile prints beside its numbers (the cap note needs the ranking: dropped_note)."""
    own = area if area.level == "gemeente" else gemeente
    return (
        _notes(area, rows)
        + _coverage_notes(area, rows)
        + _composition_note(own, is_area=own is area)
    )


def _verdict(code: str) -> dict[str, Any]:
    row = territory.verdict(code)
    if row is None:
        return {"code": code, "gekoppeld": False, "grondslag": "", "reden": territory.reason(code)}
    return {
        "code": code,
        "gekoppeld": bool(row["gekoppeld"]),
        "grondslag": str(row["grondslag"]),
        "reden": str(row["reden"]),
    }


def linkage(area: Area, gemeente: Area | None) -> dict[str, Any]:
    """profiel.json 'gebiedskoppeling': why RIVM 2020 values are (not) shown for this area."""
    out: dict[str, Any] = {"regel": territory.RULE_TEXT}
    if area.is_kern:
        out["gebied"] = {
            "leden": [_verdict(c) for c in area.members],
            "dekking": {
                age: round(indicators.rivm_coverage(area, age)[0], 4) for age in ("18+", "65+")
            },
        }
    else:
        out["gebied"] = _verdict(area.code)
    own = area if area.level == "gemeente" else gemeente
    if own is not None and own.code in territory.composition():
        weights = predecessors.weights().get(own.code, {})
        out["gemeente"] = {
            "code": own.code,
            "grondslag": territory.REBUILT,
            "samengesteld_uit": [
                {
                    "code": code,
                    "naam": name,
                    "wijken_2024": wijken,
                    "gewicht": {age: round(w.get(code, 0.0), 4) for age, w in weights.items()},
                }
                for code, name, wijken in territory.composition()[own.code]
            ],
        }
    elif own is not None:
        out["gemeente"] = _verdict(own.code)
    return out


def significance_note(area: Area, rows: list[IndicatorRow]) -> list[str]:
    """One line on significance: the rule where intervals exist, else why there are no marks."""
    health = [r for r in rows if r.age_group]
    if not health:
        return []
    if any(r.ondergrens is not None for r in health):
        return [significance.RULE]
    with_margins = {e.table for e in rivm.editions() if e.margins}
    if area.is_kern and any(r.table in with_margins for r in health):
        return [significance.NO_INTERVAL_KERN]
    if all(r.table not in with_margins for r in health):
        return [rivm.NO_MARGINS]
    return []


def has_health_figures(rows: list[IndicatorRow]) -> bool:
    """Whether any RIVM figure (18+ or 65+) is there: without one nothing about health was checked."""
    return any(r.age_group in ("18+", "65+") and r.value is not None for r in rows)


def no_knelpunt_reason(rows: list[IndicatorRow], level: str) -> str:
    """Why a profile has no draft knelpunt, as the page and the deck say it.

    Each case true: too few inwoners (no rule ran), Nederland (nothing to rank it among), no RIVM
    figures (nothing about health was checked), or every rule ran and none fired. A buurt of 45
    inwoners read 'Geen opvallende afwijkingen volgens de regels hieronder' while no rule had run.
    """
    few = too_few_inwoners(rows)
    if few is not None:
        return (
            f"Dit gebied heeft {fmt_number(few)} inwoners, minder dan {KNELPUNT_MIN_INWONERS}: "
            "te weinig om uit de cijfers knelpunten af te leiden."
        )
    if level == "land":
        return "Nederland als geheel heeft geen concept-knelpunten: de regels vergelijken gebieden."
    if has_health_figures(rows):
        return (
            "De cijfers wijzen geen knelpunt aan: op geen enkele indicator hoort dit gebied bij "
            "de meest ongunstige gebieden van Nederland."
        )
    return (
        "Voor dit gebied zijn er geen RIVM-cijfers over gezondheid en welzijn (de reden staat in "
        "het wijkprofiel). De cijfers die er wel zijn, wijzen geen knelpunt aan."
    )
