"""Draft knelpunten that mean something (issue 12), checked against the raw CBS/RIVM files.

Real wijken: Oud-Noord and Centrum (Groningen), Wageningen Universiteit, Meerstad e.o. (Groningen),
Wijk 00 Lochem kern. Expected figures are read from data/raw here, not from the code under test.
"""

import pandas as pd
import pytest

from wijktools.paths import raw_dir
from wijktools.profile import build as profile
from wijktools.profile.rules import MAX_LEVEL, RIVM_AGES, RIVM_TOP, TREND_TOP, from_rows

RIVM = raw_dir() / "rivm-gezondheid-50090NED" / "rivm_50090NED_2012_2016_2020_alle_niveaus.parquet"
KWB = raw_dir() / "cbs-kwb-2024-85984NED" / "kwb2024_nl_alle_niveaus_bevolking.csv"


@pytest.fixture(scope="module")
def rivm():
    return pd.read_parquet(RIVM)


@pytest.fixture(scope="module")
def kwb():
    return pd.read_csv(KWB).set_index("code")


@pytest.fixture(scope="module")
def built():
    codes = ("WK001403", "WK001400", "WK028902", "WK001414", "WK026200")
    return {code: profile.build(code) for code in codes}


def _raw(rivm, code, column, age, year):
    rows = rivm[(rivm["Codering_3"].str.strip() == code) & (rivm["leeftijdsgroep"] == age)]
    return float(rows.loc[rows["jaar"] == year, column].iloc[0])


def _rules(p):
    return {k.regel_id: k for k in p.knelpunten}


def test_level_rule_ranks_the_wijk_among_all_wijken_of_nl(built, rivm):
    roker = _rules(built["WK001403"])["niveau:Roker"]
    own = _raw(rivm, "WK001403", "Roker_11", "18+", 2020)
    wijken = rivm[(rivm["SoortRegio_2"].str.strip() == "Wijk") & (rivm["jaar"] == 2020)]
    wijken = wijken[wijken["leeftijdsgroep"] == "18+"]["Roker_11"].dropna()
    share_raw = 100 * (wijken >= own).sum() / len(wijken)
    # the profile ranks among the wijken of 2024 that carry their 2020 RIVM figure (a subset)
    assert roker.percentiel == pytest.approx(share_raw, abs=0.5)
    assert roker.percentiel <= RIVM_TOP and roker.vergelijking == "wijken"
    assert "hoort bij de 1 % van de wijken met het hoogste aandeel" in roker.tekst
    assert roker.gemeente is not None and "gemeente 24 %" in roker.tekst
    assert roker.jaar == 2020 and roker.bron and roker.regel and roker.drempel
    # the shipped edition has point estimates only (no interval columns): the threshold says it was not
    # tested for significance, instead of staying silent about it
    assert not [c for c in rivm.columns if "grens" in c.lower() or "marge" in c.lower()]
    assert "geen 95 %-interval: niet op significantie getoetst" in roker.drempel


def test_one_knelpunt_per_indicator_with_both_age_groups_in_the_text(built, rivm):
    for p in built.values():
        ids = [k.regel_id for k in p.knelpunten]
        assert len(ids) == len(set(ids)), p.gebied["code"]
    roker = [k for k in built["WK001403"].knelpunten if k.key == "Roker"]
    assert len(roker) == 1  # 18+ and 65+ both rank in the top 1 %: still one knelpunt
    young = _raw(rivm, "WK001403", "Roker_11", "18+", 2020)
    old = _raw(rivm, "WK001403", "Roker_11", "65+", 2020)
    assert (young, old) == (31.7, 18.8)
    assert "18+ 32 %" in roker[0].tekst and "65+ 18,8 % (gemeente 11,7 %" in roker[0].tekst
    assert set(roker[0].extra["leeftijden"]) == {"18+", "65+"}


def test_wijk_that_improved_gets_no_trend_knelpunt(built, rivm):
    # Oud-Noord: smoking fell 33.3 -> 31.7 while NL fell 24.1 -> 17.9; the old rule (4 pp behind NL) fired.
    first = _raw(rivm, "WK001403", "Roker_11", "18+", 2012)
    last = _raw(rivm, "WK001403", "Roker_11", "18+", 2020)
    nl_first, nl_last = (_raw(rivm, "NL01", "Roker_11", "18+", y) for y in (2012, 2020))
    assert last < first and (last - first) - (nl_last - nl_first) >= 4
    assert "trend:Roker" not in _rules(built["WK001403"])


def test_every_trend_knelpunt_is_a_real_deterioration_worse_than_nl(built):
    trends = [k for p in built.values() for k in p.knelpunten if k.regel_id.startswith("trend:")]
    assert trends
    for p in built.values():
        for k in (k for k in p.knelpunten if k.regel_id.startswith("trend:")):
            row = p.row(k.key, k.age_group)
            worse = 1 if row.direction == "hoger_slechter" else -1
            assert worse * (k.waarde - k.referentie) >= 1.0  # the area itself got worse
            assert worse * (k.waarde - row.trend_nl[k.jaar]) > 0  # and ended worse than NL
            assert k.percentiel <= TREND_TOP


def test_trend_rule_fires_on_a_real_divergence(built, rivm):
    # Groningen Centrum: eenzaam 18+ from 34.0 (2012) to 48.6 (2020), NL from 39.7 to 47.0; emotioneel
    # eenzaam (the same scale) rose even more and carries the one eenzaamheid trend knelpunt
    assert _raw(rivm, "WK001400", "Eenzaam_28", "18+", 2012) == 34.0
    assert _raw(rivm, "WK001400", "Eenzaam_28", "18+", 2020) == 48.6
    k = _rules(built["WK001400"])["trend:EmotioneelEenzaam"]
    assert k.referentie == _raw(rivm, "WK001400", "EmotioneelEenzaam_30", "18+", 2012)
    assert k.waarde == _raw(rivm, "WK001400", "EmotioneelEenzaam_30", "18+", 2020)
    assert "65+ van" in k.tekst  # the other age group stands beside it
    assert "Eenzaam" in k.extra["ook"] and "ook een ongunstige trend bij de" in k.tekst
    assert "Eenzaam (18+)" in k.tekst
    assert "trend:Eenzaam" not in _rules(built["WK001400"])


def test_worse_than_nl_but_not_rare_is_no_knelpunt(built, rivm):
    # Meerstad: 36.8 % meets the alcohol guideline against 43.9 % in NL (the old rule fired: 7 pp),
    # but a fifth of all wijken is as low or lower: not rare enough for a meeting.
    own = _raw(rivm, "WK001414", "VoldoetAanAlcoholRichtlijn_12", "18+", 2020)
    nl = _raw(rivm, "NL01", "VoldoetAanAlcoholRichtlijn_12", "18+", 2020)
    assert nl - own >= 3 and nl - own >= 0.1 * nl
    assert "niveau:VoldoetAanAlcoholRichtlijn" not in _rules(built["WK001414"])


def test_student_wijk_gets_no_demand_knelpunt(built, kwb):
    raw = kwb.loc["WK028902"]
    nl = kwb.loc["NL00"]
    share = raw["leeftijd_15_25"] / raw["aantal_inwoners"]
    assert share >= 1.5 * nl["leeftijd_15_25"] / nl["aantal_inwoners"]
    zorg = built["WK028902"].zorgvraag
    assert zorg.hoge_doorstroom
    last = zorg.years[-1]
    assert last.vergrijzingsindex_hoog >= 110  # ageing in place would have fired the old rule
    assert last.vergrijzingsindex_laag < last.vergrijzingsindex_hoog  # a range, not one number
    assert "zorgvraag" not in _rules(built["WK028902"])


def test_demand_knelpunt_for_an_ordinary_wijk_that_ages(built):
    zorg = built["WK001414"].zorgvraag
    assert not zorg.hoge_doorstroom
    k = _rules(built["WK001414"])["zorgvraag"]
    assert k.key == "zorgvraag_per_inwoner" and k.percentiel <= 10
    assert "Door de leeftijdsopbouw alleen" in k.tekst


def test_context_rule_ranks_ageing_against_raw_kwb(built, kwb):
    k = _rules(built["WK026200"])["vergrijzing"]
    wijken = kwb[(kwb["soort_regio"] == "Wijk") & (kwb["aantal_inwoners"] > 0)]
    shares = 100 * wijken["leeftijd_65_plus"] / wijken["aantal_inwoners"]
    own = shares["WK026200"]
    place = int((shares >= own - 1e-9).sum())
    # Frisian wijken are ranked on KWB 2025 (their newest year): allow a small shift
    assert abs(k.percentiel - 100 * place / len(shares)) <= 0.5
    assert "hoort bij de 6 % van de wijken" in k.tekst
    assert "bij de 10 % hoogste wijken van Nederland" in k.drempel


def test_nl_has_no_ranking_so_no_draft_knelpunten(built):
    rows = built["WK001403"].indicatoren
    assert from_rows(rows, built["WK001403"].zorgvraag, None) == []


def test_cap_keeps_the_most_unfavourable_and_says_what_it_left_out(built):
    centrum = built["WK001400"]  # Groningen Centrum: more indicators in the worst 5 % than the cap
    level = [k for k in centrum.knelpunten if k.regel_id.startswith("niveau:")]
    assert len(level) == MAX_LEVEL
    assert [k.percentiel for k in level] == sorted(k.percentiel for k in level)
    assert any(
        note.startswith("Nog ") and "staan niet bij de knelpunten" in note
        for note in centrum.opmerkingen
    )
    lochem = built["WK026200"]
    assert not any("staan niet bij de knelpunten" in note for note in lochem.opmerkingen)


def test_a_tiny_area_gets_no_knelpunt_from_its_figures_and_is_told_why():
    """Noorderplantsoen (BU00140004, Groningen): KWB 2024 AantalInwoners 10. Its RIVM estimates made
    'Beperking in bewegen: ongunstige trend' (2,7 % -> 10 %) and 'Overmatige drinker'."""
    import json

    from wijktools.opendata import areas
    from wijktools.profile.model import to_json
    from wijktools.report.deck_profile import profile_slides

    kwb = pd.read_csv(
        raw_dir() / "cbs-kwb-2024-85984NED" / "kwb2024_nl_alle_niveaus_bevolking.csv"
    ).set_index("code")
    assert kwb.loc["BU00140004", "aantal_inwoners"] == 10
    tiny = profile.build(areas.lookup("BU00140004"))
    assert tiny.knelpunten == []
    assert any("het gebied heeft 10 inwoners, minder dan 200" in n for n in tiny.opmerkingen)
    slide = next(
        s for s in profile_slides(json.loads(to_json(tiny))) if s.key.startswith("concept")
    )
    assert "10 inwoners" in slide.bullets[0] and "geen enkele indicator" not in slide.bullets[0]
    # Nieuw Mathenesse (BU05991926, 2.410 inwoners) keeps its knelpunten
    assert profile.build(areas.lookup("BU05991926")).knelpunten


FRIESLAND = raw_dir() / "cbs-kwb-2025-86165NED-friesland" / "kerncijfers_data.csv"


def test_a_ranking_of_one_province_makes_no_knelpunt_and_the_profile_says_why(kwb):
    """Households and distance to the GP come only from KWB 2025 Friesland (246 wijken). Ranked among
    those, Vossepark & Helicon (Leeuwarden) got 'Veel alleenwonenden ... hoort bij de hoogste van alle
    wijken in Nederland' while it is below its own gemeente and no NL figure exists; Woudsend got
    'Huisarts op afstand' as 'plaats 1 van 246'."""
    raw = pd.read_csv(FRIESLAND, low_memory=False)
    raw.index = raw["Codering_3"].str.strip()
    wijken = raw[raw["SoortRegio_2"].str.strip() == "Wijk"]
    assert len(wijken) == 246 and (kwb["soort_regio"] == "Wijk").sum() == 3393
    assert "NL00" not in raw.index  # no national figure to compare with

    def share(code):
        return (
            100 * raw.loc[code, "Eenpersoonshuishoudens_30"] / raw.loc[code, "HuishoudensTotaal_29"]
        )

    assert share("WK008032") < share("GM0080")  # 48.3 % in the wijk, 49.0 % in Leeuwarden
    assert raw.loc["WK190012", "AfstandTotHuisartsenpraktijk_110"] == 7.4
    for code in ("WK008032", "WK190012"):
        built = profile.build(code)
        ids = {k.regel_id for k in built.knelpunten}
        assert not ids & {"alleenwonenden", "afstand_huisarts"}, code
        assert any(
            "alleen bekend voor 246 van de 3.393 wijken en niet voor Nederland" in note
            and "geen concept-knelpunt" in note
            for note in built.opmerkingen
        ), code


def test_half_a_procentpunt_above_nl_is_no_knelpunt(rivm):
    """Ondergewicht 65+ in Burgemeesterswijk/Hoogkamp (Arnhem): 1,8 % against 1,3 % in NL. Published to
    one decimal, 1,8 % is the first rounded value inside the worst 5 % of wijken (1,7 % is not): the old
    rule made a knelpunt of half a procentpunt, fewer than 1 in 100 of the 65-plussers."""
    wijken = rivm[
        (rivm["SoortRegio_2"].str.strip() == "Wijk")
        & (rivm["jaar"] == 2020)
        & (rivm["leeftijdsgroep"] == "65+")
    ]["Ondergewicht_7"].dropna()
    own = _raw(rivm, "WK020212", "Ondergewicht_7", "65+", 2020)
    nl = _raw(rivm, "NL01", "Ondergewicht_7", "65+", 2020)
    assert (own, nl) == (1.8, 1.3)
    assert 100 * (wijken >= own).mean() <= RIVM_TOP < 100 * (wijken >= own - 0.1).mean()
    assert "niveau:Ondergewicht" not in _rules(profile.build("WK020212"))
    # A difference of exactly 1 procentpunt (Benoordenhout, 65+ 2,3 %) and a large one (Maastricht
    # Centrum, 18+ 4,4 % against 2,0 %) still make the knelpunt; the threshold says so.
    assert _raw(rivm, "WK051804", "Ondergewicht_7", "65+", 2020) == 2.3
    assert _raw(rivm, "WK093500", "Ondergewicht_7", "18+", 2020) == 4.4
    for code in ("WK051804", "WK093500"):
        k = _rules(profile.build(code))["niveau:Ondergewicht"]
        assert "minstens 1 procentpunt ongunstiger dan landelijk" in k.drempel


def _worst_share(rivm, code, column, age, lower_is_worse=False):
    """% of wijken (2020) at least as unfavourable as `code`, read from the raw RIVM file."""
    wijken = rivm[
        (rivm["SoortRegio_2"].str.strip() == "Wijk")
        & (rivm["jaar"] == 2020)
        & (rivm["leeftijdsgroep"] == age)
    ][column].dropna()
    own = _raw(rivm, code, column, age, 2020)
    worse = wijken <= own if lower_is_worse else wijken >= own
    return 100 * worse.mean()


def test_one_subject_makes_one_knelpunt_with_the_related_figures_in_its_text(rivm):
    """Veendam-kern (WK004700): overgewicht, ernstig overgewicht and normaal gewicht are all in the worst
    5 % of wijken, and normaal gewicht is 100 % minus onder- and overgewicht (one fact, three numbers).
    The old rules made three level knelpunten of it, plus two trend knelpunten."""
    for age in ("18+", "65+"):
        parts = sum(
            _raw(rivm, "WK004700", c, age, 2020)
            for c in ("Ondergewicht_7", "NormaalGewicht_8", "Overgewicht_9")
        )
        assert parts == pytest.approx(100, abs=0.5)
    shares = {
        "Overgewicht": min(_worst_share(rivm, "WK004700", "Overgewicht_9", a) for a in RIVM_AGES),
        "ErnstigOvergewicht": min(
            _worst_share(rivm, "WK004700", "ErnstigOvergewicht_10", a) for a in RIVM_AGES
        ),
        "NormaalGewicht": min(
            _worst_share(rivm, "WK004700", "NormaalGewicht_8", a, lower_is_worse=True)
            for a in RIVM_AGES
        ),
    }
    assert all(share <= RIVM_TOP for share in shares.values()), shares
    built = profile.build("WK004700")
    weight = [k for k in built.knelpunten if k.key in shares or k.key == "Ondergewicht"]
    level = [k for k in weight if k.regel_id.startswith("niveau:")]
    assert len(level) == 1
    assert "verwante indicatoren van één onderwerp (gewicht)" in level[0].regel
    others = set(shares) - {level[0].key}
    assert set(level[0].extra["ook"]) == others
    assert "Zelfde onderwerp (gewicht), ook bij de" in level[0].tekst
    assert len([k for k in weight if k.regel_id.startswith("trend:")]) <= 1
    # other subjects stay their own knelpunt
    assert "niveau:WekelijkseSporters" in _rules(built)


def test_an_nl_figure_of_another_year_says_its_year(kwb):
    """Harlingen Centrum (WK009001) is shown from KWB 2025 (Friesland); NL exists only in KWB 2024.
    The vergrijzing knelpunt put 'landelijk 20 %' beside '41 % (2025)' as if of the same year."""
    raw = pd.read_csv(FRIESLAND, low_memory=False)
    raw.index = raw["Codering_3"].str.strip()
    own = 100 * raw.loc["WK009001", "k_65JaarOfOuder_12"] / raw.loc["WK009001", "AantalInwoners_5"]
    nl = 100 * kwb.loc["NL00", "leeftijd_65_plus"] / kwb.loc["NL00", "aantal_inwoners"]
    assert round(own) == 41 and round(nl) == 20 and int(kwb.loc["NL00", "jaar"]) == 2024
    k = _rules(profile.build("WK009001"))["vergrijzing"]
    assert "41 % (2025)" in k.tekst and "landelijk 20 % (2024)" in k.tekst


def test_a_kern_comes_after_every_wijk_at_least_as_unfavourable(kwb):
    """Kern Havelte (3 buurten of Westerveld) is not one of the wijken it is ranked among: its place
    is one more than the wijken with an equal or higher share of 65+ (the walk read 'plaats 119'
    where 119 wijken were at or above it)."""
    members = ["BU17010800", "BU17010801", "BU17010809"]
    built = profile.build(profile.areas.kern("Havelte", members))
    k = _rules(built)["vergrijzing"]
    own = (
        100 * kwb.loc[members, "leeftijd_65_plus"].sum() / kwb.loc[members, "aantal_inwoners"].sum()
    )
    wijken = kwb[(kwb["soort_regio"] == "Wijk") & (kwb["aantal_inwoners"] > 0)]
    shares = 100 * wijken["leeftijd_65_plus"] / wijken["aantal_inwoners"]
    # Frisian wijken are ranked on KWB 2025, their newest year (as the profile shows them)
    friesland = pd.read_csv(raw_dir() / "cbs-kwb-2025-86165NED-friesland" / "kerncijfers_data.csv")
    friesland["code"] = friesland["Codering_3"].str.strip()
    frisian = friesland[(friesland["SoortRegio_2"].str.strip() == "Wijk")].set_index("code")
    frisian = frisian[frisian["AantalInwoners_5"] > 0]
    newer = 100 * frisian["k_65JaarOfOuder_12"] / frisian["AantalInwoners_5"]
    shares.update(newer[newer.index.isin(shares.index)])
    at_least = int((shares >= own - 1e-9).sum())
    assert f"(plaats {at_least + 1} van {len(shares):,})".replace(",", ".") in k.tekst  # 3.367
