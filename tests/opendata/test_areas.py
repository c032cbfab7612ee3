import pandas as pd
import pytest

from wijktools.errors import AreaNotFoundError, ValidationError
from wijktools.opendata import areas


def test_division_2024_counts_match_cbs():
    counts = areas.table()["soort"].value_counts()
    assert counts["gemeente"] == 342
    assert counts["wijk"] == 3393
    assert counts["buurt"] >= 14574  # plus a few newer Frisian buurten from KWB 2025


def test_lookup_by_code_and_by_name():
    lochem = areas.lookup("gm0262")
    assert (lochem.name, lochem.inwoners, lochem.level) == ("Lochem", 34289, "gemeente")
    assert areas.lookup("Lochem kern").code == "WK026200"
    joure = areas.lookup("WK194019")
    assert joure.gemeente_name == "De Fryske Marren"


def test_unknown_name_suggests_closest():
    with pytest.raises(AreaNotFoundError, match=r"Bedoelde u: Wijk 00 Lochem kern \(WK026200"):
        areas.lookup("Lochem kren")


def test_ambiguous_name_asks_for_code():
    with pytest.raises(AreaNotFoundError, match="Gebruik de CBS-code"):
        areas.lookup("Centrum")


def test_unknown_code_names_the_command_to_search():
    with pytest.raises(AreaNotFoundError, match="wijktools gebieden"):
        areas.lookup("WK999999")


def test_kern_sums_inhabitants_and_refuses_overlap():
    kern = areas.kern("Lochem", ["WK026200", "WK026201"])
    assert kern.inwoners == 12500 + areas.lookup("WK026201").inwoners
    assert kern.gemeente_code == "GM0262"
    with pytest.raises(ValidationError, match="dubbel tellen"):
        areas.kern("Dubbel", ["WK026200", "BU02620000"])
    with pytest.raises(ValidationError, match="meer dan één gemeente"):
        areas.kern("Twee", ["WK026200", "WK194019"])


def test_cached_area_list_equals_the_list_parsed_from_the_csvs():
    from wijktools.opendata import areas as areas_mod

    areas_mod.table()  # builds the data/derived copy when it is not there yet
    areas_mod.table.cache_clear()
    try:
        cached = areas_mod.table()
        pd.testing.assert_frame_equal(cached, areas_mod._build_table())
        # as in data/raw: 2024,WK026200,Wijk 00 Lochem kern,Lochem,Wijk,1.0,12500
        assert cached.loc["WK026200", "naam"] == "Wijk 00 Lochem kern"
        assert cached.loc["WK026200", "inwoners"] == 12500
    finally:
        areas_mod.table.cache_clear()


def test_search_lists_gemeente_and_wijken_before_buurten():
    # Zwolle (GM0193) has 16 wijken and more than 50 buurten in KWB 2024: the first 50 rows
    # that `wijktools gebieden zwolle` shows must hold the gemeente and every wijk.
    found = areas.search("zwolle")
    first = found.head(50)
    assert first.iloc[0]["code"] == "GM0193"
    wijken = found[found["soort"] == "wijk"]["code"].tolist()
    assert len(wijken) == 16 and set(wijken) <= set(first["code"])
    assert wijken == sorted(wijken) and "WK019313" in wijken
