"""Peer areas: the wijken of NL most like this one, so a kern is not only compared with its city."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np

from wijktools.nl import LEVEL_PLURALS
from wijktools.opendata import areas, comparison

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
    """Column name of comparison.wide(): `key`, or `key|age` for RIVM."""
    return f"{key}|{age_group}" if age_group else key


@cache
def matrix(level: str) -> comparison.Wide:
    """Newest value per indicator for every area of one level; cached in data/derived across processes."""
    return comparison.arrays(level)


def candidate_level(area: areas.Area) -> str | None:
    """Kernen are compared with wijken; gemeenten with gemeenten; NL with nothing."""
    if area.level == "kern":
        return "wijk"
    return area.level if area.level in _PLURAL else None


def find(area: areas.Area, own: dict[str, float], n: int = N_PEERS) -> Peers:
    """Pick the n most similar areas of the candidate level from the area's own latest values.

    `own` holds the area's newest value per column (`column(key, age)`), NaN included.
    """
    level = candidate_level(area)
    if level is None:
        return Peers(
            level="", method="Voor Nederland als geheel is geen vergelijkingsgroep gemaakt."
        )
    wide = matrix(level)
    features = [f for f in AGE_FEATURES if f in wide.column and f in own]
    skipped = []
    for f in OPTIONAL_FEATURES + SOCIAL_FEATURES:
        if f in own and f in wide.column and _coverage(wide, f) >= MIN_COVERAGE:
            features.append(f)
        elif f in SOCIAL_FEATURES:
            skipped.append(FEATURE_NAMES[f])
    if not features:
        return Peers(level=level, method="Geen leeftijdsopbouw bekend; geen vergelijkingsgroep.")
    # One row per feature (as pandas keeps a frame's float block): the sums add up in its order.
    x = wide.by_column[[wide.column[f] for f in features]]
    target = np.array([own[f] for f in features], dtype=float)
    if "Bevolkingsdichtheid" in features:  # density is skewed: compare orders of magnitude
        at = features.index("Bevolkingsdichtheid")
        x[at] = np.log1p(x[at])
        target[at] = np.log1p(target[at])
    overlap = sorted(overlapping(area, level))
    exclude = {area.code, *area.members, *overlap}
    inwoners = areas.values("inwoners", wide.codes)
    keep = np.array(
        [
            code not in exclude and (count or 0) >= MIN_INWONERS[level]
            for code, count in zip(wide.codes, inwoners, strict=True)
        ],
        dtype=bool,
    )
    x = x[:, keep]
    complete = ~np.isnan(x).any(axis=0)
    codes = [c for c, k in zip(wide.codes, keep, strict=True) if k]
    codes = [c for c, k in zip(codes, complete, strict=True) if k]
    logged = features.index("Bevolkingsdichtheid") if "Bevolkingsdichtheid" in features else None
    distance = distances(x[:, complete], target, logged)
    chosen = [codes[at] for at in np.argsort(distance, kind="stable")[:n]]
    names = areas.values("naam", chosen)
    gemeenten = areas.values("gemeentenaam", chosen)
    # a wijk or buurt is named with its gemeente; a gemeente by its own name ("Eemnes", not "Eemnes (Eemnes)")
    labels = [
        naam if level == "gemeente" else f"{naam} ({gemeente})"
        for naam, gemeente in zip(names, gemeenten, strict=True)
    ]
    rivm_columns = [at for name, at in wide.column.items() if "|" in name]
    rows = [wide.row[code] for code in chosen]
    with_rivm = int((~np.isnan(wide.by_column[np.ix_(rivm_columns, rows)])).any(axis=0).sum())
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


def distances(x: np.ndarray, target: np.ndarray, logged: int | None = None) -> np.ndarray:
    """Distance of each area (a column of `x`, one row per feature) to `target` in z-scores.

    `logged` is the row of the log-transformed density. The squares are added up as the pandas
    version of this added them (per float block: the features before and after the density, then
    the density; a feature the area lacks counts 0), so the distances are equal to the last bit and
    near-ties pick the same peers.
    """
    x = np.ascontiguousarray(x)
    count = x.shape[1]
    mean = x.sum(axis=1) / count
    std = np.sqrt(((mean[:, None] - x) ** 2).sum(axis=1) / count)
    std[std == 0] = 1
    squares = ((x - mean[:, None]) / std[:, None] - ((target - mean) / std)[:, None]) ** 2
    rows = list(range(len(x)))
    groups = [rows] if logged is None else [rows[:logged], rows[logged + 1 :], [logged]]
    total = np.zeros(count)
    for group in (g for g in groups if g):
        total = total + np.nansum(squares[group], axis=0)
    return total**0.5


def overlapping(area: areas.Area, level: str) -> set[str]:
    """Wijken of which the kern's member buurten hold at least OVERLAP_SHARE of the inhabitants."""
    if level != "wijk":
        return set()
    buurten = [m for m in area.members if m.upper().startswith("BU")]
    if not buurten:
        return set()
    inside: dict[str, float] = {}
    for code, value in zip(buurten, areas.values("inwoners", buurten), strict=True):
        wijk = "WK" + code.upper()[2:8]
        inside[wijk] = inside.get(wijk, 0.0) + (0.0 if value is None else float(value))
    totals = dict(zip(inside, areas.values("inwoners", list(inside)), strict=True))
    return {
        wijk
        for wijk, count in inside.items()
        if totals[wijk] is not None
        and totals[wijk] > 0
        and count / float(totals[wijk]) >= OVERLAP_SHARE
    }


def _coverage(wide: comparison.Wide, name: str) -> float:
    """Share of the level's areas that have a value in the column."""
    values = wide.by_column[wide.column[name]]
    return np.count_nonzero(~np.isnan(values)) / values.size


def values(peers: Peers) -> dict[str, float]:
    """Unweighted mean over the peers per indicator column (`key` or `key|age`); NaN: none has one."""
    if not peers.codes:
        return {}
    wide = matrix(peers.level)
    chosen = np.ascontiguousarray(wide.by_column[:, [wide.row[code] for code in peers.codes]])
    known = ~np.isnan(chosen)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(known, chosen, 0.0).sum(axis=1) / known.sum(axis=1)
    return dict(zip(wide.columns, means.tolist(), strict=True))
