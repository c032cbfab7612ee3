"""The PBL/CBS prognosis anchor: a province's 2024 base is the sum of its gemeenten, its 2050 total as published."""

import pandas as pd

from wijktools.paths import raw_dir
from wijktools.profile import cohort, prognosis

KWB = raw_dir() / cohort.KWB2024_FILE


def _gelderland_2050():
    frame = pd.read_csv(raw_dir() / prognosis.PROGNOSE_FILE)
    row = frame[
        (frame["tabel"] == "85173NED")
        & (frame["regio"] == "Gelderland (PV)")
        & (frame["variant"] == "Prognose")
    ]
    return float(row["totale_bevolking_x1000"].iloc[0]) * 1000


def test_provincial_anchor_uses_the_sum_of_its_gemeenten_in_kwb_2024():
    provinces = pd.read_csv(raw_dir() / prognosis.PROVINCIE_FILE)
    gelderland = set(provinces.loc[provinces["provincienaam"] == "Gelderland", "gm_code"])
    kwb = pd.read_csv(KWB)
    base = kwb.loc[kwb["code"].isin(gelderland), "aantal_inwoners"].sum()
    prognose, reason = prognosis.prognose_for("GM0262")  # Lochem
    assert reason == "" and prognose.regio == "provincie Gelderland"
    assert prognose.basis_2024 == base
    assert prognose.prognose_2050 == _gelderland_2050()
