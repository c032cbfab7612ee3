"""Expected GP (huisartsenpraktijk) contacts now, 2030 and 2040 from the local age structure."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from wijktools.errors import DataFileError, DataMissingError
from wijktools.nl import ngettext
from wijktools.paths import shipped_json
from wijktools.profile.cohort import (
    KWB_COUNTS,
    by_band,
    mortality,
    nl_ages,
    nl_deaths,
    numbers,
    read_table,
    split_65,
    turnover_excess,
    variants,
)
from wijktools.profile.prognosis import PROGNOSE_SOURCE, Prognose, prognose_for

RATES_FILE = Path("nivel-huisartscontacten") / "huisartscontacten_leeftijd_nl.csv"
PROJECTION_YEARS = (2030, 2040)

RATES_SOURCE = (
    "Nivel Zorgregistraties eerste lijn, gemiddeld aantal gedeclareerde contacten met de "
    "huisartsenpraktijk per ingeschreven patiënt naar leeftijd, 2017 (via Staat van "
    "Volksgezondheid en Zorg, kerncijfer 'Huisartscontact: aantal contacten per persoon')"
)
NL_AGES_SOURCE = (
    "CBS, Regionale kerncijfers Nederland (70072NED), bevolking 1 januari 2025; CC BY 4.0"
)
KWB_SOURCE = "CBS, Kerncijfers wijken en buurten {year}; CC BY 4.0"

METHOD = (
    "Vergrijzingseffect: verwachte contacten met de huisartsenpraktijk per inwoner = per leeftijdsgroep "
    "het landelijk gemiddelde aantal contacten per persoon (Nivel 2017) × het aandeel van die groep in "
    "de bevolking. De KWB-leeftijdsgroepen sluiten niet aan op de Nivel-groepen; de koppeling staat in "
    "de tabel. De groep 65+ is gesplitst in 65-80 en 80+ volgens de landelijke verhouding (CBS 2025). "
    "Voor 2030 en 2040 schuift de huidige leeftijdsopbouw jaar voor jaar door (cohortverschuiving): elk "
    "jaar gaat 1/breedte van een groep naar de volgende groep, in elke groep overlijdt jaarlijks een vast "
    "deel (sterfte per leeftijdsgroep, zie beperkingen) en het aantal geboorten blijft gelijk aan het "
    "huidige jaargemiddelde van 0-15 jaar. De vergrijzingsindex (nu = 100) zegt hoeveel meer of minder "
    "contacten per inwoner de veranderende leeftijdsopbouw alleen al geeft, los van groei of krimp. "
    "Absolute aantallen (inwoners, contacten) staan er alleen bij als de meegeleverde PBL/CBS-prognose "
    "een totaal voor de provincie heeft: het inwonertal groeit dan elk jaar even snel als de provincie "
    "tot 2050 (de bandbreedte is het 67%-prognose-interval) en het aantal contacten is dat inwonertal × "
    "de contacten per inwoner hierboven."
)
LIMITS = (
    "Sterfte per leeftijdsgroep is een aanname, afgerond naar de orde van grootte van de CBS-"
    "sterftecijfers rond 2023 (jaarlijkse sterftekans 0-15: 0,02 %, 15-25: 0,03 %, 25-45: 0,06 %, "
    "45-65: 0,35 %, 65-80 en 80+: {q65} % en {q80} %). De twee oudste groepen zijn samen geschaald op de "
    "waargenomen uitstroom uit 65+ tussen 1-1-2024 en 1-1-2025 (KWB 2024, CBS 70072NED; bevat ook "
    "emigratie). Voor heel Nederland geeft dit ongeveer {deaths} overlijdens per jaar (CBS telde er rond "
    "2023 ongeveer 170.000).",
    "De vergrijzingsindex rekent zonder verhuizingen. In gebieden met veel 15-25-jarigen (minstens "
    "anderhalf keer het landelijke aandeel, zoals studentenwijken) of veel 25-45-jarigen (minstens twee "
    "keer het landelijke aandeel, zoals nieuwbouw voor starters of huisvesting van arbeidsmigranten) "
    "vertrekken jongeren en komen er nieuwe voor in de plaats; daar staat een bandbreedte: de hoge waarde laat iedereen ter plaatse ouder "
    "worden, de lage (en getoonde) waarde houdt het deel 15-25 en 25-45 jaar boven het landelijke aandeel "
    "gelijk (doorstroom: wie vertrekt wordt vervangen door iemand van dezelfde leeftijd). De regel voor een "
    "knelpunt gebruikt de lage waarde.",
    "Er is geen regionale prognose naar leeftijd: PBL en CBS hebben de leeftijdsdetail van de regionale "
    "prognoses ingetrokken als onvoldoende betrouwbaar; alleen totalen per gemeente, COROP en provincie "
    "bestaan. In de meegeleverde uitsnede staan de totalen 2050 (2023-2050-prognose) voor Nederland en "
    "acht provincies (Groningen, Fryslân, Drenthe, Overijssel, Flevoland, Gelderland, Utrecht, "
    "Noord-Holland); voor Zuid-Holland, Zeeland, Noord-Brabant en Limburg niet, daar staan geen absolute "
    "aantallen. Een wijk of gemeente groeit in de berekening even hard als haar provincie: nieuwbouw of "
    "krimp in het gebied zelf zit er niet in.",
    "Binnen een KWB-leeftijdsgroep is een gelijke verdeling over de jaren aangenomen.",
    "De contactfrequenties zijn landelijke gemiddelden van 2017; verschillen in gezondheid, inkomen en "
    "praktijkorganisatie per wijk zijn niet meegenomen.",
    "KWB publiceert op wijkniveau geen 75+ of 80+; de splitsing van 65+ volgt de landelijke verhouding.",
)


@dataclass(frozen=True)
class BandRate:
    """One model age band, the Nivel bands it is built from, and the resulting rate."""

    band: str
    kwb_source: str
    nivel_bands: str
    rate: float


@dataclass
class DemandYear:
    """One year: the ageing effect per inwoner always; absolute numbers only when anchored to a prognosis."""

    year: int
    inwoners: float | None  # anchored to the provincial PBL/CBS prognosis, else None
    inwoners_65_plus: float | None
    contacten: float | None
    contacten_per_inwoner: float
    index: float | None  # contacts, base year = 100 (anchored), else None
    per_band: dict[str, float] = field(default_factory=dict)  # anchored contacts per band
    vergrijzingsindex: float = 100.0  # contacts per inwoner, base year = 100
    vergrijzingsindex_laag: float = 100.0
    vergrijzingsindex_hoog: float = 100.0
    aandeel_65_plus: float | None = None
    inwoners_laag: float | None = None
    inwoners_hoog: float | None = None
    contacten_laag: float | None = None
    contacten_hoog: float | None = None
    per_inwoner_per_band: dict[str, float] = field(default_factory=dict)
    inwoners_zonder_migratie: float | None = (
        None  # the cohort model alone; never shown as a forecast
    )


@dataclass
class Demand:
    """Expected primary-care demand with its method, limits and sources, ready for JSON."""

    base_year: int
    years: list[DemandYear]
    rates: list[BandRate]
    method: str = METHOD
    limits: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    hoge_doorstroom: bool = False
    aandeel_15_25: float | None = None
    prognose: Prognose | None = None
    absoluut_reden: str = ""

    def to_dict(self) -> dict[str, object]:
        """Plain data for profiel.json."""
        return asdict(self)

    def year(self, year: int) -> DemandYear:
        """The projection for one year."""
        return next(y for y in self.years if y.year == year)


@cache
def nivel_rates(path: Path | None = None) -> dict[str, float]:
    """Nivel table A: contacts per registered patient per year, by Nivel age band.

    The shipped table is kept in data/derived (keyed by its checksum): no CSV parsing every run.
    """
    return dict(shipped_json("nivel-tarieven", RATES_FILE, _read_nivel_rates, path))


def _read_nivel_rates(path: Path) -> dict[str, float]:
    frame = read_table(path, ("tabel", "leeftijd", "waarde"))
    frame = frame.assign(waarde=numbers(frame, path, "waarde"))
    table_a = frame[(frame["tabel"] == "A") & (frame["leeftijd"] != "totaal")]
    rates = {str(k): float(v) for k, v in zip(table_a["leeftijd"], table_a["waarde"], strict=True)}
    needed = {"0-4 jaar", "5-17 jaar", "18-44 jaar", "45-64 jaar", "65-74 jaar", "75-84 jaar"}
    needed.add("85 jaar en ouder")
    missing = needed - set(rates)
    if missing:
        raise DataFileError(
            str(path),
            f"tabel A mist de {ngettext('leeftijdsgroep', 'leeftijdsgroepen', len(missing))} "
            f"{', '.join(sorted(missing))}.",
            column="leeftijd",
        )
    return rates


@cache
def band_rates() -> tuple[BandRate, ...]:
    """Map the KWB age bands onto the Nivel rate bands, weighting by national population."""
    r, nl = nivel_rates(), nl_ages()
    under5, five_15 = nl["Jonger dan 5 jaar"], nl["5 tot 10 jaar"] + nl["10 tot 15 jaar"]
    # 15-17 is three fifths of CBS 15-20 (even spread), the rest of 15-25 is 18-24.
    y15_17 = 0.6 * nl["15 tot 20 jaar"]
    y18_24 = 0.4 * nl["15 tot 20 jaar"] + nl["20 tot 25 jaar"]
    rate_0_15 = (under5 * r["0-4 jaar"] + five_15 * r["5-17 jaar"]) / (under5 + five_15)
    rate_15_25 = (y15_17 * r["5-17 jaar"] + y18_24 * r["18-44 jaar"]) / (y15_17 + y18_24)
    rate_65_80 = (2 * r["65-74 jaar"] + r["75-84 jaar"]) / 3
    rate_80 = (r["75-84 jaar"] + r["85 jaar en ouder"]) / 2
    return (
        BandRate(
            "0-15", "k_0Tot15Jaar", "0-4 en 5-17 (gewogen naar NL 0-5 / 5-15 jaar)", rate_0_15
        ),
        BandRate(
            "15-25", "k_15Tot25Jaar", "5-17 en 18-44 (gewogen naar NL 15-18 / 18-25)", rate_15_25
        ),
        BandRate("25-45", "k_25Tot45Jaar", "18-44", r["18-44 jaar"]),
        BandRate("45-65", "k_45Tot65Jaar", "45-64", r["45-64 jaar"]),
        BandRate(
            "65-80", "k_65JaarOfOuder × NL-aandeel 65-80", "65-74 (2/3) en 75-84 (1/3)", rate_65_80
        ),
        BandRate(
            "80+", "k_65JaarOfOuder × NL-aandeel 80+", "75-84 en 85+ (elk 1/2, aanname)", rate_80
        ),
    )


def per_inwoner(pop: np.ndarray) -> np.ndarray | float:
    """Expected contacts per inwoner for one or many age structures."""
    rates = by_band(tuple(r.rate for r in band_rates()), np.asarray(pop))
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.asarray(pop) * rates).sum(axis=0) / np.asarray(pop).sum(axis=0)


def ageing_index(counts: np.ndarray, years: int) -> np.ndarray:
    """The low (turnover) ageing index after `years` years for many areas.

    `counts` has a row per area and the KWB_COUNTS as columns; areas lacking one are left out.
    """
    frame = np.asarray(counts, dtype=float)
    frame = frame[~np.isnan(frame).any(axis=1)]
    if not len(frame):
        return np.array([], dtype=float)
    nl = nl_ages()
    share_65_80 = nl["65 tot 80 jaar"] / (nl["65 tot 80 jaar"] + nl["80 jaar of ouder"])
    old = frame[:, 4]
    bands = np.vstack(
        [frame[:, i] for i in range(4)] + [old * share_65_80, old * (1 - share_65_80)]
    )
    base = per_inwoner(bands)
    in_place, turnover = variants(bands, years)
    low = np.minimum(per_inwoner(in_place), per_inwoner(turnover))
    index = 100 * low / base
    return index[~np.isnan(index)]


def estimate(
    counts: Mapping[str, float],
    base_year: int,
    years: tuple[int, ...] = PROJECTION_YEARS,
    gemeente_code: str | None = None,
    inwoners: float | None = None,
) -> Demand:
    """Ageing effect (always) and anchored absolute numbers (when a regional prognosis exists).

    `inwoners` is the published CBS total of the base year (AantalInwoners), the number the profile shows
    everywhere else; without it the sum of the age groups stands in.
    """
    missing = [k for k in KWB_COUNTS if _absent(counts.get(k))]
    if missing:
        raise DataMissingError(
            f"Voor de zorgvraag zijn de leeftijdsgroepen nodig; ontbrekend: {', '.join(missing)}."
        )
    rates = band_rates()
    base = np.array(split_65(counts))
    total = float(base.sum())
    # CBS rounds every age group to 5, so the groups need not add up to the published total (Beerta:
    # 2.300 against 2.305). The shares and the index come from the groups (they need the age structure);
    # the inwoners and the 65+ share shown for the base year, and the number the prognosis grows from,
    # are the published total, so an adviser sees the same inwoners and 65+ share as in the key figures.
    published = float(inwoners) if not _absent(inwoners) else total
    old_now = float(counts["k_65JaarOfOuder"])
    base_per = float(per_inwoner(base)) if total else float("nan")
    prognose, reason = prognose_for(gemeente_code)
    flagged = bool(np.any(turnover_excess(base)))
    out: list[DemandYear] = []
    base_contacts = None
    for year in (base_year, *years):
        span = max(0, year - base_year)
        in_place, turnover = variants(base, span)
        central = turnover if flagged else in_place
        pers = [float(per_inwoner(p)) for p in (in_place, turnover)]
        per = float(per_inwoner(central))
        share = central / central.sum() if central.sum() else central
        share_65 = float(share[4] + share[5])
        if span == 0 and published:  # base year: published 65+ count over the published total
            share_65 = old_now / published
        item = DemandYear(
            year=year,
            inwoners=None,
            inwoners_65_plus=None,
            contacten=None,
            contacten_per_inwoner=round(per, 3),
            index=None,
            vergrijzingsindex=round(100 * per / base_per, 1),
            vergrijzingsindex_laag=round(100 * min(pers) / base_per, 1),
            vergrijzingsindex_hoog=round(100 * max(pers) / base_per, 1),
            aandeel_65_plus=round(100 * share_65, 1),
            per_inwoner_per_band={
                r.band: round(float(s) * r.rate, 3) for r, s in zip(rates, share, strict=True)
            },
            inwoners_zonder_migratie=round(float(in_place.sum()), 1),
        )
        if prognose is not None:
            inw = published * prognose.factor(span)
            contacts = inw * per
            base_contacts = base_contacts or contacts
            item.inwoners = round(inw, 1)
            item.inwoners_65_plus = round(inw * share_65, 1)
            item.contacten = round(contacts, 1)
            item.index = round(100 * contacts / base_contacts, 1) if base_contacts else None
            item.per_band = {
                r.band: round(inw * float(s) * r.rate, 1) for r, s in zip(rates, share, strict=True)
            }
            item.inwoners_laag = round(published * prognose.factor(span, "laag"), 1)
            item.inwoners_hoog = round(published * prognose.factor(span, "hoog"), 1)
            item.contacten_laag = round(item.inwoners_laag * min(pers), 1)
            item.contacten_hoog = round(item.inwoners_hoog * max(pers), 1)
        out.append(item)
    q = mortality()
    limits = [
        LIMITS[0].format(q65=_pct(q[4]), q80=_pct(q[5]), deaths=_thousands(nl_deaths())),
        *LIMITS[1:],
    ]
    sources = [RATES_SOURCE, NL_AGES_SOURCE, KWB_SOURCE.format(year=base_year)]
    if prognose is not None:
        sources.append(PROGNOSE_SOURCE)
    return Demand(
        base_year=base_year,
        years=out,
        rates=list(rates),
        limits=limits,
        sources=sources,
        hoge_doorstroom=flagged,
        aandeel_15_25=round(100 * float(base[1]) / total, 1) if total else None,
        prognose=prognose,
        absoluut_reden=reason,
    )


def _absent(value: float | None) -> bool:
    """None or NaN: no count."""
    return value is None or math.isnan(value)


def _pct(q: float) -> str:
    return f"{100 * q:.1f}".replace(".", ",")


def _thousands(value: float) -> str:
    return f"{round(value, -3):,.0f}".replace(",", ".")
