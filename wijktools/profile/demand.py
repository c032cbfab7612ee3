"""Expected GP (huisartsenpraktijk) contacts now, 2030 and 2040 from the local age structure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from wijktools.errors import DataFileError, DataMissingError
from wijktools.paths import raw_dir

KWB2024_FILE = Path("cbs-kwb-2024-85984NED") / "kwb2024_nl_alle_niveaus_bevolking.csv"
RATES_FILE = Path("nivel-huisartscontacten") / "huisartscontacten_leeftijd_nl.csv"
NL_AGES_FILE = Path("cbs-regionale-kerncijfers-70072NED") / "nl_leeftijdsgroepen_2025.csv"
PROJECTION_YEARS = (2030, 2040)
KWB_COUNTS = ("k_0Tot15Jaar", "k_15Tot25Jaar", "k_25Tot45Jaar", "k_45Tot65Jaar", "k_65JaarOfOuder")

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
    "Verwachte zorgvraag = aantal inwoners per leeftijdsgroep × landelijk gemiddeld aantal contacten "
    "met de huisartsenpraktijk per persoon in die leeftijdsgroep (Nivel 2017). De KWB-leeftijdsgroepen "
    "sluiten niet aan op de Nivel-groepen; de koppeling staat in de tabel. De groep 65+ is gesplitst in "
    "65-80 en 80+ volgens de landelijke verhouding (CBS 2025). Voor 2030 en 2040 is de huidige "
    "leeftijdsopbouw jaar voor jaar doorgeschoven (cohortverschuiving): elk jaar schuift 1/breedte van "
    "een groep door naar de volgende groep, het aantal geboorten blijft gelijk aan het huidige "
    "jaargemiddelde van 0-15 jaar, en uit 80+ valt jaarlijks een vast deel weg: de landelijke uitstroom "
    "uit 65+ (instroom vanuit 45-65 min de groei van 65+ tussen 1-1-2024 en 1-1-2025, CBS) gedeeld door "
    "het aantal 80-plussers."
)
LIMITS = (
    "Geen migratie (verhuizingen, nieuwbouw) en geen sterfte onder 80 jaar; alle sterfte van 65-plussers "
    "is aan 80+ toegerekend. Groei of krimp van de wijk door nieuwbouw zit er niet in.",
    "Binnen een KWB-leeftijdsgroep is een gelijke verdeling over de jaren aangenomen.",
    "De contactfrequenties zijn landelijke gemiddelden van 2017; verschillen in gezondheid, inkomen en "
    "praktijkorganisatie per wijk zijn niet meegenomen.",
    "Er is geen regionale prognose naar leeftijd gebruikt: PBL en CBS hebben de leeftijdsdetail van de "
    "regionale prognoses 2019-2050 en 2022-2050 ingetrokken als onvoldoende betrouwbaar; alleen "
    "totalen per gemeente zijn beschikbaar.",
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
    """Population and expected contacts in one year."""

    year: int
    inwoners: float
    inwoners_65_plus: float
    contacten: float
    contacten_per_inwoner: float
    index: float  # base year = 100
    per_band: dict[str, float] = field(default_factory=dict)


@dataclass
class Demand:
    """Expected primary-care demand with its method, limits and sources, ready for JSON."""

    base_year: int
    years: list[DemandYear]
    rates: list[BandRate]
    method: str = METHOD
    limits: list[str] = field(default_factory=lambda: list(LIMITS))
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """Plain data for profiel.json."""
        return asdict(self)

    def year(self, year: int) -> DemandYear:
        """The projection for one year."""
        return next(y for y in self.years if y.year == year)


def _read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """Shipped reference tables; a missing, empty or broken file gets a Dutch message naming it."""
    if not path.exists():
        raise DataMissingError(
            f"Het bestand '{path}' ontbreekt; zet de meegeleverde data terug met: git checkout data/raw"
        )
    try:
        frame = pd.read_csv(path)
    except pd.errors.EmptyDataError as exc:
        raise DataFileError(str(path), "het bestand is leeg; zet het origineel terug.") from exc
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), f"het bestand is niet te lezen als CSV ({exc}).") from exc
    for column in columns:
        if column not in frame.columns:
            raise DataFileError(
                str(path), "deze kolom ontbreekt; zet het origineel terug.", row=1, column=column
            )
    if frame.empty:
        raise DataFileError(
            str(path), "het bestand bevat geen gegevens; zet het origineel terug.", row=2
        )
    return frame


def _numbers(frame: pd.DataFrame, path: Path, column: str) -> pd.Series:
    """Numeric column; the first bad cell is named with its row (header = row 1)."""
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna() & frame[column].notna()
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0]) + 2
        raise DataFileError(
            str(path), f"'{frame[column].iloc[row - 2]}' is geen getal.", row=row, column=column
        )
    return values


@cache
def nivel_rates(path: Path | None = None) -> dict[str, float]:
    """Nivel table A: contacts per registered patient per year, by Nivel age band."""
    path = path or raw_dir() / RATES_FILE
    frame = _read_csv(path, ("tabel", "leeftijd", "waarde"))
    frame = frame.assign(waarde=_numbers(frame, path, "waarde"))
    table_a = frame[(frame["tabel"] == "A") & (frame["leeftijd"] != "totaal")]
    rates = dict(zip(table_a["leeftijd"], table_a["waarde"], strict=True))
    needed = {"0-4 jaar", "5-17 jaar", "18-44 jaar", "45-64 jaar", "65-74 jaar", "75-84 jaar"}
    needed.add("85 jaar en ouder")
    missing = needed - set(rates)
    if missing:
        raise DataFileError(
            str(path),
            f"tabel A mist de leeftijdsgroep(en) {', '.join(sorted(missing))}.",
            column="leeftijd",
        )
    return rates


@cache
def nl_ages(path: Path | None = None) -> dict[str, int]:
    """National population by the finer CBS age groups, to weight rates inside the KWB bands."""
    path = path or raw_dir() / NL_AGES_FILE
    frame = _read_csv(path, ("leeftijdsgroep", "aantal"))
    values = _numbers(frame, path, "aantal")
    return dict(zip(frame["leeftijdsgroep"], values.astype(int), strict=True))


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


_WIDTHS = (15, 10, 20, 20, 15)


def _split_65(counts: Mapping[str, float]) -> list[float]:
    """Six model bands from the five KWB counts; 65+ split by the national 65-80 : 80+ ratio."""
    nl = nl_ages()
    share_65_80 = nl["65 tot 80 jaar"] / (nl["65 tot 80 jaar"] + nl["80 jaar of ouder"])
    old = float(counts["k_65JaarOfOuder"])
    return [float(counts[k]) for k in KWB_COUNTS[:4]] + [old * share_65_80, old * (1 - share_65_80)]


@cache
def _outflow_80() -> float:
    """Yearly share leaving 80+, from the observed national change of 65+ between 2024 and 2025."""
    path = raw_dir() / KWB2024_FILE
    try:
        nl2024 = pd.read_csv(path, nrows=1).iloc[0]
    except (OSError, ValueError) as exc:
        raise DataMissingError(f"Het bestand '{path}' ontbreekt of is onleesbaar ({exc}).") from exc
    nl2025 = nl_ages()
    old_2025 = nl2025["65 tot 80 jaar"] + nl2025["80 jaar of ouder"]
    inflow = nl2024["leeftijd_45_65"] / 20  # turning 65 in 2024 (even spread over 45-64)
    leaving = inflow - (old_2025 - nl2024["leeftijd_65_plus"])  # deaths and net emigration of 65+
    return float(leaving / nl2025["80 jaar of ouder"])


def project(bands: list[float], years: int) -> list[float]:
    """Shift the age structure `years` years forward (cohort shift, constant births, no migration)."""
    pop = list(bands)
    births = pop[0] / _WIDTHS[0]
    death_80 = _outflow_80()
    for _ in range(years):
        moves = [pop[i] / _WIDTHS[i] for i in range(5)]
        new = [pop[0] + births - moves[0]]
        new += [pop[i] + moves[i - 1] - moves[i] for i in range(1, 5)]
        new.append(pop[5] + moves[4] - pop[5] * death_80)
        pop = new
    return pop


def estimate(
    counts: Mapping[str, float], base_year: int, years: tuple[int, ...] = PROJECTION_YEARS
) -> Demand:
    """Expected contacts for the base year and the projection years from the five KWB age counts."""
    missing = [k for k in KWB_COUNTS if counts.get(k) is None or pd.isna(counts.get(k))]
    if missing:
        raise DataMissingError(
            f"Voor de zorgvraag zijn de leeftijdsgroepen nodig; ontbrekend: {', '.join(missing)}."
        )
    rates = band_rates()
    base = _split_65(counts)
    out: list[DemandYear] = []
    base_contacts = None
    for year in (base_year, *years):
        pop = project(base, max(0, year - base_year))
        per_band = {rate.band: p * rate.rate for rate, p in zip(rates, pop, strict=True)}
        contacts = sum(per_band.values())
        base_contacts = base_contacts or contacts
        total = sum(pop)
        out.append(
            DemandYear(
                year=year,
                inwoners=round(total, 1),
                inwoners_65_plus=round(pop[4] + pop[5], 1),
                contacten=round(contacts, 1),
                contacten_per_inwoner=round(contacts / total, 2) if total else float("nan"),
                index=round(100 * contacts / base_contacts, 1) if base_contacts else float("nan"),
                per_band={k: round(v, 1) for k, v in per_band.items()},
            )
        )
    return Demand(
        base_year=base_year,
        years=out,
        rates=list(rates),
        sources=[RATES_SOURCE, NL_AGES_SOURCE, KWB_SOURCE.format(year=base_year)],
    )
