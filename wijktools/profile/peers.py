"""Peer areas: the wijken of NL most like this one, so a kern is not only compared with its city."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from wijktools.opendata import areas, indicators
from wijktools.paths import atomic_write, derived_dir

N_PEERS = 20
AGE_FEATURES = (
    "aandeel_0_15",
    "aandeel_15_25",
    "aandeel_25_45",
    "aandeel_45_65",
    "aandeel_65_plus",
)
OPTIONAL_FEATURES = ("MateVanStedelijkheid", "Bevolkingsdichtheid")
MIN_COVERAGE = 0.8  # an optional feature is used only when most candidates have it too
MIN_INWONERS = {"wijk": 500, "buurt": 200, "gemeente": 0}

METHOD = (
    "Vergelijkbare gebieden: de {n} {level_plural} van Nederland met de meest gelijke leeftijdsopbouw "
    "(aandelen 0-15, 15-25, 25-45, 45-65 en 65+ jaar{extra}), gemeten als afstand tussen gestandaardiseerde "
    "kenmerken (z-scores). Het gebied zelf, de eigen onderdelen en {level_plural} met minder dan "
    "{min_inw} inwoners tellen niet mee. De vergelijkingswaarde is het ongewogen gemiddelde van deze "
    "{level_plural}, per indicator over de gebieden waarvoor een waarde bekend is."
)
_PLURAL = {"wijk": "wijken", "buurt": "buurten", "gemeente": "gemeenten"}


@dataclass
class Peers:
    """The chosen peers and how they were chosen (shown in the profile)."""

    level: str
    codes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    method: str = ""


def column(key: str, age_group: str = "") -> str:
    """Column name of indicators.wide(): `key`, or `key|age` for RIVM."""
    return f"{key}|{age_group}" if age_group else key


@cache
def matrix(level: str) -> pd.DataFrame:
    """Newest value per indicator for every area of one level; cached in data/derived across processes."""
    path = derived_dir() / f"vergelijk-{level}-{indicators.fingerprint()}.parquet"
    if path.exists():
        return pd.read_parquet(path)
    frame = indicators.wide(level)
    frame.columns = [str(c) for c in frame.columns]
    frame.index = frame.index.astype(str)
    for old in derived_dir().glob(f"vergelijk-{level}-*.parquet"):
        old.unlink(missing_ok=True)
    with atomic_write(path, "wb") as handle:
        frame.to_parquet(handle)
    return frame


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
    for f in OPTIONAL_FEATURES:
        if f in own and f in wide.columns and wide[f].notna().mean() >= MIN_COVERAGE:
            features.append(f)
    if not features:
        return Peers(level=level, method="Geen leeftijdsopbouw bekend; geen vergelijkingsgroep.")
    x = wide[features].astype(float)
    target = pd.Series({f: own[f] for f in features}, dtype=float)
    if "Bevolkingsdichtheid" in features:  # density is skewed: compare orders of magnitude
        x["Bevolkingsdichtheid"] = np.log1p(x["Bevolkingsdichtheid"])
        target["Bevolkingsdichtheid"] = np.log1p(target["Bevolkingsdichtheid"])
    inwoners = areas.table()["inwoners"].reindex(x.index).astype("Float64")
    exclude = {area.code, *area.members}
    keep = (~x.index.isin(list(exclude))) & (inwoners.fillna(0) >= MIN_INWONERS[level]).to_numpy()
    x = x[keep].dropna()
    mean, std = x.mean(), x.std(ddof=0).replace(0, 1)
    distance = (((x - mean) / std - (target - mean) / std) ** 2).sum(axis=1) ** 0.5
    chosen = distance.sort_values(kind="stable").head(n).index.tolist()
    names = areas.table().loc[chosen]
    labels = [f"{r.naam} ({r.gemeentenaam})" for r in names.itertuples()]
    extra = "".join(
        {
            "MateVanStedelijkheid": ", mate van stedelijkheid",
            "Bevolkingsdichtheid": ", bevolkingsdichtheid",
        }[f]
        for f in features
        if f in OPTIONAL_FEATURES
    )
    method = METHOD.format(
        n=len(chosen), level_plural=_PLURAL[level], extra=extra, min_inw=MIN_INWONERS[level]
    )
    return Peers(level=level, codes=chosen, names=labels, features=features, method=method)


def values(peers: Peers) -> pd.Series:
    """Unweighted mean over the peers per indicator column (`key` or `key|age`)."""
    if not peers.codes:
        return pd.Series(dtype=float)
    return matrix(peers.level).loc[peers.codes].mean(skipna=True)
