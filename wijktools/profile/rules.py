"""Draft knelpunten that are rare enough to be worth a meeting; every rule, threshold and figure travels along.

Level rules rank the area among all areas of its level in NL (a kern among wijken): a knelpunt only when
the area is among the most unfavourable few percent *and* worse than NL, in a national ranking (not one
province's, e.g. households from KWB 2025 Friesland). 18+ and 65+ of one indicator, and the indicators of
one subject (subjects.py), make one knelpunt. A trend knelpunt: the area itself got worse, ended worse
than NL and is among the strongest deteriorations of its level; when its indicator or subject has a
level knelpunt too, the trend is told in that one (one fact, one vote in the room). Demand: the ageing
effect per inwoner (low estimate), never where many 15-25 year olds live (cohort.py).
"""

from __future__ import annotations

from typing import Any

from wijktools.knelpunt import Knelpunt
from wijktools.nl import fmt_number
from wijktools.profile.ranking import PLURAL, RIVM_FIRST, RIVM_LAST
from wijktools.profile.rule_text import EXTREME, TREND, among, name, pct, pcts, title, top
from wijktools.profile.subjects import one_per_subject, with_trends

__all__ = ["Knelpunt", "dropped", "from_rows", "pct", "regional_note", "too_few_inwoners"]

RIVM_TOP = 5.0  # RIVM indicator: among the 5 % most unfavourable areas of the level
LEVEL_MIN_PP = (
    1.0  # ... and this many pp worse than NL (ondergewicht fired on 0,5 pp; test_rules.py)
)
CONTEXT_TOP = 10.0  # ageing, alleenwonenden, afstand huisarts: among the 10 % highest
TREND_TOP = 5.0  # 2012-2020 deterioration among the 5 % strongest of the level
TREND_MIN_PP = 1.0  # the area itself got worse by at least this many procentpunt
TREND_PP = 2.0  # ... and at least this many procentpunt more than NL (meaningful divergence)
AGEING_PP = 5.0  # aandeel 65+ also at least this many procentpunt above NL
GP_KM = 2.0  # afstand huisarts also at least this many km
DEMAND_TOP = 10.0  # ageing index (low estimate) among the 10 % strongest rises of the level
DEMAND_PER_HEAD = 5.0  # ... and at least 5 % more contacts per inwoner than now
DEMAND_MIN_INWONERS = 500  # no demand knelpunt for tiny areas (a few people make the index jump)
# Fewer inwoners than this: no knelpunt from the figures at all. A buurt of 10 inwoners got
# 'Beperking in bewegen: ongunstige trend' (2,7 % -> 10 %); the floor is the one for peers of a buurt.
KNELPUNT_MIN_INWONERS = 200
MAX_LEVEL = 6  # at most this many RIVM level knelpunten (largest deviations first); rarely binds
MAX_TREND = 3  # at most this many trend knelpunten of their own (a trend told in a level one: not)
RIVM_AGES = ("18+", "65+")
CONTEXT_KEYS = ("aandeel_65_plus", "aandeel_eenpersoonshuishoudens", "AfstandTotHuisartsenpraktijk")


def _worse(value: float, ref: float, direction: str) -> float:
    """How much worse the area is than the reference (positive = unfavourable)."""
    return ref - value if direction == "hoger_beter" else value - ref


def _column(row: Any) -> str:
    return f"{row.key}|{row.age_group}" if row.age_group else row.key


def from_rows(rows: list, demand: Any | None, ranking: Any | None = None) -> list[Knelpunt]:
    """Apply every rule to the profile rows (IndicatorRow), the demand estimate and the national ranking.

    Without a ranking (NL as a whole) no level or trend rule can fire: there is nothing to rank against.
    """
    if ranking is None or too_few_inwoners(rows) is not None:
        return []
    found: list[Knelpunt] = []
    by_key = {(r.key, r.age_group): r for r in rows}
    found += _context(by_key, ranking)
    found += _rivm(rows, ranking)[0]
    if demand is not None:
        found += _demand_rule(demand, ranking)
    return found


def too_few_inwoners(rows: list) -> float | None:
    """The area's inwoners when below KNELPUNT_MIN_INWONERS (then no rule applies), else None."""
    for row in rows:
        if row.key == "AantalInwoners" and not row.age_group and row.value is not None:
            return row.value if row.value < KNELPUNT_MIN_INWONERS else None
    return None


def dropped(rows: list, ranking: Any | None = None) -> int:
    """How many RIVM knelpunten passed a rule but were left out by the cap."""
    if ranking is None or too_few_inwoners(rows) is not None:
        return 0
    return _rivm(rows, ranking)[1]


def regional_note(rows: list, ranking: Any | None = None) -> list[str]:
    """Say which context figures could not be ranked nationally, so no knelpunt came from them."""
    if ranking is None or too_few_inwoners(rows) is not None:
        return []
    labels, size = [], 0
    for row in rows:
        if row.key not in CONTEXT_KEYS or row.age_group or row.value is None:
            continue
        rank = ranking.value(row.key, row.value, "hoger_slechter")
        if rank is not None and (not ranking.national(rank) or row.nederland is None):
            labels.append(row.label.lower())
            size = rank.aantal
    if not labels:
        return []
    return [
        f"{' en '.join(labels).capitalize()}: alleen bekend voor {fmt_number(size)} van de "
        f"{fmt_number(ranking.size())} {PLURAL.get(ranking.level, ranking.level)} en niet voor "
        "Nederland; zonder landelijke vergelijking volgt daaruit geen concept-knelpunt."
    ]


def _context(by_key: dict, ranking: Any) -> list[Knelpunt]:
    """Ageing, alleenwonenden and distance to the GP: among the 10 % highest of the level."""
    found = []
    specs = (
        ("aandeel_65_plus", "Vergrijzing", "vergrijzing", AGEING_PP, "procentpunt boven landelijk"),
        ("aandeel_eenpersoonshuishoudens", "Veel alleenwonenden", "alleenwonenden", 0.0, ""),
        ("AfstandTotHuisartsenpraktijk", "Huisarts op afstand", "afstand_huisarts", GP_KM, "km"),
    )
    for key, titel, rule, minimum, unit in specs:
        row = by_key.get((key, ""))
        if row is None or row.value is None:
            continue
        rank = ranking.value(key, row.value, "hoger_slechter")
        # A ranking of one province's areas (households, distances: only KWB 2025 Friesland) or a
        # figure without NL beside it cannot show 'among the highest of NL' or 'above NL': no knelpunt.
        if (
            rank is None
            or rank.top > CONTEXT_TOP
            or not ranking.national(rank)
            or row.nederland is None
        ):
            continue
        is_km = key == "AfstandTotHuisartsenpraktijk"
        if is_km and row.value < minimum:
            continue
        if row.value <= row.nederland or (
            key == "aandeel_65_plus" and row.value - row.nederland < minimum
        ):
            continue
        show = (lambda v: f"{fmt_number(v, 1)} km") if is_km else pct
        beside = [f"gemeente {show(row.gemeente)}"] if row.gemeente is not None else []
        year = f" ({row.jaar_nederland})" if row.jaar_nederland not in (None, row.year) else ""
        beside += [f"landelijk {show(row.nederland)}{year}"]  # Friesland 2025 beside NL 2024
        extra_rule = f" en minstens {fmt_number(minimum)} {unit}" if minimum else ""
        found.append(
            Knelpunt(
                titel=titel,
                tekst=(
                    f"{row.label} {show(row.value)} ({row.year}): hoort bij {among(rank)} "
                    f"met de hoogste waarde (plaats {fmt_number(rank.plaats)} van {fmt_number(rank.aantal)})"
                    + (f"; {', '.join(beside)}" if beside else "")
                ),
                regel=f"{row.label.lower()} hoort bij de hoogste van alle {rank.niveau} in Nederland",
                drempel=(
                    f"bij de {fmt_number(CONTEXT_TOP)} % hoogste {rank.niveau} van Nederland"
                    f"{extra_rule or ' en hoger dan landelijk'}; alleen waar het cijfer voor "
                    f"minstens de helft van de {rank.niveau} en voor Nederland bekend is (een "
                    "rangorde binnen één provincie telt niet)"
                ),
                key=key,
                waarde=row.value,
                referentie=row.nederland,
                referentie_naam="Nederland" if row.nederland is not None else "",
                jaar=row.year,
                bron=row.source,
                regel_id=rule,
                percentiel=rank.top,
                vergelijking=rank.niveau,
                gemeente=row.gemeente,
                nederland=row.nederland,
                extra={"soort": "context", "afwijking": round(CONTEXT_TOP - rank.top, 1)},
            )
        )
    return found


def _rivm(rows: list, ranking: Any) -> tuple[list[Knelpunt], int]:
    """The RIVM knelpunten shown (level first) and how many passed a rule but were left out by a cap.

    One knelpunt per RIVM indicator (18+ and 65+ together) and subject: a level knelpunt, which also
    tells the subject's trend, or else at most one trend knelpunt. A trend whose level knelpunt the cap
    left out stays a trend knelpunt of its own.
    """
    groups: dict[str, list] = {}
    for row in rows:
        rivm = row.age_group in RIVM_AGES  # every RIVM edition; CBS rows have no age group
        if rivm and row.direction in ("hoger_beter", "hoger_slechter"):
            groups.setdefault(row.key, []).append(row)
    level, trend = [], []
    for key, group in groups.items():
        group.sort(key=lambda r: RIVM_AGES.index(r.age_group))
        found = _level_rule(key, group, ranking)
        if found:
            level.append(found)
        found = _trend_rule(key, group, ranking)
        if found:
            trend.append(found)
    return capped(level, trend)


def capped(level: list[Knelpunt], trend: list[Knelpunt]) -> tuple[list[Knelpunt], int]:
    """One per subject within the caps (level first) from one knelpunt per indicator; and how many not."""
    level = one_per_subject(sorted(level, key=lambda k: (k.percentiel, k.key)))
    shown, rest = with_trends(level[:MAX_LEVEL], sorted(trend, key=lambda k: (k.percentiel, k.key)))
    rest = one_per_subject(rest)
    left_out = max(0, len(level) - MAX_LEVEL) + max(0, len(rest) - MAX_TREND)
    return shown + rest[:MAX_TREND], left_out


def _age_text(row: Any, rank: Any | None) -> str:
    value, gemeente, nederland = pcts(row.value, row.gemeente, row.nederland)  # one precision
    beside = []
    if row.gemeente is not None:
        beside.append(f"gemeente {gemeente}")
    if row.nederland is not None:
        beside.append(f"landelijk {nederland}")
    if rank is not None:
        beside.append(f"{EXTREME[row.direction]} {top(rank)} van de {rank.niveau}")
    return f"{row.age_group} {value}" + (f" ({'; '.join(beside)})" if beside else "")


def _not_chance(row: Any) -> bool:
    """Where the edition has a 95 %-interval, worse than NL must be significant (never adds a knelpunt)."""
    if row.ondergrens is None or row.bovengrens is None:
        return True
    worse = "hoger" if row.direction == "hoger_slechter" else "lager"
    return row.significant_nederland == worse


def _level_rule(key: str, group: list, ranking: Any) -> Knelpunt | None:
    ranks = {r.age_group: ranking.value(_column(r), r.value, r.direction) for r in group}
    firing = [
        r
        for r in group
        if ranks[r.age_group] is not None
        and ranks[r.age_group].top <= RIVM_TOP
        and r.nederland is not None
        and round(_worse(r.value, r.nederland, r.direction), 6) >= LEVEL_MIN_PP  # 2,3 - 1,3
        and _not_chance(r)
    ]
    if not firing:
        return None
    worst = min(firing, key=lambda r: ranks[r.age_group].top)
    rank = ranks[worst.age_group]
    parts = "; ".join(_age_text(r, ranks[r.age_group]) for r in group if r.value is not None)
    return Knelpunt(
        titel=title(worst.label, worst.direction),
        tekst=(
            f"{name(worst.label)}: hoort bij {among(rank)} met het {EXTREME[worst.direction]} "
            f"aandeel ({worst.age_group}, {worst.year}). {parts}."
        ),
        regel=f"ongunstiger dan bijna alle {rank.niveau} van Nederland én dan landelijk",
        drempel=(
            f"bij de {fmt_number(RIVM_TOP)} % meest ongunstige {rank.niveau} (18+ of 65+) "
            f"en minstens {fmt_number(LEVEL_MIN_PP)} procentpunt ongunstiger dan landelijk (een "
            "kleiner verschil is minder dan 1 op de 100 inwoners van die leeftijd)"
            + (
                "; met 95 %-interval: significant ongunstiger dan landelijk"
                if worst.ondergrens is not None
                else "; deze RIVM-editie heeft geen 95 %-interval: niet op significantie getoetst"
            )
        ),
        key=key,
        age_group=worst.age_group,
        waarde=worst.value,
        referentie=worst.nederland,
        referentie_naam="landelijk",
        jaar=worst.year,
        bron=worst.source,
        regel_id=f"niveau:{key}",
        percentiel=rank.top,
        vergelijking=rank.niveau,
        gemeente=worst.gemeente,
        nederland=worst.nederland,
        extra={
            "soort": "niveau",
            "afwijking": round(
                _worse(worst.value, worst.nederland, worst.direction) / worst.nederland, 3
            )
            if worst.nederland
            else 0.0,
            "leeftijden": {
                r.age_group: {
                    "waarde": r.value,
                    "gemeente": r.gemeente,
                    "nederland": r.nederland,
                    "percentiel": ranks[r.age_group].top if ranks[r.age_group] else None,
                }
                for r in group
            },
        },
    )


def _trend_rule(key: str, group: list, ranking: Any) -> Knelpunt | None:
    candidates = []
    for row in group:
        # the years the ranking of changes is built on (one RIVM edition, one model)
        years = sorted(
            y for y in set(row.trend) & set(row.trend_nl) if RIVM_FIRST <= y <= RIVM_LAST
        )
        if len(years) < 2:
            continue
        first, last = years[0], years[-1]
        change = _worse(row.trend[last], row.trend[first], row.direction)
        change_nl = _worse(row.trend_nl[last], row.trend_nl[first], row.direction)
        ended_worse = _worse(row.trend[last], row.trend_nl[last], row.direction) > 0
        if change < TREND_MIN_PP or not ended_worse or change - change_nl < TREND_PP:
            continue
        rank = ranking.change(_column(row), row.trend[last] - row.trend[first], row.direction)
        if rank is None or rank.top > TREND_TOP:
            continue
        candidates.append((rank.top, row, rank, first, last, change, change_nl))
    if not candidates:
        return None
    _, row, rank, first, last, change, change_nl = min(candidates, key=lambda c: c[0])
    others = [
        "{} van {} naar {}".format(r.age_group, *pcts(r.trend[first], r.trend[last]))
        for r in group
        if r is not row and first in r.trend and last in r.trend
    ]
    own = pcts(row.trend[first], row.trend[last])
    nl_ = pcts(row.trend_nl[first], row.trend_nl[last])
    return Knelpunt(
        titel=f"{name(row.label)}{TREND}",
        tekst=(
            f"{name(row.label)} ({row.age_group}): van {own[0]} ({first}) naar {own[1]} ({last}); "
            f"landelijk van {nl_[0]} naar {nl_[1]}. Hoort bij {among(rank)} met de sterkste "
            "verslechtering" + (f" ({'; '.join(others)})" if others else "") + "."
        ),
        regel=(
            "het gebied zelf werd ongunstiger, eindigde ongunstiger dan landelijk en week duidelijk af "
            "van de landelijke ontwikkeling"
        ),
        drempel=(
            f"zelf minstens {fmt_number(TREND_MIN_PP)} procentpunt ongunstiger, minstens "
            f"{fmt_number(TREND_PP)} procentpunt meer dan landelijk, en bij de "
            f"{fmt_number(TREND_TOP)} % sterkste verslechteringen van de {rank.niveau}"
        ),
        key=key,
        age_group=row.age_group,
        waarde=row.trend[last],
        referentie=row.trend[first],
        referentie_naam=str(first),
        jaar=int(last),
        bron=row.source,
        regel_id=f"trend:{key}",
        percentiel=rank.top,
        vergelijking=rank.niveau,
        gemeente=row.trend_gemeente.get(last) if row.trend_gemeente else None,
        nederland=row.trend_nl[last],
        extra={
            "soort": "trend",
            "afwijking": round(change - change_nl, 2),
            "jaren": [int(first), int(last)],
            "landelijk": [row.trend_nl[first], row.trend_nl[last]],
        },
    )


def _demand_rule(demand: Any, ranking: Any) -> list[Knelpunt]:
    """Ageing effect per inwoner (low estimate: student turnover taken out) among the strongest rises."""
    first, last = demand.years[0], demand.years[-1]
    low = last.vergrijzingsindex_laag
    if demand.hoge_doorstroom:  # students and starters move on: the area does not age in place
        return []
    if first.inwoners_zonder_migratie < DEMAND_MIN_INWONERS or low - 100 < DEMAND_PER_HEAD:
        return []
    rank = ranking.ageing(low, last.year - first.year)
    if rank is None or rank.top > DEMAND_TOP:
        return []
    spread = (
        f" (bandbreedte {fmt_number(low)}-{fmt_number(last.vergrijzingsindex_hoog)})"
        if last.vergrijzingsindex_hoog != low
        else ""
    )
    return [
        Knelpunt(
            titel="Zorgvraag per inwoner stijgt",
            tekst=(
                f"Door de leeftijdsopbouw alleen: verwachte huisartscontacten per inwoner {last.year} "
                f"index {fmt_number(low)}{spread} ({first.year} = 100); hoort bij {among(rank)} "
                "met de sterkste stijging"
            ),
            regel="vergrijzingseffect: verwachte huisartscontacten per inwoner (cohortverschuiving × Nivel)",
            drempel=(
                f"minstens {fmt_number(DEMAND_PER_HEAD)} % meer per inwoner (lage schatting), bij de "
                f"{fmt_number(DEMAND_TOP)} % sterkste stijgingen van de {rank.niveau}, minstens "
                f"{fmt_number(DEMAND_MIN_INWONERS)} inwoners en geen hoge doorstroom van jongeren"
            ),
            key="zorgvraag_per_inwoner",
            waarde=last.contacten_per_inwoner,
            referentie=first.contacten_per_inwoner,
            referentie_naam=str(first.year),
            jaar=last.year,
            bron="; ".join(demand.sources),
            regel_id="zorgvraag",
            percentiel=rank.top,
            vergelijking=rank.niveau,
            extra={"soort": "zorgvraag", "afwijking": round(low - 100, 1)},
        )
    ]
