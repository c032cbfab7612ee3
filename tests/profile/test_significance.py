"""Significance marks: only where the area's 95 %-interval excludes the comparator of the same year and table."""

import json
import shutil
from pathlib import Path

import pytest
import responses

from tests.opendata.test_fetch_rivm import replay
from wijktools.opendata import areas, comparison, indicators, rivm, territory
from wijktools.opendata import codebook as codebook_module
from wijktools.opendata import fetch as opendata
from wijktools.profile import build as build_module
from wijktools.profile import peers, ranking, significance, view
from wijktools.profile.build import build
from wijktools.profile.model import to_json
from wijktools.profile.rules import _not_chance
from wijktools.render.profile_html import render_profile
from wijktools.report.deck_profile import profile_slides
from wijktools.report.profile import from_profile

REAL = Path(__file__).parents[2] / "data"


@pytest.mark.parametrize(
    ("lower", "upper", "comparator", "expected"),
    [
        (47.0, 53.2, 44.0, "hoger"),  # whole interval above
        (74.0, 78.0, 80.5, "lager"),  # whole interval below
        (74.0, 78.0, 78.0, ""),  # upper bound touches the comparator
        (44.0, 50.0, 44.0, ""),  # lower bound touches the comparator
        (47.0, 53.2, 49.0, ""),  # comparator inside
        (47.0, 53.2, None, ""),  # comparator missing
        (None, None, 44.0, ""),  # no interval (edition without margins, or a kern)
    ],
)
def test_mark_only_where_interval_excludes_comparator(lower, upper, comparator, expected):
    assert significance.mark(lower, upper, comparator) == expected


def test_marks_text_is_short_dutch():
    assert significance.marks_text("hoger", "") == "significant hoger dan gemeente"
    assert significance.marks_text("", "lager") == "significant lager dan Nederland"
    assert (
        significance.marks_text("lager", "lager") == "significant lager dan gemeente en Nederland"
    )
    assert significance.marks_text("", "") == ""


def test_shipped_2020_edition_gets_no_marks_and_says_why():
    profile = build("WK026200")
    health = [r for r in profile.indicatoren if r.age_group]
    assert health and all(r.ondergrens is None for r in health)
    assert not any(r.significant_gemeente or r.significant_nederland for r in health)
    assert rivm.NO_MARGINS in profile.opmerkingen
    html = render_profile(profile, with_figures=False)
    assert "significant hoger" not in html and "95 %-interval en significantie" not in html


def _clear_caches():
    indicators.load.cache_clear()
    comparison.wide.cache_clear()
    territory.table.cache_clear()
    rivm.clear_caches()
    codebook_module.codebook.cache_clear()
    build_module._wanted.cache_clear()
    peers.matrix.cache_clear()
    areas.table.cache_clear()
    for fn in (
        ranking._sorted,
        ranking._changes,
        ranking._ageing,
        ranking._matrix,
        ranking._aligned,
    ):
        fn.cache_clear()


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    """The shipped data plus the replayed 50120NED fetch, in a home of its own (the real one stays)."""
    home = tmp_path_factory.mktemp("thuis")
    raw = home / "data" / "raw"
    raw.mkdir(parents=True)
    for folder in (REAL / "raw").iterdir():
        (raw / folder.name).symlink_to(folder)
    derived = home / "data" / "derived"
    derived.mkdir()
    for cache in [*(REAL / "derived").glob("*.parquet"), *(REAL / "derived").glob("*.arrow")]:
        if cache.name.startswith(("wijkgrenzen-", "gebiedskoppeling-")):
            shutil.copy(cache, derived / cache.name)  # map caches: same inputs, not rebuilt
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WIJKTOOLS_HOME", str(home))
        with responses.RequestsMock() as rsps:
            replay(rsps)
            opendata.fetch(None)  # `wijktools data ophalen` without a table
        comparison.rebuild()
        _clear_caches()
        yield home
    _clear_caches()


def test_newest_edition_is_used_and_older_years_stay(fetched):
    area = areas.lookup("WK026200")
    assert indicators.value(area, "Eenzaam", "18+") == 50.1  # 2022 from 50120NED
    # 2020 stays the value of 50090NED (45.6), not the re-estimate in the new edition (45.0):
    # a baseline taken at a kick-off still matches
    assert indicators.value(area, "Eenzaam", "18+", year=2020) == 45.6
    rows = indicators.for_area(area)
    eenzaam = rows[(rows["key"] == "Eenzaam") & (rows["age_group"] == "18+")]
    assert dict(zip(eenzaam["year"], eenzaam["table"], strict=True)) == {
        2012: "50090NED",
        2016: "50090NED",
        2020: "50090NED",
        2022: "50120NED",
    }


def test_profile_marks_follow_the_rule(fetched):
    profile = build("WK026200")
    eenzaam = profile.row("Eenzaam", "18+")
    assert (eenzaam.year, eenzaam.table, eenzaam.value) == (2022, "50120NED", 50.1)
    assert (eenzaam.ondergrens, eenzaam.bovengrens) == (47.0, 53.2)
    assert eenzaam.significant_gemeente == "hoger"  # 47,0 > 44,0
    assert eenzaam.significant_nederland == ""  # 49,0 lies inside
    gezond = profile.row("ErvarenGezondheidGoedZeerGoed", "18+")
    assert gezond.significant_gemeente == ""  # upper bound 78,0 touches the gemeente's 78,0
    assert gezond.significant_nederland == "lager"  # 78,0 < 80,5
    mantelzorg = profile.row("Mantelzorger", "18+")
    # the gemeente has no 2022 value: its 2020 value is shown, but no mark against another year
    assert mantelzorg.year == 2022 and mantelzorg.jaar_gemeente == 2020
    assert mantelzorg.significant_gemeente == "" and mantelzorg.significant_nederland == ""
    assert significance.RULE in profile.opmerkingen
    assert rivm.NO_MARGINS not in profile.opmerkingen
    assert any("50120NED, indeling 2022" in b and "2022" in b for b in profile.bronnen)
    assert any("50090NED, indeling 2020" in b for b in profile.bronnen)


def test_marks_shown_in_html_json_report_and_deck(fetched):
    profile = build("WK026200")
    html = render_profile(profile, with_figures=False)
    assert "95 %-interval en significantie" in html
    assert "47,0-53,2: significant hoger dan gemeente" in html
    assert "significant lager dan Nederland" in html
    data = json.loads(to_json(profile))
    row = next(r for r in data["indicatoren"] if r["key"] == "Eenzaam" and r["age_group"] == "18+")
    assert (row["significant_gemeente"], row["ondergrens"]) == ("hoger", 47.0)
    for summary in (from_profile(data), from_profile(profile)):  # report from json or object
        table = summary.tables[0]
        assert table.header[-1] == "Significant (95 %-interval)"
        assert "significant lager dan Nederland" in table.column("Significant (95 %-interval)")
    table = view.indicator_table(profile)  # the notebook's table
    assert "significant hoger dan gemeente" in set(table["significant"])
    slides = profile_slides(data)
    health = [s for s in slides if s.key.startswith("gezondheid_18+")]
    assert any("Eenzaam hoger dan gemeente" in s.source for s in health)


def test_buurt_gets_the_new_year_and_a_buurt_without_estimate_keeps_2020(fetched):
    # division 2022 = 2024 for WK026200 (same buurten, CBS marks them unchanged): joined
    assert territory.reason("BU02620001", "50120NED") == ""
    zuiderenk = build("BU02620001").row("Eenzaam", "18+")
    assert (zuiderenk.year, zuiderenk.ondergrens, zuiderenk.bovengrens) == (2022, 45.0, 57.0)
    assert zuiderenk.significant_gemeente == "hoger"  # 45,0 > 44,0
    assert zuiderenk.significant_nederland == ""
    # RIVM left Vesting without a 2022 estimate: its newest value stays 2020, without interval
    vesting = build("BU02620000").row("Eenzaam", "18+")
    assert (vesting.year, vesting.table, vesting.ondergrens) == (2020, "50090NED", None)
    assert vesting.significant_gemeente == ""


def test_knelpunt_needs_significance_where_an_interval_exists(fetched):
    row = build("WK026200").row("ErvarenGezondheidGoedZeerGoed", "18+")  # hoger_beter, lager dan NL
    assert _not_chance(row)
    row.significant_nederland = ""  # interval touching NL: worse by chance, no knelpunt
    assert not _not_chance(row)
    row.ondergrens = row.bovengrens = None  # edition without margins: the old rule holds
    assert _not_chance(row)
