"""Expected GP demand: rates from the shipped Nivel table, mapping to KWB bands, anchoring."""

import pandas as pd
import pytest

from tests.conftest import copy_fixture
from wijktools.errors import DataFileError, DataMissingError
from wijktools.paths import raw_dir
from wijktools.profile import demand
from wijktools.profile.cohort import KWB2024_FILE
from wijktools.profile.prognosis import PROGNOSE_FILE

# NL00 in KWB 2024 (data/raw/cbs-kwb-2024-85984NED): the five age counts.
NL_2024 = {
    "k_0Tot15Jaar": 2714040,
    "k_15Tot25Jaar": 2202159,
    "k_25Tot45Jaar": 4586399,
    "k_45Tot65Jaar": 4763116,
    "k_65JaarOfOuder": 3677228,
}


def test_rates_come_from_nivel_table_a():
    rates = demand.nivel_rates()
    assert rates["0-4 jaar"] == 3.5
    assert rates["18-44 jaar"] == 3.6
    assert rates["85 jaar en ouder"] == 13.3


def test_band_mapping_is_stated_and_within_the_source_rates():
    bands = {b.band: b for b in demand.band_rates()}
    assert list(bands) == ["0-15", "15-25", "25-45", "45-65", "65-80", "80+"]
    assert bands["25-45"].rate == 3.6 and bands["25-45"].nivel_bands == "18-44"
    assert bands["45-65"].rate == 4.4
    assert 2.3 < bands["0-15"].rate < 3.5
    assert 2.3 < bands["15-25"].rate < 3.6
    assert 6.0 < bands["65-80"].rate < 8.9
    assert 8.9 < bands["80+"].rate < 13.3
    assert all(b.nivel_bands for b in bands.values())


def test_national_estimate_matches_the_published_national_average():
    # Nivel table A: 4.4 contacts per registered patient in total (2017).
    result = demand.estimate(NL_2024, 2024)
    now = result.year(2024)
    assert now.inwoners == pytest.approx(17942942)
    assert now.contacten_per_inwoner == pytest.approx(4.4, abs=0.25)
    assert now.index == 100.0


def test_projection_ages_the_nation_and_keeps_the_method_visible():
    result = demand.estimate(NL_2024, 2024)
    assert [y.year for y in result.years] == [2024, 2030, 2040]
    assert result.year(2040).inwoners_65_plus > result.year(2030).inwoners_65_plus > 3677228
    assert result.year(2040).index > 100
    assert "cohortverschuiving" in result.method
    assert any("PBL" in limit for limit in result.limits)
    assert any("Nivel" in s and "2017" in s for s in result.sources)


def test_missing_age_group_gives_dutch_message():
    counts = dict(NL_2024)
    del counts["k_65JaarOfOuder"]
    with pytest.raises(DataMissingError, match="leeftijdsgroepen"):
        demand.estimate(counts, 2024)


# Fixtures: table A rows of data/raw/nivel-huisartscontacten (Nivel 2017), damaged as their names say.
def test_missing_column_names_file_and_column(tmp_path):
    path = copy_fixture("nivel_tabel_a_kolom_waarde_ontbreekt.csv", tmp_path)
    with pytest.raises(DataFileError) as err:
        demand.nivel_rates(path)
    assert err.value.column == "waarde" and path.name in str(err.value)
    assert "kolom 'waarde'" in str(err.value)


def test_bad_number_names_row_and_column(tmp_path):
    path = copy_fixture("nivel_tabel_a_getal_met_puntkomma.csv", tmp_path)
    with pytest.raises(DataFileError) as err:
        demand.nivel_rates(path)
    assert (err.value.row, err.value.column) == (4, "waarde")
    assert "'3;6' is geen getal" in str(err.value)


def test_empty_file_is_a_dutch_error(tmp_path):
    path = copy_fixture("nivel_leeg.csv", tmp_path)
    with pytest.raises(DataFileError, match="leeg"):
        demand.nivel_rates(path)


PROGNOSE = raw_dir() / PROGNOSE_FILE
KWB = raw_dir() / KWB2024_FILE


def _kwb_counts(code):
    """The age groups of one area as in the raw KWB 2024 file, keyed as demand.estimate reads them."""
    row = pd.read_csv(KWB).set_index("code").loc[code]
    return {
        "k_0Tot15Jaar": row["leeftijd_0_15"],
        "k_15Tot25Jaar": row["leeftijd_15_25"],
        "k_25Tot45Jaar": row["leeftijd_25_45"],
        "k_45Tot65Jaar": row["leeftijd_45_65"],
        "k_65JaarOfOuder": row["leeftijd_65_plus"],
    }


def _prognose_row(regio, variant):
    frame = pd.read_csv(PROGNOSE)
    row = frame[
        (frame["tabel"] == "85173NED") & (frame["regio"] == regio) & (frame["variant"] == variant)
    ]
    return float(row["totale_bevolking_x1000"].iloc[0]) * 1000


def test_nl_absolute_numbers_follow_the_pbl_cbs_prognosis_not_the_cohort_model():
    result = demand.estimate(NL_2024, 2024, (2030, 2040, 2050), "NL00")
    y2050 = result.year(2050)
    assert y2050.inwoners == pytest.approx(_prognose_row("Nederland", "Prognose"))
    assert y2050.inwoners_laag == pytest.approx(
        _prognose_row("Nederland", "Ondergrens 67%-prognose-interval")
    )
    assert y2050.inwoners_hoog == pytest.approx(
        _prognose_row("Nederland", "Bovengrens 67%-prognose-interval")
    )
    # the cohort shift alone (no migration) stays far below: it is never shown as a forecast
    assert y2050.inwoners_zonder_migratie < y2050.inwoners_laag
    assert result.prognose.tabel == "85173NED"
    assert any("85173NED" in s for s in result.sources)


def test_province_without_prognosis_shows_only_the_ageing_effect():
    # Rotterdam (GM0599) lies in Zuid-Holland: not in the shipped excerpt
    result = demand.estimate(NL_2024, 2024, gemeente_code="GM0599")
    assert result.prognose is None and "Zuid-Holland" in result.absoluut_reden
    assert all(y.inwoners is None and y.contacten is None for y in result.years)
    assert result.year(2040).vergrijzingsindex > 100


def test_high_turnover_is_flagged_with_a_range_and_ordinary_areas_are_not():
    counts = _kwb_counts("WK001400")  # Groningen Centrum: 45 % is 15-25 years old
    student = demand.estimate(counts, 2024, gemeente_code="GM0014")
    assert student.hoge_doorstroom
    y = student.year(2040)
    assert y.vergrijzingsindex_laag < y.vergrijzingsindex_hoog
    assert y.vergrijzingsindex == y.vergrijzingsindex_laag
    assert any("studentenwijken" in limit for limit in student.limits)
    nl = demand.estimate(NL_2024, 2024)
    assert not nl.hoge_doorstroom
    assert nl.year(2040).vergrijzingsindex_laag == nl.year(2040).vergrijzingsindex_hoog


def test_an_area_of_young_adults_does_not_age_in_place():
    """Nieuw Mathenesse (BU05991926, Rotterdam), KWB 2024: 1.555 of 2.410 inwoners are 25-45 (65 %,
    NL 26 %) and 5 are 65+. Ageing them in place made 'Zorgvraag per inwoner stijgt' (index 122)."""
    from wijktools.opendata import areas
    from wijktools.profile import build as profile

    counts = _kwb_counts("BU05991926")
    assert counts["k_25Tot45Jaar"] == 1555 and sum(counts.values()) == 2410
    young_adults = demand.estimate(counts, 2024, gemeente_code="GM0599")
    assert young_adults.hoge_doorstroom
    y = young_adults.year(2040)
    assert y.vergrijzingsindex == y.vergrijzingsindex_laag < y.vergrijzingsindex_hoog
    built = profile.build(areas.lookup("BU05991926"))
    assert "zorgvraag" not in [k.regel_id for k in built.knelpunten]
    # an ordinary village is not touched: Beerta (WK189503), 21 % 25-45
    village = _kwb_counts("WK189503")
    assert not demand.estimate(village, 2024, gemeente_code="GM1895").hoge_doorstroom


def test_now_row_shows_the_published_inwoners_not_the_sum_of_rounded_age_groups():
    # Beerta (Oldambt) = WK189503 + WK189504 in KWB 2024: CBS rounds each age group to 5, so the five
    # groups add up to 2.300 while the published total is 2.305. The room sees one number: the published one.
    from wijktools.figures.theme import fmt_number
    from wijktools.opendata import areas
    from wijktools.profile import build as profile
    from wijktools.render.profile_html import _demand_year

    rows = pd.read_csv(KWB).set_index("code").loc[["WK189503", "WK189504"]]
    groups = [f"leeftijd_{b}" for b in ("0_15", "15_25", "25_45", "45_65", "65_plus")]
    published = float(rows["aantal_inwoners"].sum())
    assert float(rows[groups].to_numpy().sum()) != published  # the situation this test is about
    share_65 = round(100 * float(rows["leeftijd_65_plus"].sum()) / published, 1)

    built = profile.build(areas.kern("Beerta", ["WK189503", "WK189504"]))
    now = built.zorgvraag.year(2024)
    assert now.inwoners == published == built.gebied["inwoners"]
    assert now.aandeel_65_plus == share_65
    key_65 = next(r for r in built.indicatoren if r.key == "aandeel_65_plus" and not r.age_group)
    assert round(key_65.value, 1) == share_65
    assert now.inwoners_65_plus == float(rows["leeftijd_65_plus"].sum())
    shown = _demand_year(now)
    assert shown["inwoners"] == fmt_number(published)
    assert shown["plus65"] == f"{fmt_number(share_65, 1)} %"


def test_estimate_grows_the_published_total_not_the_sum_of_groups():
    # Beerta (WK189503), KWB 2024: the groups add up to 2.185, CBS publishes 2.190 inwoners (Groningen
    # has a prognosis, so absolute numbers are shown).
    counts = _kwb_counts("WK189503")
    published = float(pd.read_csv(KWB).set_index("code").loc["WK189503", "aantal_inwoners"])
    assert sum(counts.values()) != published
    result = demand.estimate(counts, 2024, gemeente_code="GM1895", inwoners=published)
    assert result.year(2024).inwoners == published
    assert result.year(2024).aandeel_65_plus == round(
        100 * counts["k_65JaarOfOuder"] / published, 1
    )
    factor = result.prognose.factor(2040 - 2024)
    assert result.year(2040).inwoners == pytest.approx(published * factor, abs=0.05)
