"""A kern from its members: counts summed, shares recomputed, percentages weighted by the right group."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from wijktools.opendata.codebook import DERIVED_SHARES, codebook

if TYPE_CHECKING:
    import pandas as pd

# CBS classes of mate van stedelijkheid by omgevingsadressendichtheid (addresses per km²).
STEDELIJKHEID_BOUNDS = [(2500, 1), (1500, 2), (1000, 3), (500, 4)]

MIN_COVERAGE = 0.95


def aggregate(rows: pd.DataFrame, codes: list[str], weights: pd.DataFrame) -> pd.DataFrame:
    """Counts summed, percentages and means weighted by the population of the right group.

    One group per (key, age group, year, table); its members' values are laid out in the order of
    `codes` (NaN for a member without one) and summed in that order, as pandas sums a Series.
    """
    import pandas as pd

    rules = codebook()["aggregation"].to_dict()
    member = {code: at for at, code in enumerate(codes)}
    places = np.array([member.get(str(code), -1) for code in rows["code"]], dtype=np.intp)
    known = places >= 0  # a row of a code outside the kern has no place (pandas dropped it)
    numbers = rows["value"].to_numpy(dtype=float)
    columns = {name: weights[name].to_numpy(dtype=float) for name in weights.columns}
    out = []
    by = ["key", "age_group", "year", "table"]
    # The groups in pandas' own iteration order (`ngroup` numbers them so), each group's rows together.
    number = rows.groupby(by, observed=True, sort=True).ngroup().to_numpy()
    order = np.argsort(number, kind="stable")
    order = order[number[order] >= 0]  # -1: a row with a missing key is in no group
    if not len(order):
        return pd.DataFrame()
    starts = np.flatnonzero(np.r_[True, number[order][1:] != number[order][:-1]])
    labels = [rows[name].to_numpy() for name in by]
    for at in np.split(order, starts[1:]):
        key, age, year, table = (label[at[0]] for label in labels)
        rule = rules.get((key, age), "geen")
        values = np.full(len(codes), np.nan)
        at = at[known[at]]
        values[places[at]] = numbers[at]
        if rule == "som":
            value = values.sum() if not np.isnan(values).any() else np.nan
        elif rule.startswith("gewogen:"):
            w = columns.get(rule.split(":", 1)[1])
            if w is None:
                continue
            present = ~np.isnan(values) & ~np.isnan(w)
            total = np.nansum(w)
            part = w[present].sum()
            value = (
                float((values[present] * w[present]).sum() / part)
                if total > 0 and part / total >= MIN_COVERAGE
                else np.nan
            )
        else:
            continue
        out.append(
            {"key": key, "age_group": age, "year": int(year), "table": table, "value": value}
        )
    frame = pd.DataFrame(out)
    if frame.empty:
        return frame
    return _recompute(frame, rows, weights, codes)


def _recompute(
    frame: pd.DataFrame, rows: pd.DataFrame, weights: pd.DataFrame, codes: list[str]
) -> pd.DataFrame:
    """Density, stedelijkheid and shares are recomputed from the kern's summed parts."""
    import pandas as pd

    extra = []
    cbs = frame[frame["age_group"] == ""]
    for (year, table), group in cbs.groupby(["year", "table"]):
        vals = group.set_index("key")["value"]
        for key, (num, den, _) in DERIVED_SHARES.items():
            if num in vals and den in vals and vals[den]:
                extra.append((key, year, table, vals[num] / vals[den] * 100))
        member = rows[(rows["year"] == year) & (rows["table"] == table)]
        # Every member needs its land area, or the density would count people without their land.
        land = _of_every(member, "OppervlakteLand", codes)
        if "AantalInwoners" in vals and land.notna().all() and land.sum() > 0:
            extra.append(
                ("Bevolkingsdichtheid", year, table, vals["AantalInwoners"] / (land.sum() / 100))
            )
        oad = _of_every(member, "Omgevingsadressendichtheid", codes)
        w = weights["AantalInwoners"].reindex(oad.index)
        if oad.notna().all() and w.notna().all() and w.sum() > 0:
            density = float((oad * w).sum() / w.sum())
            extra.append(("Omgevingsadressendichtheid", year, table, density))
            extra.append(("MateVanStedelijkheid", year, table, stedelijkheid(density)))
    if extra:
        add = pd.DataFrame(extra, columns=["key", "year", "table", "value"]).assign(age_group="")
        frame = pd.concat([frame[~frame["key"].isin(add["key"]) | (frame["age_group"] != "")], add])
    return frame


def _of_every(member: pd.DataFrame, key: str, codes: list[str]) -> pd.Series:
    """One value per member code (NaN where a member has none), never only the members that have it."""
    values = member[member["key"] == key].drop_duplicates("code").set_index("code")["value"]
    return values.reindex(codes)


def incomplete(rows: pd.DataFrame, key: str, codes: list[str]) -> list[str]:
    """Members without a value for this key (in any year): they make a kern figure partial."""
    have = set(rows.loc[rows["key"] == key, "code"].astype(str))
    return [c for c in codes if c not in have]


def stedelijkheid(address_density: float) -> int:
    """CBS class 1 (zeer sterk stedelijk) .. 5 (niet stedelijk) from addresses per km²."""
    for bound, klass in STEDELIJKHEID_BOUNDS:
        if address_density >= bound:
            return klass
    return 5
