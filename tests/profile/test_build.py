"""The profile against the source figures: KWB 2024/2025, RIVM 50090NED, kernen, peers, knelpunten."""

import json

import pandas as pd
import pytest

from wijktools.demo import run as demo_run
from wijktools.opendata import areas
from wijktools.profile import build as profile
from wijktools.profile.model import to_json


@pytest.fixture(scope="module")
def lochem():
    return profile.build("WK026200")


@pytest.fixture(scope="module")
def joure():
    return profile.build("WK194019")


def test_gemeente_inwoners_from_kwb_2024():
    p = profile.build("GM0262")
    row = p.row("AantalInwoners")
    assert row.value == 34289 and row.year == 2024 and row.table == "85984NED"
    assert p.gemeente is None  # a gemeente is not compared with itself


def test_rivm_values_and_comparisons(lochem):
    row = lochem.row("Eenzaam", "18+")
    assert row.value == pytest.approx(45.6)
    assert row.nederland == pytest.approx(47.0)
    assert row.gemeente == pytest.approx(42.9)
    assert row.year == 2020 and row.table == "50090NED"
    assert row.trend == {2012: 35.5, 2016: 39.8, 2020: 45.6}
    assert row.trend_nl[2020] == pytest.approx(47.0)
    assert row.direction == "hoger_slechter"


def test_frisian_wijk_uses_kwb_2025_columns(joure):
    assert joure.gebied["naam"] == "Wijk 19 Joure"
    households = joure.row("HuishoudensTotaal")
    assert households.value == 6005 and households.year == 2025 and households.table == "86165NED"
    assert joure.row("AfstandTotHuisartsenpraktijk").value == pytest.approx(1.2)
    assert joure.row("AantalInwoners").value == 13045  # newest year wins
    assert joure.zorgvraag.base_year == 2025


def test_nijmegen_wijk_builds():
    p = profile.build("WK026801")
    assert p.gebied["gemeentenaam"] == "Nijmegen"
    assert p.row("AantalInwoners").value == 12705
    assert p.row("Eenzaam", "18+") is not None or any(m.key == "Eenzaam" for m in p.ontbreekt)


def test_kern_sums_counts_and_weights_percentages_by_the_right_age_group():
    a, b = profile.build("WK026200"), profile.build("WK026201")
    kern = profile.build(areas.kern("Lochem stad en buitengebied", ["WK026200", "WK026201"]))
    inw = [p.row("AantalInwoners").value for p in (a, b)]
    assert kern.row("AantalInwoners").value == sum(inw)
    old = [p.row("k_65JaarOfOuder").value for p in (a, b)]
    lonely = [p.row("Eenzaam", "65+").value for p in (a, b)]
    expected = (lonely[0] * old[0] + lonely[1] * old[1]) / sum(old)
    assert kern.row("Eenzaam", "65+").value == pytest.approx(expected)
    assert kern.row("Eenzaam", "65+").value != pytest.approx(sum(lonely) / 2)
    assert kern.gebied["leden"] == ["WK026200", "WK026201"]
    assert any("gewogen" in note for note in kern.opmerkingen)


def test_draft_knelpunt_shows_rule_threshold_and_figures(lochem):
    ageing = next(k for k in lochem.knelpunten if k.key == "aandeel_65_plus")
    assert ageing.tekst.startswith(
        "Aandeel 65 jaar of ouder 31 % (2024): hoort bij de 6 % van de wijken"
    )
    assert "gemeente 30 %, landelijk 20 %" in ageing.tekst
    assert "10 % hoogste wijken" in ageing.drempel and "procentpunt" in ageing.drempel
    assert ageing.regel and ageing.regel_id == "vergrijzing" and ageing.vergelijking == "wijken"


def test_missing_indicators_carry_a_reason(lochem):
    reasons = {m.key: m.reden for m in lochem.ontbreekt}
    assert "data ophalen" in reasons["HuishoudensTotaal"]
    assert "75+" in reasons["aandeel_75_plus"]


def test_peers_are_twenty_other_wijken_with_documented_method(lochem):
    peers = lochem.vergelijkbaar
    assert len(peers.codes) == 20 and "WK026200" not in peers.codes
    assert all(c.startswith("WK") for c in peers.codes)
    assert "leeftijdsopbouw" in peers.method
    assert lochem.row("Eenzaam", "18+").peers is not None
    assert "wijken met minder dan 500 inwoners tellen niet mee" in peers.method
    assert all(name.endswith("(" + name.split(" (")[-1]) for name in peers.names)  # wijk (gemeente)


def test_gemeente_peers_are_named_once_and_no_empty_floor_is_stated():
    """Rozendaal: 'Eemnes (Eemnes)' named a gemeente twice; 'minder dan 0 inwoners' excluded nothing."""
    peers = profile.build("GM0277").vergelijkbaar
    assert peers.codes and all(c.startswith("GM") for c in peers.codes)
    assert not any("(" in name for name in peers.names), peers.names
    assert "minder dan 0" not in peers.method
    assert "Het gebied zelf en de eigen onderdelen tellen niet mee." in peers.method


def test_json_has_every_indicator_field(lochem):
    data = json.loads(to_json(lochem))
    row = next(r for r in data["indicatoren"] if r["key"] == "Eenzaam" and r["age_group"] == "18+")
    for field in (
        "key",
        "label",
        "unit",
        "year",
        "table",
        "value",
        "gemeente",
        "nederland",
        "peers",
    ):
        assert field in row
    assert data["zorgvraag"]["years"][0]["year"] == 2024
    assert any("CC BY 4.0" in s for s in data["bronnen"])


class _Survey:
    def to_dict(self):
        return {"respondenten": 12}

    def knelpunten(self):
        return [
            {
                "titel": "Wachttijd",
                "tekst": "Lange wachttijd POH-GGZ",
                "regel": "enquête",
                "drempel": "-",
            }
        ]


def test_survey_section_is_optional_and_stored():
    p = profile.build("WK026200", survey=_Survey())
    assert p.enquete == {"respondenten": 12}
    assert any(k.herkomst == "enquête" for k in p.knelpunten)


def test_demo_writes_both_demo_areas(tmp_path):
    written = demo_run.profiles(tmp_path)
    assert {p.name for p in written} == {"wijkprofiel.html", "profiel.json"}
    assert len(written) == 4
    assert {p.parent.name for p in written} == {"wijk-19-joure", "wijk-00-lochem-kern"}


def test_amsterdam_code_with_letters_and_changed_division():
    p = profile.build("wk0363km")  # Rijnbuurt; Amsterdam wijk codes carry letters
    assert p.gebied["naam"] == "Rijnbuurt"
    assert p.row("AantalInwoners").value == 8950
    reasons = {m.reden for m in p.ontbreekt}
    assert any("RIVM-indeling van 2020" in r for r in reasons)


def test_notebook_parameters_choose_an_area_or_a_kern():
    assert profile.choose_area("WK026200").code == "WK026200"
    kern = profile.choose_area("WK026200", "Lochem", "WK026200, WK026201")
    assert kern.level == "kern" and kern.members == ("WK026200", "WK026201")
    assert profile.survey_from("") is None


def test_real_survey_result_adds_section_and_knelpunten():
    from wijktools import survey
    from wijktools.render.profile_html import render_profile

    result = survey.load(*survey.demo_paths())  # fictional example export (FICTIEF)
    p = profile.build("WK194019", survey=result)
    assert p.enquete["aantal_respondenten"] == result.n
    from_survey = [k for k in p.knelpunten if k.herkomst == "enquête"]
    assert from_survey and all(k.tekst for k in from_survey)
    assert '<section class="enquete"' in render_profile(p, with_figures=False)
    assert "survey" not in json.loads(to_json(p))


def test_sources_cite_the_table_of_every_comparison_value():
    p = profile.build(areas.lookup("WK194019"))
    # Joure's own values come from KWB 2025; the national comparison only exists in KWB 2024.
    assert any("85984NED" in b and "2024" in b for b in p.bronnen)
    assert any("86165NED" in b and "2025" in b for b in p.bronnen)


KWB_CSV = "cbs-kwb-2024-85984NED/kwb2024_nl_alle_niveaus_bevolking.csv"


@pytest.fixture(scope="module")
def kwb_raw():
    from wijktools.paths import raw_dir

    return pd.read_csv(raw_dir() / KWB_CSV).set_index("code")


def test_sex_and_herkomst_shown_with_gemeente_and_nl(lochem, kwb_raw):
    for key, column in (
        ("aandeel_vrouwen", "vrouwen"),
        ("aandeel_herkomst_nederland", "herkomst_nederland"),
        ("aandeel_herkomst_europa", "herkomst_europa_excl_nl"),
        ("aandeel_herkomst_buiten_europa", "herkomst_buiten_europa"),
    ):
        row = lochem.row(key)
        expected = {
            code: 100 * kwb_raw.loc[code, column] / kwb_raw.loc[code, "aantal_inwoners"]
            for code in ("WK026200", "GM0262", "NL00")
        }
        assert row.value == pytest.approx(expected["WK026200"]), key
        assert row.gemeente == pytest.approx(expected["GM0262"]), key
        assert row.nederland == pytest.approx(expected["NL00"]), key
        assert row.year == 2024


def test_kern_of_buurten_does_not_get_its_own_wijk_as_peer(kwb_raw):
    # the buurten of Wijk 00 Lochem kern: as a kern they are that wijk, so it cannot be its own peer
    buurten = [c for c in kwb_raw.index if c.startswith("BU026200")]
    kern = profile.build(areas.kern("Lochem (buurten)", buurten))
    peer = kern.vergelijkbaar
    assert "WK026200" not in peer.codes and peer.uitgesloten_overlap == ["WK026200"]
    assert "WK026200" in peer.method and "grotendeels" in peer.method


def test_peers_use_herkomst_and_label_the_real_count_with_rivm(lochem):
    from wijktools.paths import raw_dir

    peer = lochem.vergelijkbaar
    assert "aandeel_herkomst_buiten_europa" in peer.features and "herkomst" in peer.method
    rivm = pd.read_parquet(
        raw_dir()
        / "rivm-gezondheid-50090NED"
        / "rivm_50090NED_2012_2016_2020_alle_niveaus.parquet",
        columns=["Codering_3", "jaar"],
    )
    in_rivm = set(rivm.loc[rivm["jaar"] == 2020, "Codering_3"].str.strip())
    assert peer.aantal_met_rivm <= sum(c in in_rivm for c in peer.codes) < len(peer.codes)
    assert f"hebben er {peer.aantal_met_rivm} RIVM-gezondheidscijfers" in peer.method
