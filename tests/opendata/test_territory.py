"""The RIVM 2020 -> KWB 2024 join: by code, only for the same territory, every gap with its reason.

Expected values are read from the raw files in data/raw (RIVM parquet, KWB 2024 csv, KWB 2025
Friesland), never from the code under test.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from wijktools.opendata import areas, frames, indicators, predecessors, rivm, territory
from wijktools.paths import raw_dir
from wijktools.profile import build as profile
from wijktools.render import profile_html


@cache
def _rivm_raw() -> pd.DataFrame:
    frame = pd.read_parquet(raw_dir() / territory.RIVM_FILE)
    frame["code"] = frame["Codering_3"].astype(str).str.strip().str.upper()
    return frame


def _rivm_value(code: str, column: str = "Eenzaam_28", age: str = "18+", year: int = 2020):
    raw = _rivm_raw()
    row = raw[(raw["code"] == code) & (raw["leeftijdsgroep"] == age) & (raw["jaar"] == year)]
    return float(row[column].iloc[0])


@cache
def _kwb_raw() -> pd.DataFrame:
    frame = pd.read_csv(raw_dir() / areas.KWB2024_FILE, dtype={"code": str})
    return frame.set_index("code", drop=False)


def _renamed_gemeenten() -> list[str]:
    """Gemeenten with the same code in 2020 and 2024 whose display name differs ('Hengelo (O.)')."""
    raw = _rivm_raw()
    rivm = raw[raw["SoortRegio_2"].str.strip() == "Gemeente"].drop_duplicates("code")
    rivm = rivm.set_index("code")["Gemeentenaam_1"].str.strip()
    kwb = _kwb_raw()
    kwb = kwb[kwb["soort_regio"] == "Gemeente"].set_index("code")["naam"]
    both = rivm.index.intersection(kwb.index)
    return sorted(c for c in both if rivm[c] != kwb[c])


def test_gemeenten_join_on_code_not_on_name():
    renamed = _renamed_gemeenten()
    # Hengelo, Laren, Rijswijk, Middelburg, Beek, Stein: about 245,000 inhabitants in 2024
    assert renamed == ["GM0164", "GM0417", "GM0603", "GM0687", "GM0888", "GM0971"]
    assert _kwb_raw().loc[renamed, "aantal_inwoners"].sum() == 245102
    for code in renamed:
        area = areas.lookup(code)
        assert indicators.value(area, "Eenzaam", "18+", 2020) == pytest.approx(_rivm_value(code))
    # and their wijken, e.g. Hengelo's WK016400 and Rijswijk's WK060310
    for code in ("WK016400", "WK060310"):
        assert indicators.value(areas.lookup(code), "Eenzaam", "18+", 2020) == pytest.approx(
            _rivm_value(code)
        )


@pytest.mark.parametrize(
    ("code", "gemeente"),
    [
        ("WK022501", "Druten"),  # 2020: another village; 2024: the town of Druten
        ("WK056901", "Nieuwkoop"),
        ("WK082405", "Oisterwijk"),
        ("WK009001", "Smallingerland"),
        ("WK172103", "Bernheze"),  # 2016 Nistelrode vs 2024 "Kern Nistelrode": 10 % overlap
    ],
)
def test_reused_wijk_code_gets_no_2020_value(code, gemeente):
    assert _kwb_raw().loc[code, "gemeentenaam"] == gemeente
    assert not pd.isna(_rivm_value(code))  # the RIVM file does have a value under this code
    area = areas.lookup(code)
    assert indicators.value(area, "Eenzaam", "18+", 2020) is None
    reason = indicators.missing_reason(area, "Eenzaam", "18+")
    assert reason.startswith("niet gekoppeld:") and code in reason
    p = profile.build(area)
    assert p.row("Eenzaam", "18+") is None
    assert all("Eenzaam" not in k.titel for k in p.knelpunten)
    assert p.gebiedskoppeling["gebied"]["gekoppeld"] is False


def test_buurt_of_a_redrawn_wijk_gets_no_2020_value():
    # BU02250101 lies in WK022501, which Druten re-drew; RIVM 2020 has a value under the code.
    assert not pd.isna(_rivm_value("BU02250101"))
    area = areas.lookup("BU02250101")
    assert indicators.value(area, "Eenzaam", "18+", 2020) is None
    assert "WK022501" in indicators.missing_reason(area, "Eenzaam", "18+")


def test_same_name_is_not_enough_rijswijk():
    # Rijswijk's "Wijk 04" of 2016 and 2024 do not overlap at all: the 2016 name proves nothing.
    row = territory.table().loc["WK060304"]
    assert row["naam_2016"] == "Wijk 04" and row["overlap"] < 0.05
    # It is joined because the 2020 division already had Rijswijk's 11 wijken of 2024 (2016: 9),
    # with the same buurt codes, and CBS marks them unchanged in 2024.
    raw_codes = set(_rivm_raw()["code"])
    assert {"WK060310", "WK060311"} <= raw_codes
    assert row["grondslag"] == "indeling 2020-2024"


@pytest.mark.parametrize(
    ("code", "ground"),
    [("WK043901", "grenzen 2016-2024"), ("WK026200", "indeling 2020-2024")],
)
def test_stable_wijk_keeps_its_value(code, ground):
    # Purmerend Centrum: same shape in 2016 and 2024. Lochem kern: same name, same buurt codes in
    # 2020 and 2024, CBS marks no change, and the generalised shapes agree for more than 70 %.
    row = territory.table().loc[code]
    assert row["gekoppeld"] and row["grondslag"] == ground
    area = areas.lookup(code)
    assert indicators.value(area, "Eenzaam", "18+", 2020) == pytest.approx(_rivm_value(code))


def test_merged_gemeente_rebuilt_from_its_2020_gemeenten():
    comp = territory.composition()
    assert {"GM0363", "GM0439"} <= set(comp)  # Amsterdam+Weesp, Purmerend+Beemster (2022)
    # Haaren (2021) went to Boxtel, Oisterwijk, Tilburg and Vught; new codes since 2020 too
    assert {"GM0757", "GM0824", "GM0855", "GM0865", "GM1979", "GM1982", "GM1991"} <= set(comp)
    assert predecessors.composed() == set(comp)  # the quick check a profile's note makes first
    parts = {code: wijken for code, _, wijken in comp["GM0439"]}
    assert parts["GM0370"] == ["WK043908"]  # the 2024 wijk "Beemster"
    kwb = _kwb_raw()
    w = predecessors.weights()["GM0439"]["65+"]
    beemster = kwb.loc["WK043908", "leeftijd_65_plus"]
    total = kwb.loc[kwb["code"].str.startswith("WK0439"), "leeftijd_65_plus"].sum()
    assert w["GM0370"] == pytest.approx(beemster / total)
    expected = w["GM0370"] * _rivm_value("GM0370", age="65+") + w["GM0439"] * _rivm_value(
        "GM0439", age="65+"
    )
    gemeente = areas.lookup("GM0439")
    assert indicators.value(gemeente, "Eenzaam", "65+", 2020) == pytest.approx(expected)
    assert indicators.value(gemeente, "Eenzaam", "65+", 2020) != pytest.approx(
        _rivm_value("GM0439", age="65+")
    )
    p = profile.build("WK043901")
    assert p.row("Eenzaam", "65+").gemeente == pytest.approx(expected)
    assert any("Beemster (GM0370)" in note for note in p.opmerkingen)
    assert p.gebiedskoppeling["gemeente"]["grondslag"] == territory.REBUILT


def test_one_year_of_inhabitants_per_area_friesland(tmp_path):
    # BU00740103 Nijehaske (Heerenveen): KWB 2024 counts 3,195, KWB 2025 3,135.
    assert _kwb_raw().loc["BU00740103", "aantal_inwoners"] == 3195
    k25 = pd.read_csv(raw_dir() / "cbs-kwb-2025-86165NED-friesland" / "kerncijfers_data.csv")
    k25 = k25.set_index(k25["Codering_3"].str.strip())
    assert k25.loc["BU00740103", "AantalInwoners_5"] == 3135
    p = profile.build("BU00740103")
    assert p.gebied["inwoners"] == 3135 and p.gebied["inwoners_jaar"] == 2025
    row = p.row("AantalInwoners")
    assert row.value == 3135 and row.year == 2025
    html = profile_html.write_outputs(p, tmp_path, with_figures=False)[0].read_text(
        encoding="utf-8"
    )
    assert "3.135 inwoners (CBS 2025)" in html
    assert "3.195" not in html


def test_one_year_of_inhabitants_for_every_frisian_area():
    table = areas.table()
    frisian = table[table["inwoners_jaar"] == 2025]
    assert len(frisian) == 1200
    own = indicators.load()
    own = own[(own["key"] == "AantalInwoners") & (own["year"] == 2025)]
    newest = own.set_index("code")["value"]
    shared = frisian.index.intersection(newest.index)
    assert (frisian.loc[shared, "inwoners"].astype(float) == newest[shared]).all()


def test_kern_density_needs_every_members_land():
    # WK026201 has a land area (KWB 2024 json); buurt BU02620000 has none in the shipped data.
    kern = areas.kern("Lochem buiten + Vesting", ["WK026201", "BU02620000"])
    assert indicators.value(kern, "Bevolkingsdichtheid") is None
    p = profile.build(kern)
    reasons = {m.key: m.reden for m in p.ontbreekt}
    assert "BU02620000" in reasons["Bevolkingsdichtheid"]
    assert "landoppervlakte" in reasons["Bevolkingsdichtheid"]


def test_kern_states_rivm_coverage_when_a_member_lacks_data():
    # Groningen: WK001400 Centrum (joined) + BU00140110 Peizerweg (new since 2020, no RIVM value)
    kern = areas.kern("Centrum en Peizerweg", ["WK001400", "BU00140110"])
    share, lacking = indicators.rivm_coverage(kern, "18+")
    assert [code for code, _ in lacking] == ["BU00140110"]
    assert 0.95 <= share < 1
    p = profile.build(kern)
    assert p.row("Eenzaam", "18+") is not None
    note = next(n for n in p.opmerkingen if "dekken" in n and "18+" in n)
    assert "BU00140110" in note and f"{round(share * 100)} %" in note
    assert 0.95 <= p.gebiedskoppeling["gebied"]["dekking"]["18+"] < 1


def test_whole_country_no_2020_value_without_shown_territory():
    verdicts = territory.table()
    frame = indicators.load()
    rivm_codes = set(frame.loc[frame["table"] == "50090NED", "code"].astype(str))
    # every code with a 2020 value is joined on a stated ground
    joined = verdicts.loc[sorted(rivm_codes)]
    assert joined["gekoppeld"].all()
    assert set(joined["grondslag"]) <= {
        "land",
        "gemeentecode",
        territory.REBUILT,
        "grenzen 2016-2024",
        "indeling 2020-2024",
        "wijk grenzen 2016-2024, zelfde buurtcodes",
        "wijk indeling 2020-2024, zelfde buurtcodes",
    }
    kwb = _kwb_raw()
    wijken = joined[joined["soort"] == "wijk"]
    # by maps: each shape lies for >= 90 % within 100 m of the other
    assert (wijken.loc[wijken["grondslag"] == "grenzen 2016-2024", "overlap"] >= 0.9).all()
    # by division: CBS marks no change in 2024, and the same buurt codes in 2020 and 2024
    by_division = wijken.index[wijken["grondslag"] == "indeling 2020-2024"]
    assert (kwb.loc[by_division, "indelingswijziging"] == 1).all()

    def buurten_of(codes):
        out = {}
        for c in codes:
            if c.startswith("BU"):
                out.setdefault("WK" + c[2:8], set()).add(c)
        return out

    raw_bu, kwb_bu = buurten_of(set(_rivm_raw()["code"])), buurten_of(kwb["code"])
    for code in by_division:
        assert raw_bu.get(code) == kwb_bu.get(code), code
    buurten = joined[joined["soort"] == "buurt"]
    assert (kwb.loc[buurten.index.intersection(kwb.index), "indelingswijziging"] == 1).all()
    # the buurt's wijk is joined on the 2024 division (a wijk re-drawn only in KWB 2025, like
    # Leeuwarden's WK008010, keeps its unchanged buurten)
    parents = verdicts.loc[["WK" + c[2:8] for c in buurten.index]]
    assert (parents["gekoppeld"] | parents["reden"].str.contains("in 2025")).all()


def test_whole_country_every_missing_value_has_a_true_reason():
    verdicts = territory.table()
    raw = _rivm_raw()
    with_value = set(raw.loc[raw["Eenzaam_28"].notna() & (raw["jaar"] == 2020), "code"])
    frame = indicators.load()
    shown = set(frame.loc[frame["table"] == "50090NED", "code"].astype(str))
    missing = verdicts[~verdicts.index.isin(shown)]
    assert len(missing) > 0
    all_codes = set(raw["code"])
    for code, row in missing.iterrows():
        if code in with_value:
            # RIVM has a 2020 value under this code: it is withheld with a specific reason
            assert not row["gekoppeld"] and row["reden"].startswith("niet gekoppeld:"), code
            assert code in row["reden"] or "WK" in row["reden"]
        elif code not in all_codes:
            assert "komt niet voor in de RIVM-indeling van 2020" in row["reden"], code


def test_gemeente_names_are_the_editions_own_names():
    # The profile's note on merged gemeenten names the 2020 gemeenten as the RIVM edition does.
    raw = pd.read_parquet(
        rivm.edition(territory.BASE).path, columns=["Codering_3", "Gemeentenaam_1"]
    )
    raw = raw[raw["Codering_3"].str.strip().str.startswith("GM")]
    expected = {
        code.strip(): name.strip()
        for code, name in zip(raw["Codering_3"], raw["Gemeentenaam_1"], strict=True)
    }
    assert rivm.gemeente_names(territory.BASE) == expected
    assert len(expected) > 300
    assert expected["GM0788"] == "Haaren"  # dissolved in 2021, a gemeente of the 2020 division


def test_a_reason_counts_buurtcodes_in_dutch_plural():
    # WK003406 (Almere): 1 buurt code in 2020, 6 in 2024; the reason says '1 buurtcode'.
    counted = territory.table()["reden"].str.extract(r"uit andere buurten \((\d+) (buurtcodes?)\)")
    counted = counted.dropna()
    assert len(counted) > 0 and (counted[0] == "1").any()
    assert ((counted[0] == "1") == (counted[1] == "buurtcode")).all()
    assert "(1 buurtcode) dan in 2024" in territory.reason("WK003406")


def test_a_table_cached_with_the_old_wording_is_not_read(tmp_path, monkeypatch):
    """A user's data/derived from before the wording fix holds '1 buurtcodes': it must be rebuilt."""
    monkeypatch.setattr(territory, "derived_dir", lambda: tmp_path)
    monkeypatch.setattr(territory, "TEXT_VERSION", "1")  # the key the old wording was cached under
    old = territory.build().reset_index(drop=True)
    old["reden"] = old["reden"].str.replace("(1 buurtcode)", "(1 buurtcodes)", regex=False)
    frames.write(territory.cache_path(), old, index=False)
    monkeypatch.undo()
    monkeypatch.setattr(territory, "derived_dir", lambda: tmp_path)
    territory.table.cache_clear()
    try:
        assert "(1 buurtcode) dan" in territory.table().loc["WK003406", "reden"]
        assert [p.name for p in tmp_path.iterdir()] == [territory.cache_path().name]
    finally:
        territory.table.cache_clear()


def test_the_note_on_a_merged_gemeente_speaks_of_a_gemeente_column_only_where_there_is_one():
    # Voorne aan Zee (2023, from Brielle, Hellevoetsluis and Westvoorne): its own profile has no
    # gemeente column, so no 'vergelijking met de gemeente'; its wijk Brielle compares with it.
    own = profile.build("GM1992")
    (note,) = [n for n in own.opmerkingen if "bestond in 2020 niet" in n]
    assert "Westvoorne (GM0614)" in note and "vergelijking met de gemeente" not in note
    wijk = profile.build("WK199230")
    (note,) = [n for n in wijk.opmerkingen if "bestond in 2020 niet" in n]
    assert note.endswith("Dit geldt ook voor de vergelijking met de gemeente.")


def test_an_editions_years_and_names_kept_in_data_derived_equal_its_file(tmp_path, monkeypatch):
    # A profile reads them from data/derived; they must be what the edition's own rows say.
    from wijktools import paths

    monkeypatch.setattr(paths, "derived_dir", lambda: tmp_path)
    rivm._summary.cache_clear()
    found = rivm.edition(territory.BASE)
    try:
        rivm._summary(found)  # written to tmp_path
        rivm._summary.cache_clear()
        stored = rivm._summary(found)  # read back from the file
        assert [p.name.startswith(f"rivm-{found.table}-") for p in tmp_path.iterdir()] == [True]
        years = pd.read_parquet(found.path, columns=["jaar"])["jaar"]
        assert stored["jaren"] == sorted({int(str(y)[:4]) for y in years})
        assert stored["jaren"] == [2012, 2016, 2020]
        assert stored["gemeenten"] == rivm._read_gemeente_names(found)
    finally:
        rivm._summary.cache_clear()
