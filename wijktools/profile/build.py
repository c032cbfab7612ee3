"""The wijkgezondheidsprofiel: one area's figures beside gemeente, NL and peers; computed once, rendered many times."""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijktools.errors import DataMissingError
from wijktools.knelpunt import from_survey
from wijktools.opendata import areas, indicators
from wijktools.opendata import codebook as codebook_module
from wijktools.opendata.areas import Area
from wijktools.opendata.codebook import RIVM_SOURCE
from wijktools.paths import derived_json
from wijktools.profile import cohort, demand, peers, ranking, significance
from wijktools.profile.model import IndicatorRow, Missing, Profile, SurveyLike
from wijktools.profile.notes import (
    AGE_NOTE,
    caveats,
    dropped_note,
    linkage,
    significance_note,
    sources,
)
from wijktools.profile.rules import from_rows, regional_note

if TYPE_CHECKING:
    import pandas as pd

# CBS keys shown in the profile when the data has them (the rest of a full KWB table stays in the json).
KWB_KEYS = (
    "AantalInwoners",
    "k_0Tot15Jaar",
    "k_15Tot25Jaar",
    "k_25Tot45Jaar",
    "k_45Tot65Jaar",
    "k_65JaarOfOuder",
    "aandeel_0_15",
    "aandeel_15_25",
    "aandeel_25_45",
    "aandeel_45_65",
    "aandeel_65_plus",
    "aandeel_vrouwen",
    "aandeel_herkomst_nederland",
    "aandeel_herkomst_europa",
    "aandeel_herkomst_buiten_europa",
    "HuishoudensTotaal",
    "Eenpersoonshuishoudens",
    "aandeel_eenpersoonshuishoudens",
    "aandeel_huishoudens_met_kinderen",
    "GemiddeldeHuishoudensgrootte",
    "Bevolkingsdichtheid",
    "MateVanStedelijkheid",
    "AfstandTotHuisartsenpraktijk",
    "AfstandTotGroteSupermarkt",
    "WmoClientenRelatief",
    "PercentageJongerenMetJeugdzorg",
    "HuishoudensMetEenLaagInkomen",
    "HuishOnderOfRondSociaalMinimum",
)
# Optional ones are not reported as missing when absent (only in fuller downloads).
OPTIONAL_KWB = {
    "aandeel_huishoudens_met_kinderen",
    "AfstandTotGroteSupermarkt",
    "WmoClientenRelatief",
    "PercentageJongerenMetJeugdzorg",
    "HuishoudensMetEenLaagInkomen",
    "HuishOnderOfRondSociaalMinimum",
}
RIVM_AGES = ("18+", "65+")
# RIVM fills these only for 18-64 (commuting); the profile shows 18+ and 65+.
RIVM_18_64_ONLY = {
    "LopenEnOfFietsenNaarSchoolOfWerk",
    "LopenNaarSchoolOfWerk",
    "FietsenNaarSchoolOfWerk",
}


Columns = dict[str, list[Any]]  # indicators.columns_of: one area's rows, a list per column
_NO_ROWS: Columns = {"key": [], "age_group": [], "year": [], "value": [], "table": []}


def _num(value: Any) -> float | None:
    if value is None or math.isnan(value):
        return None
    return float(value)


def _series(rows: Columns) -> dict[tuple[str, str], dict[int, float]]:
    """(key, age) -> {year: value} for quick look-up."""
    out: dict[tuple[str, str], dict[int, float]] = {}
    for key, age, year, value in zip(
        rows["key"], rows["age_group"], rows["year"], rows["value"], strict=True
    ):
        if not math.isnan(value):
            out.setdefault((str(key), str(age)), {})[int(year)] = float(value)
    return out


def _tables(rows: Columns) -> dict[tuple[str, str, int], str]:
    """(key, age, year) -> the table the value comes from."""
    return {
        (str(k), str(a), int(y)): str(t)
        for k, a, y, t in zip(
            rows["key"], rows["age_group"], rows["year"], rows["table"], strict=True
        )
    }


def _intervals(rows: Columns) -> dict[tuple[str, str, int], tuple[float, float]]:
    """(key, age, year) -> (lower, upper) where the table publishes a 95 %-interval."""
    if "lower" not in rows:
        return {}
    return {
        (str(k), str(a), int(y)): (float(lo), float(hi))
        for k, a, y, lo, hi in zip(
            rows["key"], rows["age_group"], rows["year"], rows["lower"], rows["upper"], strict=True
        )
        if not (math.isnan(lo) or math.isnan(hi))
    }


def _newest(rows: Columns) -> dict[str, float]:
    """Per peers column the value of the newest year (NaN included), as `indicators.latest_of` picks."""
    order = sorted(
        range(len(rows["key"])),
        key=lambda i: (rows["key"][i], rows["age_group"][i], rows["year"][i]),
    )
    return {
        peers.column(str(rows["key"][i]), str(rows["age_group"][i])): float(rows["value"][i])
        for i in order
    }


def _comparable(
    series: dict[int, float] | None,
    tables: dict[tuple[str, str, int], str],
    key: tuple[str, str, int],
) -> float | None:
    """The comparator's value of the same year from the same table, else None (no mark)."""
    table = tables.get(key)
    if not series or key[2] not in series or table is None:
        return None
    return series[key[2]]


def _at(series: dict[int, float] | None, year: int | None) -> tuple[float | None, int | None]:
    """The reference value of the same year, or else its newest year."""
    if not series:
        return None, None
    if year in series:
        return series[year], year
    newest = max(series)
    return series[newest], newest


@cache
def _wanted() -> tuple[tuple[tuple[str, str], ...], dict[tuple[str, str], dict[str, Any]]]:
    """The (key, age group) pairs the profile shows and their codebook rows: the same for every area.

    Kept in data/derived, keyed by the codebook's inputs and this module (which picks the rows):
    unpickling the codebook (a pandas frame) and converting its rows costs about 9 ms a run.
    """
    stored = derived_json(
        "profielrijen",
        [*codebook_module.inputs(), Path(__file__)],
        lambda: [[*k, row] for k, row in _pairs()],
    )
    return tuple((k, a) for k, a, _ in stored), {(k, a): row for k, a, row in stored}


def _pairs() -> list[tuple[tuple[str, str], dict[str, Any]]]:
    wanted, rows = _wanted_rows()
    return [(k, rows[k]) for k in wanted]


def _wanted_rows() -> tuple[tuple[tuple[str, str], ...], dict[tuple[str, str], dict[str, Any]]]:
    book = indicators.codebook()
    wanted = _wanted_keys(book)
    # One conversion of the whole codebook: a .loc per key costs half a second per process.
    rows = book.to_dict("index")
    return tuple(wanted), {k: rows[k] for k in wanted}


def _wanted_keys(book: pd.DataFrame) -> list[tuple[str, str]]:
    keys = [(k, "") for k in KWB_KEYS if (k, "") in book.index]
    source = dict(zip(book.index, book["source"], strict=True))
    theme = dict(zip(book.index, book["theme"], strict=True))
    rivm = [
        (k, a)
        for (k, a) in book.index
        if a in RIVM_AGES and str(source[(k, a)]) == RIVM_SOURCE and k not in RIVM_18_64_ONLY
    ]
    return keys + sorted(rivm, key=lambda t: (str(theme[t]), t[0], t[1]))


def build(area: Area | str, survey: SurveyLike | None = None) -> Profile:
    """Compute the whole profile of one area; `survey` (issue 4) adds section 'enquete' and its knelpunten."""
    if isinstance(area, str):
        area = areas.lookup(area)
    rows = indicators.columns_of(area)
    if not rows["key"]:
        raise DataMissingError(
            f"Voor '{area.name}' ({', '.join(area.member_names) if area.is_kern else area.code}) "
            "zijn geen cijfers gevonden in data/raw."
        )
    own = _series(rows)
    tables = _tables(rows)
    intervals = _intervals(rows)
    gem = areas.gemeente(area) if area.level not in ("land", "gemeente") else None
    nl = areas.nederland()
    gem_rows = indicators.columns_of(gem) if gem else _NO_ROWS
    nl_rows = indicators.columns_of(nl) if area.level != "land" else _NO_ROWS
    gem_s, nl_s = _series(gem_rows), _series(nl_rows)
    gem_t, nl_t = _tables(gem_rows), _tables(nl_rows)
    peer = peers.find(area, _newest(rows))
    peer_values = peers.values(peer)
    wanted, codebook_rows = _wanted()
    out_rows: list[IndicatorRow] = []
    missing: list[Missing] = []
    for key, age in wanted:
        meta = codebook_rows[(key, age)]
        series = own.get((key, age))
        if not series:
            if key not in OPTIONAL_KWB:
                missing.append(
                    Missing(key, str(meta["label"]), indicators.missing_reason(area, key, age))
                )
            continue
        year = max(series)
        g_val, g_year = _at(gem_s.get((key, age)), year)
        n_val, n_year = _at(nl_s.get((key, age)), year)
        lower, upper = intervals.get((key, age, year), (None, None))
        same = (key, age, year)
        table = tables.get(same, "")
        g_cmp = (
            _comparable(gem_s.get((key, age)), gem_t, same) if gem_t.get(same) == table else None
        )
        n_cmp = _comparable(nl_s.get((key, age)), nl_t, same) if nl_t.get(same) == table else None
        out_rows.append(
            IndicatorRow(
                key=key,
                age_group=age,
                label=str(meta["label"]),
                unit=str(meta["unit"]),
                theme=str(meta["theme"]),
                direction=str(meta["direction"]),
                kind=str(meta["kind"]),
                source=str(meta["source"]),
                table=table,
                year=year,
                value=series[year],
                gemeente=g_val,
                nederland=n_val,
                peers=_num(peer_values.get(peers.column(key, age))),
                jaar_gemeente=g_year,
                jaar_nederland=n_year,
                trend=dict(sorted(series.items())) if age else {},
                trend_gemeente=dict(sorted(gem_s.get((key, age), {}).items())) if age else {},
                trend_nl=dict(sorted(nl_s.get((key, age), {}).items())) if age else {},
                ondergrens=lower,
                bovengrens=upper,
                significant_gemeente=significance.mark(lower, upper, g_cmp),
                significant_nederland=significance.mark(lower, upper, n_cmp),
            )
        )
    missing.append(Missing("aandeel_75_plus", "Aandeel 75+ / 80+", AGE_NOTE))
    zorg = _demand(own, area)
    ranks = ranking.for_level(area.level)
    knelpunten = from_rows(out_rows, zorg, ranks)
    enquete = None
    if survey is not None:
        enquete = survey.to_dict()
        extra = getattr(survey, "knelpunten", None)
        knelpunten += [from_survey(item) for item in (extra() if callable(extra) else [])]
    result = Profile(
        gebied=area.to_dict(),
        gemeente=gem.to_dict() if gem else None,
        nederland=nl.to_dict(),
        indicatoren=out_rows,
        zorgvraag=zorg,
        vergelijkbaar=peer,
        knelpunten=knelpunten,
        ontbreekt=missing,
        bronnen=sources(out_rows, zorg),
        opmerkingen=caveats(area, out_rows, gem),
        enquete=enquete,
        gebiedskoppeling=linkage(area, gem),
        survey=survey,
    )
    result.opmerkingen += dropped_note(out_rows, ranks)
    result.opmerkingen += regional_note(out_rows, ranks)
    result.opmerkingen += significance_note(area, out_rows)
    return result


def _demand(own: dict[tuple[str, str], dict[int, float]], area: Area) -> demand.Demand | None:
    """Demand from the newest KWB year that has all five age counts."""
    series = [own.get((k, "")) for k in cohort.KWB_COUNTS]
    if not all(series):
        return None
    years = set.intersection(*(set(s) for s in series))
    if not years:
        return None
    year = max(years)
    region = area.code if area.level in ("land", "gemeente") else area.gemeente_code
    return demand.estimate(
        {k: s[year] for k, s in zip(cohort.KWB_COUNTS, series, strict=True)},
        year,
        gemeente_code=region,
        inwoners=(own.get(("AantalInwoners", "")) or {}).get(year),
    )


def choose_area(gebied: str, kern_naam: str = "", kern_codes: str = "") -> Area:
    """The notebook's parameters to one Area: a kern when a name and codes are given, else a look-up."""
    if kern_naam.strip():
        return areas.kern(kern_naam, [c for c in kern_codes.split(",") if c.strip()])
    return areas.lookup(gebied)


def survey_from(
    path: str,
    mapping: str = "",
    *,
    plaatsen: Iterable[str] = (),
    open_antwoorden_ongewijzigd: bool = False,
) -> SurveyLike | None:
    """The notebook's 'enquete' parameter to an analysed survey (None when empty).

    Open answers are de-identified unless `open_antwoorden_ongewijzigd`; `plaatsen` stay readable.
    """
    if not path.strip():
        return None
    from wijktools import survey

    return survey.load(
        path,
        mapping or None,
        plaatsen=plaatsen,
        open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd,
    )
