"""Draft knelpunten from notable deviations; every rule and threshold is visible in the output."""

from __future__ import annotations

from dataclasses import dataclass, field

from wijktools.nl import fmt_number

AGEING_PP = 5.0  # aandeel 65+ at least this many procentpunt above NL
RIVM_PP = 3.0  # health/wellbeing indicator unfavourable by at least this many procentpunt
RIVM_REL = 0.10  # ... and by at least this share of the reference value
TREND_PP = 4.0  # unfavourable change 2012 -> 2020 of the area, beyond the national change
DEMAND_INDEX = 110.0  # expected GP contacts in 2040 at least 10 % above now
DEMAND_PER_HEAD = 5.0  # or: contacts per inwoner (the ageing effect alone) at least 5 % above now
SINGLE_PP = 10.0  # aandeel eenpersoonshuishoudens above the reference
GP_KM = 2.0  # mean distance to the nearest huisartsenpraktijk
MAX_LEVEL = 6  # at most this many RIVM level knelpunten (largest deviations first)
MAX_TREND = 3  # at most this many RIVM trend knelpunten


@dataclass
class Knelpunt:
    """A draft knelpunt the adviser can edit, drop or extend; rule and figures travel with it."""

    titel: str
    tekst: str
    regel: str
    drempel: str
    key: str = ""
    age_group: str = ""
    waarde: float | None = None
    referentie: float | None = None
    referentie_naam: str = ""
    jaar: int | None = None
    bron: str = ""
    herkomst: str = "open data"
    extra: dict[str, object] = field(default_factory=dict)


def pct(value: float | None) -> str:
    """'28 %' in Dutch notation, one decimal below 10."""
    if value is None:
        return "–"
    return f"{fmt_number(value, 1 if abs(value) < 10 else 0)} %"


def _worse(value: float, ref: float, direction: str) -> float:
    """How much worse the area is than the reference (positive = unfavourable)."""
    return value - ref if direction == "hoger_slechter" else ref - value


def _ref(row: object) -> tuple[float | None, str]:
    """Compare with NL where the data has it, otherwise with the gemeente."""
    if row.nederland is not None:
        return row.nederland, "landelijk"
    return row.gemeente, "in de gemeente"


def from_rows(rows: list, demand: object | None) -> list[Knelpunt]:
    """Apply every rule to the profile rows (IndicatorRow) and the demand projection."""
    found: list[Knelpunt] = []
    by_key = {(r.key, r.age_group): r for r in rows}
    ageing = by_key.get(("aandeel_65_plus", ""))
    if (
        ageing
        and ageing.value is not None
        and ageing.nederland is not None
        and ageing.value - ageing.nederland >= AGEING_PP
    ):
        found.append(
            Knelpunt(
                titel="Vergrijzing",
                tekst=f"Aandeel 65+ {pct(ageing.value)} tegenover {pct(ageing.nederland)} landelijk",
                regel="aandeel 65 jaar of ouder ligt ruim boven het landelijke aandeel",
                drempel=f"minstens {fmt_number(AGEING_PP)} procentpunt boven landelijk",
                key=ageing.key,
                waarde=ageing.value,
                referentie=ageing.nederland,
                referentie_naam="Nederland",
                jaar=ageing.year,
                bron=ageing.source,
            )
        )
    single = by_key.get(("aandeel_eenpersoonshuishoudens", ""))
    if single and single.value is not None:
        ref, where = _ref(single)
        if ref is not None and single.value - ref >= SINGLE_PP:
            found.append(
                Knelpunt(
                    titel="Veel alleenwonenden",
                    tekst=f"Aandeel eenpersoonshuishoudens {pct(single.value)} tegenover {pct(ref)} {where}",
                    regel="aandeel eenpersoonshuishoudens ligt ruim boven de vergelijking",
                    drempel=f"minstens {fmt_number(SINGLE_PP)} procentpunt hoger",
                    key=single.key,
                    waarde=single.value,
                    referentie=ref,
                    referentie_naam=where,
                    jaar=single.year,
                    bron=single.source,
                )
            )
    gp = by_key.get(("AfstandTotHuisartsenpraktijk", ""))
    if gp and gp.value is not None and gp.value >= GP_KM:
        found.append(
            Knelpunt(
                titel="Huisarts op afstand",
                tekst=f"Gemiddelde afstand tot de huisartsenpraktijk {fmt_number(gp.value, 1)} km",
                regel="gemiddelde afstand over de weg tot de dichtstbijzijnde huisartsenpraktijk",
                drempel=f"{fmt_number(GP_KM, 1)} km of meer",
                key=gp.key,
                waarde=gp.value,
                jaar=gp.year,
                bron=gp.source,
            )
        )
    rivm: list[Knelpunt] = []
    for row in rows:
        if row.table != "50090NED" or row.direction not in ("hoger_beter", "hoger_slechter"):
            continue
        rivm.extend(_rivm_rules(row))
    for kind, limit in (("niveau", MAX_LEVEL), ("trend", MAX_TREND)):
        group = sorted(
            (k for k in rivm if k.extra["soort"] == kind),
            key=lambda k: -float(k.extra["afwijking"]),
        )
        found.extend(group[:limit])
    if demand is not None:
        found.extend(_demand_rule(demand))
    return found


def dropped(rows: list) -> int:
    """How many RIVM deviations passed a rule but were left out to keep the list short."""
    rivm = [
        k
        for row in rows
        if row.table == "50090NED" and row.direction in ("hoger_beter", "hoger_slechter")
        for k in _rivm_rules(row)
    ]
    level = sum(1 for k in rivm if k.extra["soort"] == "niveau")
    return max(0, level - MAX_LEVEL) + max(0, len(rivm) - level - MAX_TREND)


def _demand_rule(demand: object) -> list[Knelpunt]:
    """Growth of expected GP contacts in total or per inwoner (ageing without migration)."""
    found: list[Knelpunt] = []
    first, last = demand.years[0], demand.years[-1]
    per_head = 100 * (last.contacten_per_inwoner / first.contacten_per_inwoner - 1)
    if per_head >= DEMAND_PER_HEAD and last.index < DEMAND_INDEX:
        found.append(
            Knelpunt(
                titel="Zorgvraag per inwoner stijgt",
                tekst=(
                    f"Verwachte huisartscontacten per inwoner van {fmt_number(first.contacten_per_inwoner, 2)} "
                    f"({first.year}) naar {fmt_number(last.contacten_per_inwoner, 2)} ({last.year}), "
                    f"+{fmt_number(per_head)} % als de huidige bewoners blijven wonen (geen verhuizingen)"
                ),
                regel="verwachte huisartscontacten per inwoner (cohortverschuiving × Nivel-contactfrequenties)",
                drempel=f"minstens {fmt_number(DEMAND_PER_HEAD)} % meer per inwoner dan nu",
                key="zorgvraag_per_inwoner",
                waarde=last.contacten_per_inwoner,
                referentie=first.contacten_per_inwoner,
                referentie_naam=str(first.year),
                jaar=last.year,
                bron="; ".join(demand.sources),
            )
        )
    if last.index >= DEMAND_INDEX:
        found.append(
            Knelpunt(
                titel="Groeiende zorgvraag",
                tekst=(
                    f"Verwacht aantal huisartscontacten {last.year} {fmt_number(last.index - 100)} % "
                    f"hoger dan in {demand.base_year} (alleen door de leeftijdsopbouw)"
                ),
                regel="verwachte huisartscontacten (cohortverschuiving × Nivel-contactfrequenties)",
                drempel=f"index {fmt_number(DEMAND_INDEX)} of hoger ({demand.base_year} = 100)",
                key="zorgvraag",
                waarde=last.index,
                referentie=100.0,
                referentie_naam=str(demand.base_year),
                jaar=last.year,
                bron="; ".join(demand.sources),
            )
        )
    return found


def _rivm_rules(row: object) -> list[Knelpunt]:
    """Level rule (vs NL, else gemeente) and trend rule for one RIVM indicator row."""
    out = []
    ref, where = _ref(row)
    if row.value is not None and ref is not None:
        gap = _worse(row.value, ref, row.direction)
        if gap >= RIVM_PP and gap >= RIVM_REL * ref:
            gem = (
                f" (gemeente {pct(row.gemeente)})"
                if row.gemeente is not None and where == "landelijk"
                else ""
            )
            out.append(
                Knelpunt(
                    titel=row.label,
                    tekst=f"{row.label}: {pct(row.value)} tegenover {pct(ref)} {where}{gem}, {row.year}",
                    regel="ongunstiger dan "
                    + ("landelijk" if where == "landelijk" else "de gemeente"),
                    drempel=(
                        f"minstens {fmt_number(RIVM_PP)} procentpunt én {fmt_number(RIVM_REL * 100)} % "
                        "van de vergelijkingswaarde"
                    ),
                    key=row.key,
                    age_group=row.age_group,
                    waarde=row.value,
                    referentie=ref,
                    referentie_naam=where,
                    jaar=row.year,
                    bron=row.source,
                    extra={"soort": "niveau", "afwijking": round(gap / ref, 3) if ref else gap},
                )
            )
    trend, trend_nl = row.trend, row.trend_nl
    years = sorted(set(trend) & set(trend_nl))
    if len(years) >= 2:
        first, last = years[0], years[-1]
        change = _worse(trend[last], trend[first], row.direction)
        change_nl = _worse(trend_nl[last], trend_nl[first], row.direction)
        if change - change_nl >= TREND_PP:
            out.append(
                Knelpunt(
                    titel=f"{row.label}: ongunstige trend",
                    tekst=(
                        f"{row.label}: van {pct(trend[first])} ({first}) naar {pct(trend[last])} ({last}); "
                        f"landelijk van {pct(trend_nl[first])} naar {pct(trend_nl[last])}"
                    ),
                    regel="ontwikkeling in het gebied ongunstiger dan landelijk",
                    drempel=f"minstens {fmt_number(TREND_PP)} procentpunt ongunstiger dan de landelijke ontwikkeling",
                    key=row.key,
                    age_group=row.age_group,
                    waarde=trend[last],
                    referentie=trend[first],
                    referentie_naam=str(first),
                    jaar=int(last),
                    bron=row.source,
                    extra={"soort": "trend", "afwijking": round(change - change_nl, 2)},
                )
            )
    return out
