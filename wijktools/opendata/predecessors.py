"""2020 values for a gemeente of 2024 that was not one gemeente in 2020, from the gemeenten it is made of.

Amsterdam took in Weesp and Purmerend Beemster (2022); Haaren was split over four gemeenten (2021); five
gemeenten are new since 2020. Their RIVM 2020 values are rebuilt as the weighted mean of the 2020
gemeenten on their land, weighted by the inhabitants of the age group (KWB 2024) in the 2024 wijken on
each one's land (see territory.composition and docs/gebiedskoppeling.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from wijktools.opendata import areas, territory
from wijktools.paths import derived_json, raw_dir

if TYPE_CHECKING:
    import pandas as pd

COUNTS = ["aantal_inwoners", "leeftijd_0_15", "leeftijd_15_25", "leeftijd_65_plus"]


def _group_counts() -> pd.DataFrame:
    """Inhabitants per wijk (KWB 2024) in the groups RIVM reports on: 18+, 65+, 18-64."""
    import pandas as pd

    frame = pd.read_csv(raw_dir() / areas.KWB2024_FILE, usecols=["code", *COUNTS])
    frame = frame.set_index(frame["code"].str.strip().str.upper())
    adults = frame["aantal_inwoners"] - frame["leeftijd_0_15"] - 0.3 * frame["leeftijd_15_25"]
    return pd.DataFrame(
        {
            "18+": adults,
            "65+": frame["leeftijd_65_plus"],
            "18-64": adults - frame["leeftijd_65_plus"],
        }
    )


@cache
def composed() -> frozenset[str]:
    """The gemeenten in `territory.composition`, without reading its RIVM names (a profile's check)."""
    return frozenset(
        "GM" + code[2:6]
        for code, part in zip(*territory.columns("code", "deel_2020"), strict=True)
        if part != ""
    )


@cache
def weights() -> dict[str, dict[str, dict[str, float]]]:
    """Per changed gemeente, per age group: the weight of each 2020 gemeente (sums to 1).

    The weight is the KWB 2024 number of inhabitants of that age group living in the 2024 wijken
    on the 2020 gemeente's land (wijken assigned by the 2016 and 2024 maps, see territory). Kept in
    data/derived, keyed by the KWB file and the verdict table: a profile reads no CSV.
    """
    inputs = [raw_dir() / areas.KWB2024_FILE, territory.cache_path(), Path(__file__)]
    out: dict[str, dict[str, dict[str, float]]] = {}
    # Stored as a list (JSON keeps no order): the ages and parts keep theirs.
    for gemeente, age, parts in derived_json("voorgangers", inputs, _weights):
        out.setdefault(gemeente, {})[age] = dict(parts)
    return out


def _weights() -> list[tuple[str, str, list[tuple[str, float]]]]:
    counts = _group_counts()
    out = []
    for gemeente, parts in territory.composition().items():
        sums = {code: counts.reindex(wijken).sum() for code, _, wijken in parts}
        for age in counts.columns:
            total = sum(float(v[age]) for v in sums.values())
            if total > 0:
                out.append(
                    (gemeente, age, [(code, float(v[age]) / total) for code, v in sums.items()])
                )
    return out


def rebuild(long: pd.DataFrame) -> pd.DataFrame:
    """2020 values for a gemeente of 2024 from the 2020 gemeenten it is made of, weighted."""
    import pandas as pd

    weights_ = weights()
    rows = []
    gemeenten = long[long["code"].str.startswith("GM")]
    for gemeente, by_age in weights_.items():
        for age, parts in by_age.items():
            sub = gemeenten[gemeenten["code"].isin(parts) & (gemeenten["age_group"] == age)]
            for (key, year), group in sub.groupby(["key", "jaar"]):
                values = group.set_index("code")["value"]
                if not set(parts) <= set(values.index):
                    continue  # a part without the value: no rebuilt value (the reason is stated)
                value = sum(values[code] * w for code, w in parts.items())
                rows.append(
                    {"code": gemeente, "key": key, "age_group": age, "jaar": year, "value": value}
                )
    return pd.DataFrame(rows, columns=["code", "key", "age_group", "jaar", "value"])
