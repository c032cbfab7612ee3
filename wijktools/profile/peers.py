"""Peer areas: the wijken of NL most like this one, so a kern is not only compared with its city."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from wijktools.nl import LEVEL_PLURALS
from wijktools.opendata import areas, indicators

N_PEERS = 20
AGE_FEATURES = (
    "aandeel_0_15",
    "aandeel_15_25",
    "aandeel_25_45",
    "aandeel_45_65",
    "aandeel_65_plus",
)
OPTIONAL_FEATURES = ("MateVanStedelijkheid", "Bevolkingsdichtheid")
# Socio-economic make-up where the data has it: herkomst (KWB 2024, every area) and household
# composition (only in the fuller KWB downloads; used when most candidates have it too).
SOCIAL_FEATURES = (
    "aandeel_herkomst_nederland",
    "aandeel_herkomst_buiten_europa",
    "aandeel_eenpersoonshuishoudens",
    "aandeel_huishoudens_met_kinderen",
)
FEATURE_NAMES = {
    "MateVanStedelijkheid": "mate van stedelijkheid",
    "Bevolkingsdichtheid": "bevolkingsdichtheid",
    "aandeel_herkomst_nederland": "aandeel herkomst Nederland",
    "aandeel_herkomst_buiten_europa": "aandeel herkomst buiten Europa",
    "aandeel_eenpersoonshuishoudens": "aandeel eenpersoonshuishoudens",
    "aandeel_huishoudens_met_kinderen": "aandeel huishoudens met kinderen",
}
MIN_COVERAGE = 0.8  # an optional feature is used only when most candidates have it too
MIN_INWONERS = {"wijk": 500, "buurt": 200, "gemeente": 0}
OVERLAP_SHARE = (
    0.5  # a wijk with at least half its inhabitants in the kern's buurten is the kern itself
)

METHOD = (
    "Vergelijkbare gebieden: de {n} {level_plural} van Nederland die het meest lijken op dit gebied in "
    "leeftijdsopbouw (aandelen 0-15, 15-25, 25-45, 45-65 en 65+ jaar){extra}, gemeten als afstand tussen "
    "gestandaardiseerde kenmerken (z-scores, alle kenmerken even zwaar). {excluded} tellen niet "
    "mee.{skipped} "
    "Van deze {n} hebben er {rivm} RIVM-gezondheidscijfers; de vergelijkingswaarde is per indicator het "
    "ongewogen gemiddelde van de {level_plural} waarvoor een waarde bekend is."
)
_PLURAL = LEVEL_PLURALS


@dataclass
class Peers:
    """The chosen peers and how they were chosen (shown in the profile)."""

    level: str
    codes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    method: str = ""
    aantal_met_rivm: int = (
        0  # peers that have RIVM health figures (the real count behind RIVM means)
    )
    uitgesloten_overlap: list[str] = field(default_factory=list)  # wijken that largely are the kern


def column(key: str, age_group: str = "") -> str:
    """Column name of indicators.wide(): `key`, or `key|age` for RIVM."""
    return f"{key}|{age_group}" if age_group else key


@cache
def matrix(level: str) -> pd.DataFrame:
    """Newest value per indicator for every area of one level; cached in data/derived across processes."""
    return indicators.wide(level)


def candidate_level(area: areas.Area) -> str | None:
    """Kernen are compared with wijken; gemeenten with gemeenten; NL with nothing."""
    if area.level == "kern":
        return "wijk"
    return area.level if area.level in _PLURAL else None


def find(area: areas.Area, latest: pd.DataFrame, n: int = N_PEERS) -> Peers:
    """Pick the n most similar areas of the candidate level from the area's own latest values."""
    level = candidate_level(area)
    if level is None:
        return Peers(
            level="", method="Voor Nederland als geheel is geen vergelijkingsgroep gemaakt."
        )
    own = {
        column(str(k), str(a)): float(v)
        for k, a, v in zip(latest["key"], latest["age_group"], latest["value"], strict=True)
    }
    wide = matrix(level)
    features = [f for f in AGE_FEATURES if f in wide.columns and f in own]
    skipped = []
    for f in OPTIONAL_FEATURES + SOCIAL_FEATURES:
        if f in own and f in wide.columns and wide[f].notna().mean() >= MIN_COVERAGE:
            features.append(f)
        elif f in SOCIAL_FEATURES:
            skipped.append(FEATURE_NAMES[f])
    if not features:
        return Peers(level=level, method="Geen leeftijdsopbouw bekend; geen vergelijkingsgroep.")
    x = wide[features].astype(float)
    target = pd.Series({f: own[f] for f in features}, dtype=float)
    if "Bevolkingsdichtheid" in features:  # density is skewed: compare orders of magnitude
        x["Bevolkingsdichtheid"] = np.log1p(x["Bevolkingsdichtheid"])
        target["Bevolkingsdichtheid"] = np.log1p(target["Bevolkingsdichtheid"])
    inwoners = areas.table()["inwoners"].reindex(x.index).astype("Float64")
    overlap = sorted(overlapping(area, level))
    exclude = {area.code, *area.members, *overlap}
    keep = (~x.index.isin(list(exclude))) & (inwoners.fillna(0) >= MIN_INWONERS[level]).to_numpy()
    x = x[keep].dropna()
    mean, std = x.mean(), x.std(ddof=0).replace(0, 1)
    distance = (((x - mean) / std - (target - mean) / std) ** 2).sum(axis=1) ** 0.5
    chosen = distance.sort_values(kind="stable").head(n).index.tolist()
    names = areas.table().loc[chosen]
    # a wijk or buurt is named with its gemeente; a gemeente by its own name ("Eemnes", not "Eemnes (Eemnes)")
    labels = [
        r.naam if level == "gemeente" else f"{r.naam} ({r.gemeentenaam})"
        for r in names.itertuples()
    ]
    rivm_columns = [c for c in wide.columns if "|" in c]
    # The chosen rows first: taking the RIVM columns of every area first copied 2.5 MB.
    with_rivm = int(wide.loc[chosen][rivm_columns].notna().any(axis=1).sum()) if chosen else 0
    extra = "".join(
        f", {FEATURE_NAMES[f]}" for f in features if f in OPTIONAL_FEATURES + SOCIAL_FEATURES
    )
    excluded = ["Het gebied zelf", "de eigen onderdelen"]
    if overlap:
        excluded.append(
            f"de wijken die grotendeels (minstens {int(OVERLAP_SHARE * 100)} % van de inwoners) "
            f"binnen dit gebied liggen ({', '.join(overlap)})"
        )
    if MIN_INWONERS[level]:  # gemeenten have no floor: "minder dan 0 inwoners" would say nothing
        excluded.append(f"{_PLURAL[level]} met minder dan {MIN_INWONERS[level]} inwoners")
    method = METHOD.format(
        n=len(chosen),
        level_plural=_PLURAL[level],
        extra=extra,
        excluded=", ".join(excluded[:-1]) + " en " + excluded[-1],
        skipped=(
            f" Niet gebruikt omdat de meeste {_PLURAL[level]} ze niet hebben: {', '.join(skipped)}."
            if skipped
            else ""
        ),
        rivm=with_rivm,
    )
    return Peers(
        level=level,
        codes=chosen,
        names=labels,
        features=features,
        method=method,
        aantal_met_rivm=with_rivm,
        uitgesloten_overlap=overlap,
    )


def overlapping(area: areas.Area, level: str) -> set[str]:
    """Wijken of which the kern's member buurten hold at least OVERLAP_SHARE of the inhabitants."""
    if level != "wijk":
        return set()
    buurten = [m for m in area.members if m.upper().startswith("BU")]
    if not buurten:
        return set()
    inwoners = areas.table()["inwoners"]
    inside: dict[str, float] = {}
    for code in buurten:
        wijk = "WK" + code.upper()[2:8]
        value = inwoners.get(code)
        inside[wijk] = inside.get(wijk, 0.0) + (
            0.0 if value is None or pd.isna(value) else float(value)
        )
    out = set()
    for wijk, count in inside.items():
        total = inwoners.get(wijk)
        if (
            total is not None
            and not pd.isna(total)
            and total > 0
            and count / float(total) >= OVERLAP_SHARE
        ):
            out.add(wijk)
    return out


def values(peers: Peers) -> pd.Series:
    """Unweighted mean over the peers per indicator column (`key` or `key|age`)."""
    if not peers.codes:
        return pd.Series(dtype=float)
    return matrix(peers.level).loc[peers.codes].mean(skipna=True)
