import os

import numpy as np
import pandas as pd
import pytest

from wijktools.opendata import areas, comparison, indicators, sources, territory
from wijktools.opendata.codebook import codebook


def test_figures_match_the_source():
    lochem = areas.lookup("GM0262")
    assert indicators.value(lochem, "AantalInwoners") == 34289
    assert indicators.value(lochem, "k_65JaarOfOuder") == 10232
    assert indicators.value(areas.nederland(), "Eenzaam", "18+", 2020) == pytest.approx(47.0)
    wijk = areas.lookup("WK026200")
    assert indicators.value(wijk, "Eenzaam", "18+", 2020) == pytest.approx(45.6)
    assert indicators.value(wijk, "ErvarenGezondheidGoedZeerGoed", "18+", 2020) == pytest.approx(
        79.1
    )


def test_tidy_table_has_source_table_and_year():
    rows = indicators.for_area(areas.lookup("WK026200"))
    assert list(rows.columns) == sources.COLUMNS
    eenzaam = rows[(rows["key"] == "Eenzaam") & (rows["age_group"] == "18+")]
    assert sorted(eenzaam["year"]) == [2012, 2016, 2020]
    assert set(eenzaam["table"]) == {"50090NED"}


def test_frisian_wijk_uses_every_kwb2025_column():
    joure = areas.lookup("WK194019")
    assert indicators.value(joure, "AfstandTotHuisartsenpraktijk") == pytest.approx(1.2)
    assert indicators.value(joure, "MateVanStedelijkheid") == 3
    assert indicators.value(joure, "HuishoudensTotaal") == 6005


def test_kern_weights_percentages_by_the_right_age_group():
    members = [areas.lookup("WK026200"), areas.lookup("WK026201")]
    kern = areas.kern("Lochem", [m.code for m in members])
    inw = kern.inwoners
    assert indicators.value(kern, "AantalInwoners") == inw
    p65 = [indicators.value(m, "Eenzaam", "65+", 2020) for m in members]
    n65 = [indicators.value(m, "k_65JaarOfOuder") for m in members]
    expected = (p65[0] * n65[0] + p65[1] * n65[1]) / (n65[0] + n65[1])
    assert indicators.value(kern, "Eenzaam", "65+", 2020) == pytest.approx(expected)
    share = indicators.value(kern, "aandeel_65_plus")
    assert share == pytest.approx(sum(n65) / inw * 100)
    assert share != pytest.approx(sum(indicators.value(m, "aandeel_65_plus") for m in members) / 2)


def test_changed_codes_are_missing_not_joined():
    # A 2024 wijk code that the RIVM 2020 division does not have.
    rivm_codes = set(territory.rivm_regions().index)
    table = areas.table()
    new_wijken = [c for c in table.index[table["soort"] == "wijk"] if c not in rivm_codes]
    assert new_wijken, "KWB 2024 has wijken that RIVM 2020 does not know"
    area = areas.lookup(new_wijken[0])
    assert indicators.value(area, "Eenzaam", "18+", 2020) is None
    assert "indeling" in indicators.missing_reason(area, "Eenzaam", "18+")


def test_codebook_labels_units_and_direction():
    book = codebook()
    row = book.loc[("Eenzaam", "18+")]
    assert row["label"].startswith("Eenzaam") and row["unit"] == "%"
    assert row["direction"] == "hoger_slechter"
    assert "50090NED" in row["table"]
    afstand = book.loc[("AfstandTotHuisartsenpraktijk", "")]
    assert afstand["unit"] == "km" and afstand["direction"] == "hoger_slechter"


def test_the_stored_codebook_is_the_one_the_metadata_gives(tmp_path, monkeypatch):
    from wijktools.opendata import codebook as codebook_module

    codebook()  # stored in data/derived by this or an earlier run
    stored = list(codebook_module.derived_dir().glob("codeboek-*.pickle"))
    assert [p.name for p in stored] == [codebook_module.cache_path().name]
    codebook.cache_clear()
    try:
        pd.testing.assert_frame_equal(codebook(), codebook_module._build(), check_exact=True)
    finally:
        codebook.cache_clear()


def test_a_new_rivm_edition_gives_a_new_stored_codebook(tmp_path, monkeypatch):
    # The codebook names the fetched editions' tables: their description is part of its key.
    import shutil

    from wijktools import paths
    from wijktools.opendata import codebook as codebook_module

    before = codebook_module.cache_path().name
    raw = tmp_path / "data" / "raw"
    shutil.copytree(paths.raw_dir(), raw)
    monkeypatch.setattr(codebook_module, "raw_dir", lambda: raw)
    monkeypatch.setattr(codebook_module, "derived_dir", lambda: tmp_path / "data" / "derived")
    assert codebook_module.cache_path().name == before  # same content, same codebook
    edition = raw / "rivm-gezondheid-99999NED"
    edition.mkdir()
    (edition / "rivm_99999NED_tabel.json").write_text(
        '{"tabel": "99999NED", "indeling": 2024, "marges": true}', encoding="utf-8"
    )
    assert codebook_module.cache_path().name != before


def test_a_copy_of_the_raw_data_with_new_file_times_reuses_the_derived_cache(tmp_path, monkeypatch):
    import shutil

    from wijktools import paths
    from wijktools.opendata import sources

    here = sources.fingerprint()
    shutil.copytree(paths.raw_dir(), tmp_path / "data" / "raw")  # copy2: new inodes; then new times
    for path in (tmp_path / "data" / "raw").rglob("*"):
        if path.is_file():
            os.utime(path, (1_700_000_000, 1_700_000_000))
    monkeypatch.setenv("WIJKTOOLS_HOME", str(tmp_path))
    monkeypatch.setattr(paths, "_CHECKSUMS", {})
    assert sources.fingerprint() == here


@pytest.mark.parametrize(
    "code", ["WK026200", "GM0262", "NL00", "BU02620000", "WK194019", "WK999999"]
)
def test_one_area_read_from_the_cache_equals_its_rows_in_the_whole_table(code):
    whole = indicators.load()
    if code in whole.index:
        expected = whole.loc[[code]].reset_index(drop=True)
    else:
        expected = whole.iloc[0:0].reset_index(drop=True)
    pd.testing.assert_frame_equal(indicators._read_code(code), expected)
    assert (code in whole.index) == (not expected.empty)


def test_cached_comparison_table_equals_a_fresh_pivot():
    fresh = comparison._pivot("gemeente", 2020)
    cached = comparison.wide("gemeente", 2020)
    assert list(cached.columns) == [str(c) for c in fresh.columns]
    assert list(cached.index) == [str(c) for c in fresh.index]
    np.testing.assert_array_equal(cached.to_numpy(), fresh.to_numpy())
