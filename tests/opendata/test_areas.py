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


def _unknown(code: str) -> str:
    with pytest.raises(AreaNotFoundError) as caught:
        areas.lookup(code)
    return str(caught.value)


def test_unknown_code_suggests_codes_of_its_own_gemeente_only():
    # WK007400: Heerenveen (GM0074) has WK007409; before, look-alikes of other gemeenten came first.
    text = _unknown("WK007400")
    assert "Bedoelde u: WK007409 (Boarnsterhim)" in text
    assert "Gemeente Heerenveen (GM0074) heeft 7 wijken" in text
    assert "wijktools gebieden Heerenveen --soort wijk --max 0" in text
    suggested = [w for w in text.replace(";", " ").split() if w.startswith("WK")]
    assert suggested and all(code.startswith("WK0074") for code in suggested)


def test_unknown_code_of_a_gemeente_with_letter_codes_lists_no_look_alikes():
    # Amsterdam's codes carry letters: WK036301 resembles none of them, so nothing is guessed.
    text = _unknown("WK036301")
    assert "Bedoelde u" not in text
    assert "Gemeente Amsterdam (GM0363) heeft 110 wijken" in text
    buurt = _unknown("BU03630000")
    assert "buurten; zie ze met: wijktools gebieden Amsterdam --soort buurt --max 0" in buurt


def test_code_of_a_dissolved_gemeente_says_it_no_longer_exists():
    # Haaren (GM0788) was split over four gemeenten in 2021: its old codes are void, not mistyped.
    for code in ("GM0788", "WK078801"):
        text = _unknown(code)
        assert "De gemeente Haaren (GM0788) bestaat niet meer in de indeling van 2024" in text
        assert "Bedoelde u" not in text


def test_gemeente_with_a_space_is_quoted_in_the_command():
    assert 'wijktools gebieden "De Fryske Marren" --soort wijk' in _unknown("WK194099")


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
