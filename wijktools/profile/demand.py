"""Expected GP (huisartsenpraktijk) contacts now, 2030 and 2040 from the local age structure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from wijktools.errors import DataFileError, DataMissingError
from wijktools.nl import ngettext
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

PROGNOSE_FILE = Path("cbs-pbl-prognose-2050") / "regionale_prognose_2050_totaal_excerpt.csv"
PROVINCIE_FILE = Path("cbs-gemeenten-provincie-2024") / "gemeente_provincie_2024.csv"
PROGNOSE_TABLE = "85173NED"  # PBL/CBS Regionale prognose 2023-2050 (the newest in the excerpt)
PROGNOSE_YEAR = 2050
PROGNOSE_START = 2024  # the provincial base population is KWB 2024 (1 January 2024)
# Yearly probability of dying per model band (0-15, 15-25, 25-45, 45-65, 65-80, 80+): an assumption,
# rounded to the order of magnitude of the CBS death figures around 2023; 65-80 and 80+ are rescaled so
# that together they match the observed national outflow from 65+ (see mortality()).
MORTALITY_ASSUMED = (0.0002, 0.0003, 0.0006, 0.0035, 0.018, 0.11)
TURNOVER_FACTOR = 1.5  # aandeel 15-25 at least this many times the national share: high turnover
PROGNOSE_SOURCE = (
    "PBL/CBS, Regionale bevolkings- en huishoudensprognose 2023-2050, totale bevolking 2050 met "
    "67%-prognose-interval (StatLine 85173NED); CBS, Gemeenten alfabetisch 2024; CC BY 4.0"
)

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
    "anderhalf keer het landelijke aandeel, zoals studentenwijken) vertrekken jongeren en komen er nieuwe "
    "voor in de plaats; daar staat een bandbreedte: de hoge waarde laat iedereen ter plaatse ouder "
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


@dataclass(frozen=True)
class Prognose:
    """A published 2050 total for the region of an area, as growth factors from the 2024 base."""

    regio: str
    tabel: str
    basis_2024: float
    prognose_2050: float
    ondergrens_2050: float
    bovengrens_2050: float

    def factor(self, years: float, which: str = "prognose") -> float:
        """Growth over `years` years at the constant yearly rate that reaches the 2050 value."""
        end = {
            "prognose": self.prognose_2050,
            "laag": self.ondergrens_2050,
            "hoog": self.bovengrens_2050,
        }[which]
        return float((end / self.basis_2024) ** (years / (PROGNOSE_YEAR - PROGNOSE_START)))


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
            f"tabel A mist de {ngettext('leeftijdsgroep', 'leeftijdsgroepen', len(missing))} "
            f"{', '.join(sorted(missing))}.",
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
BANDS = ("0-15", "15-25", "25-45", "45-65", "65-80", "80+")


def _split_65(counts: Mapping[str, float]) -> list[float]:
    """Six model bands from the five KWB counts; 65+ split by the national 65-80 : 80+ ratio."""
    nl = nl_ages()
    share_65_80 = nl["65 tot 80 jaar"] / (nl["65 tot 80 jaar"] + nl["80 jaar of ouder"])
    old = float(counts["k_65JaarOfOuder"])
    return [float(counts[k]) for k in KWB_COUNTS[:4]] + [old * share_65_80, old * (1 - share_65_80)]


@cache
def _kwb2024_rows() -> pd.DataFrame:
    """The national KWB 2024 population file (NL and gemeenten are enough here)."""
    path = raw_dir() / KWB2024_FILE
    try:
        frame = pd.read_csv(
            path,
            usecols=[
                "code",
                "soort_regio",
                "aantal_inwoners",
                "leeftijd_45_65",
                "leeftijd_65_plus",
            ],
        )
    except (OSError, ValueError) as exc:
        raise DataMissingError(f"Het bestand '{path}' ontbreekt of is onleesbaar ({exc}).") from exc
    return frame[frame["soort_regio"].isin(["Land", "Gemeente"])].set_index("code")


def _outflow_65() -> float:
    """Persons leaving 65+ in 2024 (deaths and net emigration): inflow from 45-65 minus the growth of 65+."""
    nl2024 = _kwb2024_rows().loc["NL00"]
    nl2025 = nl_ages()
    old_2025 = nl2025["65 tot 80 jaar"] + nl2025["80 jaar of ouder"]
    inflow = nl2024["leeftijd_45_65"] / 20  # turning 65 in 2024 (even spread over 45-64)
    return float(inflow - (old_2025 - nl2024["leeftijd_65_plus"]))


@cache
def mortality() -> tuple[float, ...]:
    """Yearly death probability per band; 65-80 and 80+ scaled to the observed national outflow from 65+."""
    nl = nl_ages()
    q = MORTALITY_ASSUMED
    assumed = q[4] * nl["65 tot 80 jaar"] + q[5] * nl["80 jaar of ouder"]
    scale = _outflow_65() / assumed
    return (*q[:4], q[4] * scale, q[5] * scale)


def nl_deaths() -> float:
    """Deaths per year this mortality gives for NL 2025 (a check against the CBS count, in the limits)."""
    nl = nl_ages()
    bands = [
        nl["Jonger dan 5 jaar"] + nl["5 tot 10 jaar"] + nl["10 tot 15 jaar"],
        nl["15 tot 20 jaar"] + nl["20 tot 25 jaar"],
        nl["25 tot 45 jaar"],
        nl["45 tot 65 jaar"],
        nl["65 tot 80 jaar"],
        nl["80 jaar of ouder"],
    ]
    return float(sum(p * q for p, q in zip(bands, mortality(), strict=True)))


def _shape(values: tuple[float, ...], pop: np.ndarray) -> np.ndarray:
    return np.array(values, dtype=float).reshape(-1, *([1] * (pop.ndim - 1)))


def project(bands: list[float] | np.ndarray, years: int) -> np.ndarray:
    """Shift the six bands `years` years forward: cohort shift, deaths per band, constant births, no migration.

    `bands` is one area (6 values) or many (6 x n) at once.
    """
    pop = np.array(bands, dtype=float)
    births = pop[0] / _WIDTHS[0]
    q, width = _shape(mortality(), pop), _shape(_WIDTHS, pop[:5])
    for _ in range(years):
        moves = pop[:5] / width
        new = pop - pop * q
        new[0] += births - moves[0]
        new[1:5] += moves[:4] - moves[1:5]
        new[5] += moves[4]
        pop = new
    return pop


@cache
def nl_shares() -> tuple[float, float]:
    """National shares of 15-25 and 25-45 year olds (CBS 2025), the yardstick for high turnover."""
    nl = nl_ages()
    young = (nl["15 tot 20 jaar"] + nl["20 tot 25 jaar"]) / nl["Totaal"]
    return float(young), float(nl["25 tot 45 jaar"] / nl["Totaal"])


def turnover_excess(bands: np.ndarray) -> np.ndarray:
    """15-25 and 25-45 year olds above the national shares, in areas with many 15-25 year olds.

    Returns an array shaped like `bands` (zero outside bands 15-25 and 25-45 and in ordinary areas).
    """
    bands = np.asarray(bands, dtype=float)
    total = bands.sum(axis=0)
    young, adult = nl_shares()
    with np.errstate(invalid="ignore", divide="ignore"):
        high = (bands[1] >= TURNOVER_FACTOR * young * total) & (total > 0)
    excess = np.zeros_like(bands)
    excess[1] = np.where(high, np.maximum(bands[1] - young * total, 0.0), 0.0)
    excess[2] = np.where(high, np.maximum(bands[2] - adult * total, 0.0), 0.0)
    return excess


def variants(bands: np.ndarray, years: int) -> tuple[np.ndarray, np.ndarray]:
    """(ageing in place, with turnover): the second keeps the young surplus constant (students replaced)."""
    bands = np.asarray(bands, dtype=float)
    in_place = project(bands, years)
    excess = turnover_excess(bands)
    if not np.any(excess):
        return in_place, in_place
    return in_place, project(bands - excess, years) + excess


def per_inwoner(pop: np.ndarray) -> np.ndarray | float:
    """Expected contacts per inwoner for one or many age structures."""
    rates = _shape(tuple(r.rate for r in band_rates()), np.asarray(pop))
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.asarray(pop) * rates).sum(axis=0) / np.asarray(pop).sum(axis=0)


def ageing_index(counts: pd.DataFrame, years: int) -> pd.Series:
    """The low (turnover) ageing index after `years` years for many areas (rows with the KWB_COUNTS columns)."""
    frame = counts[list(KWB_COUNTS)].astype(float).dropna()
    if frame.empty:
        return pd.Series(dtype=float)
    nl = nl_ages()
    share_65_80 = nl["65 tot 80 jaar"] / (nl["65 tot 80 jaar"] + nl["80 jaar of ouder"])
    old = frame["k_65JaarOfOuder"].to_numpy()
    bands = np.vstack(
        [frame[k].to_numpy() for k in KWB_COUNTS[:4]] + [old * share_65_80, old * (1 - share_65_80)]
    )
    base = per_inwoner(bands)
    in_place, turnover = variants(bands, years)
    low = np.minimum(per_inwoner(in_place), per_inwoner(turnover))
    return pd.Series(100 * low / base, index=frame.index).dropna()


@cache
def _province_of() -> dict[str, str]:
    path = raw_dir() / PROVINCIE_FILE
    frame = _read_csv(path, ("gm_code", "provincienaam"))
    return dict(
        zip(
            frame["gm_code"].str.strip().str.upper(),
            frame["provincienaam"].str.strip(),
            strict=True,
        )
    )


@cache
def _prognoses() -> dict[str, Prognose]:
    """Region name -> the 2023-2050 prognosis (85173NED) for NL and the provinces in the shipped excerpt."""
    path = raw_dir() / PROGNOSE_FILE
    frame = _read_csv(path, ("tabel", "regio", "variant", "jaar", "totale_bevolking_x1000"))
    frame = frame.assign(waarde=_numbers(frame, path, "totale_bevolking_x1000") * 1000)
    frame = frame[(frame["tabel"] == PROGNOSE_TABLE) & (frame["jaar"] == PROGNOSE_YEAR)]
    kwb = _kwb2024_rows()
    provinces = _province_of()
    out: dict[str, Prognose] = {}
    for regio, rows in frame.groupby("regio"):
        name = str(regio).removesuffix(" (PV)").strip()
        values = dict(zip(rows["variant"], rows["waarde"], strict=True))
        if name == "Nederland":
            base = float(kwb.loc["NL00", "aantal_inwoners"])
        else:
            codes = [c for c, p in provinces.items() if p == name]
            base = float(kwb["aantal_inwoners"].reindex(codes).sum())
        needed = (
            "Prognose",
            "Ondergrens 67%-prognose-interval",
            "Bovengrens 67%-prognose-interval",
        )
        if base <= 0 or not all(v in values for v in needed):
            continue
        out[name] = Prognose(
            regio=name if name == "Nederland" else f"provincie {name}",
            tabel=PROGNOSE_TABLE,
            basis_2024=base,
            prognose_2050=values[needed[0]],
            ondergrens_2050=values[needed[1]],
            bovengrens_2050=values[needed[2]],
        )
    return out


def prognose_for(gemeente_code: str | None) -> tuple[Prognose | None, str]:
    """The prognosis that anchors absolute numbers (NL for NL00, else the province), or the reason there is none."""
    code = (gemeente_code or "").strip().upper()
    if code in ("", "NL00", "NL01"):
        found = _prognoses().get("Nederland")
        return found, "" if found else "Geen landelijke prognose in de meegeleverde data."
    province = _province_of().get(code)
    if province is None:
        return None, (
            f"Gemeente {code} staat niet in de CBS-lijst Gemeenten alfabetisch 2024; de provincie en dus de "
            "prognose zijn onbekend. Alleen het vergrijzingseffect per inwoner staat hier."
        )
    found = _prognoses().get(province)
    if found is None:
        return None, (
            f"Voor provincie {province} staat geen PBL/CBS-bevolkingsprognose in de meegeleverde data "
            f"({PROGNOSE_FILE}); daarom geen absolute aantallen, alleen het vergrijzingseffect per inwoner."
        )
    return found, ""


def estimate(
    counts: Mapping[str, float],
    base_year: int,
    years: tuple[int, ...] = PROJECTION_YEARS,
    gemeente_code: str | None = None,
) -> Demand:
    """Ageing effect (always) and anchored absolute numbers (when a regional prognosis exists)."""
    missing = [k for k in KWB_COUNTS if counts.get(k) is None or pd.isna(counts.get(k))]
    if missing:
        raise DataMissingError(
            f"Voor de zorgvraag zijn de leeftijdsgroepen nodig; ontbrekend: {', '.join(missing)}."
        )
    rates = band_rates()
    base = np.array(_split_65(counts))
    total = float(base.sum())
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
            aandeel_65_plus=round(100 * float(share[4] + share[5]), 1),
            per_inwoner_per_band={
                r.band: round(float(s) * r.rate, 3) for r, s in zip(rates, share, strict=True)
            },
            inwoners_zonder_migratie=round(float(in_place.sum()), 1),
        )
        if prognose is not None:
            inw = total * prognose.factor(span)
            contacts = inw * per
            base_contacts = base_contacts or contacts
            item.inwoners = round(inw, 1)
            item.inwoners_65_plus = round(inw * float(share[4] + share[5]), 1)
            item.contacten = round(contacts, 1)
            item.index = round(100 * contacts / base_contacts, 1) if base_contacts else None
            item.per_band = {
                r.band: round(inw * float(s) * r.rate, 1) for r, s in zip(rates, share, strict=True)
            }
            item.inwoners_laag = round(total * prognose.factor(span, "laag"), 1)
            item.inwoners_hoog = round(total * prognose.factor(span, "hoog"), 1)
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


def _pct(q: float) -> str:
    return f"{100 * q:.1f}".replace(".", ",")


def _thousands(value: float) -> str:
    return f"{round(value, -3):,.0f}".replace(",", ".")
