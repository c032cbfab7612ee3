"""Notebook views of a Profile: Dutch tables of indicators, knelpunten and care demand."""

from __future__ import annotations

import pandas as pd

from wijktools.profile import significance
from wijktools.profile.build import Profile
from wijktools.profile.model import PEERS

# The notebook's column per comparison (Profile.comparisons decides which there are).
_COLUMNS = {"gemeente": "gemeente", "nederland": "Nederland", PEERS: "vergelijkbaar"}


def indicator_table(profile: Profile, age_groups: tuple[str, ...] = ("", "18+")) -> pd.DataFrame:
    """The indicators as a Dutch table for the notebook: the area beside what it is compared with.

    A gemeente has no gemeente column (it would repeat itself) and Nederland has no comparison
    columns at all: the same columns as the profile page (Profile.comparisons).
    """
    shown = [c.key for c in profile.comparisons]
    rows = [
        {
            "indicator": r.label,
            "jaar": r.year,
            "gebied": r.value,
            **{_COLUMNS[key]: getattr(r, key) for key in shown},
            "tabel": r.table,
        }
        for r in profile.indicatoren
        if r.age_group in age_groups
    ]
    if any(r.ondergrens is not None for r in profile.indicatoren):  # only with 95 %-intervals
        shown = [r for r in profile.indicatoren if r.age_group in age_groups]
        for row, r in zip(rows, shown, strict=True):
            row["significant"] = significance.marks_text(
                r.significant_gemeente, r.significant_nederland
            )
    return pd.DataFrame(rows).round(1)


def knelpunten_table(profile: Profile) -> pd.DataFrame:
    """Draft knelpunten with their rule and threshold, for discussion."""
    columns = ["knelpunt", "cijfers", "regel", "drempel"]
    rows = [[k.titel, k.tekst, k.regel, k.drempel] for k in profile.knelpunten]
    return pd.DataFrame(rows, columns=columns)


def demand_table(profile: Profile) -> pd.DataFrame:
    """Expected GP contacts now, 2030 and 2040."""
    if profile.zorgvraag is None:
        return pd.DataFrame()
    return pd.DataFrame(
        [
            {
                "jaar": y.year,
                "inwoners": None if y.inwoners is None else round(y.inwoners),
                "65+": None if y.inwoners_65_plus is None else round(y.inwoners_65_plus),
                "contacten per jaar": None if y.contacten is None else round(y.contacten),
                "per inwoner": y.contacten_per_inwoner,
                "index": y.index,
                "vergrijzingsindex": y.vergrijzingsindex,
                "vergrijzingsindex laag": y.vergrijzingsindex_laag,
                "vergrijzingsindex hoog": y.vergrijzingsindex_hoog,
            }
            for y in profile.zorgvraag.years
        ]
    )
