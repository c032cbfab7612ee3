"""What each indicator means: Dutch label, unit, source table, year, and whether higher is better."""

from __future__ import annotations

import contextlib
import hashlib
import json
import pickle
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from wijktools.opendata import cbs_meta
from wijktools.opendata.cbs_meta import read_cbs_meta
from wijktools.paths import checksum, derived_dir, raw_dir, write_bytes_atomic

if TYPE_CHECKING:
    import pandas as pd
KWB_SOURCE = "CBS, Kerncijfers wijken en buurten"
RIVM_SOURCE = "RIVM, Gezondheid per wijk en buurt (Gezondheidsmonitor Volwassenen en Ouderen)"
LICENSE = "CC BY 4.0"


@dataclass(frozen=True)
class Citation:
    """A reference figure that is not open data: who set it, where, for which year, and its URL."""

    organisatie: str
    titel: str
    jaar: int
    url: str
    toelichting: str = ""

    @property
    def line(self) -> str:
        """One printable line for the sources list."""
        extra = f" {self.toelichting}" if self.toelichting else ""
        return f"{self.organisatie}, {self.titel} ({self.jaar}). {self.url}{extra}"


# The normpraktijk: ingeschreven patiënten per fulltime huisarts, the NZa's national average behind
# the GP tariffs. Verified from the trade report below (2350 until 2012, 2168 from 2013, 2095 from
# 2018); the NZa may have changed it after its later cost study, so a session can set its own.
NORMPRAKTIJK_PATIENTEN = 2095
NORMPRAKTIJK = Citation(
    organisatie="NZa (Nederlandse Zorgautoriteit)",
    titel=(
        "Beleidsregel huisartsenzorg en multidisciplinaire zorg 2018: normpraktijk "
        "2.095 ingeschreven patiënten per fulltime huisarts (tot en met 2012: 2.350, 2013-2017: "
        "2.168); gemeld in Zorg en Z, 'Normpraktijk huisarts verlaagd naar 2095 patiënten', "
        "20 juli 2017"
    ),
    jaar=2018,
    url="https://zorgenz.nl/normpraktijk-huisarts-verlaagd-naar-2095-patienten/",
    toelichting=(
        "Een landelijk gemiddelde voor de tarieven, geen kwaliteitsnorm; de LHV pleit voor 1.800. "
        "Controleer of de NZa de norm sindsdien heeft aangepast."
    ),
)

# RIVM 50090NED: Dutch label, direction, theme. Labels follow the StatLine titles; all values are % of the age group.
RIVM_INDICATORS: dict[str, tuple[str, str, str]] = {
    "ErvarenGezondheidGoedZeerGoed": (
        "Ervaren gezondheid goed/zeer goed",
        "hoger_beter",
        "gezondheid",
    ),
    "VoldoetAanBeweegrichtlijn": ("Voldoet aan de beweegrichtlijn", "hoger_beter", "leefstijl"),
    "WekelijkseSporters": ("Wekelijkse sporters", "hoger_beter", "leefstijl"),
    "Ondergewicht": ("Ondergewicht", "hoger_slechter", "leefstijl"),
    "NormaalGewicht": ("Normaal gewicht", "hoger_beter", "leefstijl"),
    "Overgewicht": ("Overgewicht", "hoger_slechter", "leefstijl"),
    "ErnstigOvergewicht": ("Ernstig overgewicht (obesitas)", "hoger_slechter", "leefstijl"),
    "Roker": ("Rookt", "hoger_slechter", "leefstijl"),
    "VoldoetAanAlcoholRichtlijn": ("Voldoet aan de alcoholrichtlijn", "hoger_beter", "leefstijl"),
    "Drinker": ("Drinkt alcohol", "neutraal", "leefstijl"),
    "ZwareDrinker": ("Zware drinker", "hoger_slechter", "leefstijl"),
    "OvermatigeDrinker": ("Overmatige drinker", "hoger_slechter", "leefstijl"),
    "EenOfMeerLangdurigeAandoeningen": (
        "Een of meer langdurige aandoeningen",
        "hoger_slechter",
        "gezondheid",
    ),
    "BeperktVanwegeGezondheid": ("Beperkt vanwege gezondheid", "hoger_slechter", "gezondheid"),
    "ErnstigBeperktVanwegeGezondheid": (
        "Ernstig beperkt vanwege gezondheid",
        "hoger_slechter",
        "gezondheid",
    ),
    "LangdurigeZiekteEnBeperkt": ("Langdurige ziekte en beperkt", "hoger_slechter", "gezondheid"),
    "EenOfMeerLichamelijkeBeperkingen": (
        "Een of meer lichamelijke beperkingen",
        "hoger_slechter",
        "gezondheid",
    ),
    "BeperkingInHoren": ("Beperking in horen", "hoger_slechter", "gezondheid"),
    "BeperkingInZien": ("Beperking in zien", "hoger_slechter", "gezondheid"),
    "BeperkingInBewegen": ("Beperking in bewegen", "hoger_slechter", "gezondheid"),
    "MatigHoogRisicoOpAngstOfDepressie": (
        "Matig of hoog risico op angst of depressie",
        "hoger_slechter",
        "gezondheid",
    ),
    "HoogRisicoOpAngstOfDepressie": (
        "Hoog risico op angst of depressie",
        "hoger_slechter",
        "gezondheid",
    ),
    "HeelVeelStressInAfgelopen4Weken": (
        "(Heel) veel stress in de afgelopen 4 weken",
        "hoger_slechter",
        "gezondheid",
    ),
    "MatigVeelRegieOverEigenLeven": (
        "Matig of veel regie over eigen leven",
        "hoger_beter",
        "welzijn",
    ),
    "Eenzaam": ("Eenzaam", "hoger_slechter", "welzijn"),
    "ErnstigZeerErnstigEenzaam": ("Ernstig of zeer ernstig eenzaam", "hoger_slechter", "welzijn"),
    "EmotioneelEenzaam": ("Emotioneel eenzaam", "hoger_slechter", "welzijn"),
    "SociaalEenzaam": ("Sociaal eenzaam", "hoger_slechter", "welzijn"),
    "Mantelzorger": ("Geeft mantelzorg", "neutraal", "welzijn"),
    "Vrijwilligerswerk": ("Doet vrijwilligerswerk", "hoger_beter", "welzijn"),
    "LopenEnOfFietsenNaarSchoolOfWerk": (
        "Loopt en/of fietst naar school of werk",
        "hoger_beter",
        "leefstijl",
    ),
    "LopenNaarSchoolOfWerk": ("Loopt naar school of werk", "hoger_beter", "leefstijl"),
    "FietsenNaarSchoolOfWerk": ("Fietst naar school of werk", "hoger_beter", "leefstijl"),
    "ErnstigeGeluidhinderDoorBuren": (
        "Ernstige geluidhinder door buren",
        "hoger_slechter",
        "welzijn",
    ),
    "MoeiteMetRondkomen": ("Moeite met rondkomen", "hoger_slechter", "sociaaleconomisch"),
}

# CBS keys whose meaning in a health profile is clear enough to carry a direction and theme.
KWB_CURATED: dict[str, tuple[str, str]] = {
    "AantalInwoners": ("bevolking", "neutraal"),
    "k_65JaarOfOuder": ("bevolking", "neutraal"),
    "Eenpersoonshuishoudens": ("huishoudens", "neutraal"),
    "HuishoudensTotaal": ("huishoudens", "neutraal"),
    "GemiddeldeHuishoudensgrootte": ("huishoudens", "neutraal"),
    "Bevolkingsdichtheid": ("bevolking", "neutraal"),
    "AfstandTotHuisartsenpraktijk": ("voorzieningen", "hoger_slechter"),
    "AfstandTotGroteSupermarkt": ("voorzieningen", "hoger_slechter"),
    "MateVanStedelijkheid": ("bevolking", "neutraal"),
    "WmoClientenRelatief": ("zorggebruik", "hoger_slechter"),
    "PercentageJongerenMetJeugdzorg": ("zorggebruik", "hoger_slechter"),
    "HuishoudensMetEenLaagInkomen": ("sociaaleconomisch", "hoger_slechter"),
    "HuishOnderOfRondSociaalMinimum": ("sociaaleconomisch", "hoger_slechter"),
    "PersonenInArmoede": ("sociaaleconomisch", "hoger_slechter"),
    "Nettoarbeidsparticipatie": ("sociaaleconomisch", "hoger_beter"),
    "HuurwoningenTotaal": ("wonen", "neutraal"),
    "InBezitWoningcorporatie": ("wonen", "neutraal"),
}

# Shares computed here from CBS counts (numerator, denominator); advisers compare shares, not counts.
DERIVED_SHARES: dict[str, tuple[str, str, str]] = {
    "aandeel_0_15": ("k_0Tot15Jaar", "AantalInwoners", "Aandeel 0 tot 15 jaar"),
    "aandeel_15_25": ("k_15Tot25Jaar", "AantalInwoners", "Aandeel 15 tot 25 jaar"),
    "aandeel_25_45": ("k_25Tot45Jaar", "AantalInwoners", "Aandeel 25 tot 45 jaar"),
    "aandeel_45_65": ("k_45Tot65Jaar", "AantalInwoners", "Aandeel 45 tot 65 jaar"),
    "aandeel_65_plus": ("k_65JaarOfOuder", "AantalInwoners", "Aandeel 65 jaar of ouder"),
    "aandeel_eenpersoonshuishoudens": (
        "Eenpersoonshuishoudens",
        "HuishoudensTotaal",
        "Aandeel eenpersoonshuishoudens",
    ),
    "aandeel_huishoudens_met_kinderen": (
        "HuishoudensMetKinderen",
        "HuishoudensTotaal",
        "Aandeel huishoudens met kinderen",
    ),
    "aandeel_vrouwen": ("Vrouwen", "AantalInwoners", "Aandeel vrouwen"),
    "aandeel_herkomst_nederland": ("Nederland", "AantalInwoners", "Herkomst Nederland"),
    "aandeel_herkomst_europa": (
        "EuropaExclusiefNederland",
        "AantalInwoners",
        "Herkomst Europa (exclusief Nederland)",
    ),
    "aandeel_herkomst_buiten_europa": ("BuitenEuropa", "AantalInwoners", "Herkomst buiten Europa"),
}
_WONEN_WEIGHT = re.compile(r"^(Percentage|Koopwoningen|Huurwoningen|InBezit|Bouwjaar|Onbewoonde)")


def _aggregation(key: str, unit: str, decimals: float | None) -> str:
    """How a kern is aggregated from its members: sum, weighted mean (with weight key) or not at all."""
    if key in ("Bevolkingsdichtheid", "MateVanStedelijkheid", "Omgevingsadressendichtheid"):
        return "herbereken"
    if key == "GemiddeldeHuishoudensgrootte":
        return "gewogen:HuishoudensTotaal"
    if unit in ("code", "naam", "omschrijving"):
        return "geen"
    if (unit == "aantal" and not decimals) or unit == "ha":  # areas add up
        return "som"
    if _WONEN_WEIGHT.match(key) or unit in ("kWh", "m³") or key.startswith("GemiddeldeWOZ"):
        return "gewogen:Woningvoorraad"
    return "gewogen:AantalInwoners"


def _kind(unit: str) -> str:
    if unit == "%":
        return "percentage"
    if unit == "aantal":
        return "aantal"
    return "gemiddelde"


def kwb_folders() -> list[tuple[Path, int, str]]:
    """Every KWB folder in data/raw as (folder, year, table id), newest last."""
    found = []
    for folder in raw_dir().glob("cbs-kwb-*"):
        match = re.match(r"cbs-kwb-(\d{4})-(\d+NED)", folder.name)
        if match:
            found.append((folder, int(match.group(1)), match.group(2)))
    return sorted(found, key=lambda t: t[1])


def meta_path(folder: Path, table: str) -> Path | None:
    """A fetched folder has kerncijfers_meta.csv; the shipped 2024 one has the API's JSON."""
    for candidate in (folder / "kerncijfers_meta.csv", folder / f"{table}_DataProperties.json"):
        if candidate.exists():
            return candidate
    return None


def _fetched_rivm_tables() -> list[str]:
    """Newer RIVM editions fetched with `wijktools data ophalen` (their years are added to the profile).

    Where an edition has 95 %-intervals the profile marks 'significant hoger/lager dan gemeente/Nederland'
    only when the area's whole interval lies above/below the comparator of the same year and table
    (profile/significance.py, docs/open-data.md).
    """
    out = []
    for info in sorted(raw_dir().glob("rivm-gezondheid-*/rivm_*_tabel.json")):
        meta = json.loads(info.read_text(encoding="utf-8"))
        margins = ", met 95 %-interval" if meta.get("marges") else ""
        out.append(f"{meta.get('tabel', '?')} (indeling {meta.get('indeling', '?')}{margins})")
    return out


# Bump when codebook() changes what it returns in a way the key below does not see.
CODEBOOK_SCHEMA = "codeboek-1"


def inputs() -> list[Path]:
    """What the codebook is built from: its code (curated labels, themes) and the metadata files."""
    found = [meta_path(folder, table) for folder, _, table in kwb_folders()]
    found += sorted(raw_dir().glob("rivm-gezondheid-*/rivm_*_tabel.json"))
    return [Path(__file__), Path(cbs_meta.__file__), *(path for path in found if path is not None)]


def cache_path() -> Path:
    """The built codebook in data/derived, keyed by its inputs and pandas (it is a pickled frame)."""
    import pandas as pd

    digest = hashlib.sha256(f"{CODEBOOK_SCHEMA}|{pd.__version__}".encode())
    paths = inputs()
    for code in paths[:2]:
        digest.update(hashlib.sha256(code.read_bytes()).digest())
    for path in paths[2:]:
        digest.update(f"|{path.parent.name}/{path.name}:{checksum(path)}".encode())
    return derived_dir() / f"codeboek-{digest.hexdigest()[:16]}.pickle"


@cache
def codebook() -> pd.DataFrame:
    """One row per (key, age_group): label, unit, source, table, theme, direction, kind, aggregation.

    Built from the metadata once and kept in data/derived (building costs 50 ms a process).
    """
    import pandas as pd

    path = cache_path()
    # Written only below, into the tool's own folder; an unreadable file is built again.
    unreadable = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError)
    with contextlib.suppress(*unreadable, ValueError, TypeError):
        frame = pickle.loads(path.read_bytes())
        if isinstance(frame, pd.DataFrame):
            return frame
    frame = _build()
    with contextlib.suppress(OSError):
        for old in path.parent.glob("codeboek-*.pickle"):
            old.unlink(missing_ok=True)
        write_bytes_atomic(path, pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
    return frame


def _build() -> pd.DataFrame:
    import pandas as pd

    rows: dict[tuple[str, str], dict[str, object]] = {}
    for folder, year, table in kwb_folders():
        path = meta_path(folder, table)
        if path is None:
            continue
        for meta in read_cbs_meta(path).itertuples():
            theme, direction = KWB_CURATED.get(meta.key, (_theme_of(meta.group), "neutraal"))
            entry = rows.setdefault(
                (meta.key, ""),
                {
                    "key": meta.key,
                    "age_group": "",
                    "label": meta.label,
                    "unit": meta.unit,
                    "decimals": meta.decimals,
                    "source": KWB_SOURCE,
                    "tables": [],
                    "theme": theme,
                    "direction": direction,
                    "kind": _kind(str(meta.unit)),
                    "aggregation": _aggregation(meta.key, str(meta.unit), meta.decimals),
                },
            )
            entry["tables"].append(f"{table} ({year})")
    for key, (num, den, label) in DERIVED_SHARES.items():
        theme = "huishoudens" if "huishoudens" in key else "bevolking"
        rows[(key, "")] = {
            "key": key,
            "age_group": "",
            "label": label,
            "unit": "%",
            "decimals": 1,
            "source": f"{KWB_SOURCE} (berekend: {num} / {den})",
            "tables": sorted({t for (k, _), r in rows.items() if k == num for t in r["tables"]}),
            "theme": theme,
            "direction": "neutraal",
            "kind": "percentage",
            "aggregation": "herbereken",
        }
    rivm_tables = ["50090NED (2012, 2016, 2020)", *_fetched_rivm_tables()]
    for key, (label, direction, theme) in RIVM_INDICATORS.items():
        for age in ("18+", "65+", "18-64"):
            rows[(key, age)] = {
                "key": key,
                "age_group": age,
                "label": f"{label} ({age.replace('18-64', '18-64 jaar').replace('+', ' jaar e.o.')})",
                "unit": "%",
                "decimals": 1,
                "source": RIVM_SOURCE,
                "tables": rivm_tables,
                "theme": theme,
                "direction": direction,
                "kind": "percentage",
                "aggregation": "gewogen:"
                + {"18+": "inwoners_18_plus", "65+": "k_65JaarOfOuder", "18-64": "inwoners_18_64"}[
                    age
                ],
            }
    frame = pd.DataFrame(list(rows.values()))
    frame["table"] = frame["tables"].map(lambda t: ", ".join(dict.fromkeys(t)))
    return frame.drop(columns="tables").set_index(["key", "age_group"], drop=False).sort_index()


def _theme_of(group: str) -> str:
    """Map a StatLine topic group title to the profile's themes."""
    g = group.lower()
    for word, theme in (
        ("bevolking", "bevolking"),
        ("leeftijd", "bevolking"),
        ("huishoud", "huishoudens"),
        ("wonen", "wonen"),
        ("woning", "wonen"),
        ("energie", "wonen"),
        ("inkomen", "sociaaleconomisch"),
        ("uitkering", "sociaaleconomisch"),
        ("arbeid", "sociaaleconomisch"),
        ("zorg", "zorggebruik"),
        ("voorzieningen", "voorzieningen"),
        ("nabijheid", "voorzieningen"),
        ("onderwijs", "onderwijs"),
    ):
        if word in g:
            return theme
    return "overig"
