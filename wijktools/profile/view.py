"""Notebook views of a Profile: Dutch tables of indicators, knelpunten and care demand."""

from __future__ import annotations

import pandas as pd

from wijktools.profile.build import Profile


def indicator_table(profile: Profile, age_groups: tuple[str, ...] = ("", "18+")) -> pd.DataFrame:
    """The indicators as a Dutch table for the notebook (gebied, gemeente, Nederland, vergelijkbaar)."""
    rows = [
        {
            "indicator": r.label,
            "jaar": r.year,
            "gebied": r.value,
            "gemeente": r.gemeente,
            "Nederland": r.nederland,
            "vergelijkbaar": r.peers,
            "tabel": r.table,
        }
        for r in profile.indicatoren
        if r.age_group in age_groups
    ]
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
                "inwoners": round(y.inwoners),
                "65+": round(y.inwoners_65_plus),
                "contacten per jaar": round(y.contacten),
                "per inwoner": y.contacten_per_inwoner,
                "index": y.index,
            }
            for y in profile.zorgvraag.years
        ]
    )
