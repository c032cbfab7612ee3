"""The age structure moving forward: cohort shift and deaths per band checked against the shipped CBS files."""

import itertools

import pandas as pd
import pytest

from wijktools.paths import raw_dir
from wijktools.profile import cohort

KWB = raw_dir() / cohort.KWB2024_FILE


def test_project_zero_years_is_identity():
    bands = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert list(cohort.project(bands, 0)) == bands


def test_deaths_fall_in_every_band_and_match_the_observed_outflow_from_65_plus():
    q = cohort.mortality()
    assert all(a < b for a, b in itertools.pairwise(q))  # rising with age
    assert q[0] > 0 and q[4] > 0.01  # not all deaths booked on 80+
    kwb = pd.read_csv(KWB, nrows=1).iloc[0]
    ages = pd.read_csv(raw_dir() / cohort.NL_AGES_FILE).set_index("leeftijdsgroep")["aantal"]
    old_2025 = ages["65 tot 80 jaar"] + ages["80 jaar of ouder"]
    outflow = kwb["leeftijd_45_65"] / 20 - (old_2025 - kwb["leeftijd_65_plus"])
    booked = q[4] * ages["65 tot 80 jaar"] + q[5] * ages["80 jaar of ouder"]
    assert booked == pytest.approx(outflow)
