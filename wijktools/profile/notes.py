"""What a profile says about its numbers: attribution of every table and year, and the caveats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijktools.opendata.areas import Area
from wijktools.opendata.codebook import KWB_SOURCE, LICENSE, RIVM_SOURCE, kwb_folders
from wijktools.profile import demand
from wijktools.profile.rules import MAX_LEVEL, MAX_TREND, dropped

if TYPE_CHECKING:
    from wijktools.profile.model import IndicatorRow

AGE_NOTE = (
    "75+ en 80+: KWB publiceert op wijk- en buurtniveau alleen de groep 65 jaar of ouder; "
    "een aandeel 75+ of 80+ is voor wijken en kernen niet beschikbaar."
)


def sources(rows: list[IndicatorRow], zorg: demand.Demand | None) -> list[str]:
    """Attribution lines: every table and year the profile shows."""
    kwb: dict[str, set[int]] = {}
    rivm: set[int] = set()
    table_of_year = {year: table for _, year, table in kwb_folders()}
    for r in rows:
        if r.table == "50090NED":
            rivm.update(r.trend or ([r.year] if r.year else []))
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
    if rivm:
        out.append(
            f"{RIVM_SOURCE} {', '.join(map(str, sorted(rivm)))} (StatLine 50090NED, indeling 2020); {LICENSE}"
        )
    if zorg:
        out.extend(s for s in zorg.sources if s not in out and not s.startswith("CBS, Kerncijfers"))
    out.append(f"CBS, Wijk- en buurtkaart 2016 (wijkgrenzen, gegeneraliseerd); {LICENSE}")
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
            f"Kern '{area.name}' bestaat uit {', '.join(area.members)}: aantallen zijn opgeteld, "
            "percentages gewogen naar de inwoners van de juiste leeftijdsgroep (niet gemiddeld)."
        )
    years = {r.year for r in rows if r.table != "50090NED"}
    if len(years) > 1:
        notes.append(
            "CBS-cijfers komen uit verschillende jaargangen; de vergelijking met gemeente en Nederland "
            "gebruikt hetzelfde jaar waar dat er is, anders het nieuwste jaar (zie kolom jaar)."
        )
    return notes


def _dropped_note(rows: list[IndicatorRow]) -> list[str]:
    """Say when deviations were left out of the knelpunten, so nothing disappears silently."""
    count = dropped(rows)
    if not count:
        return []
    return [
        f"Nog {count} kleinere afwijking(en) voldeden aan een regel maar staan niet bij de "
        f"knelpunten (hoogstens {MAX_LEVEL} per niveau en {MAX_TREND} trends, grootste eerst); "
        "zie de tabel met alle indicatoren."
    ]


def caveats(area: Area, rows: list[IndicatorRow]) -> list[str]:
    """Every note the profile prints beside its numbers."""
    return _notes(area, rows) + _dropped_note(rows)
