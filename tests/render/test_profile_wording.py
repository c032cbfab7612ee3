"""wijkprofiel.html says in words what each figure is: the published CBS count apart from the prognosis,
the peers' level in the plural, and why a gemeente or Nederland has no map.

Published inwoners from data/raw/cbs-kwb-2024-85984NED (aantal_inwoners 2024), read in the tests.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from wijktools.figures.theme import fmt_number
from wijktools.opendata import areas
from wijktools.paths import raw_dir
from wijktools.profile import build
from wijktools.profile.cohort import KWB2024_FILE
from wijktools.render.profile_html import render_profile

BEERTA = ("WK189503", "WK189504")


@cache
def _page(code: str) -> BeautifulSoup:
    area = areas.kern("Beerta", list(BEERTA)) if code == "Beerta" else code
    return BeautifulSoup(render_profile(build.build(area)), "html.parser")


def _published(code: str) -> float:
    kwb = pd.read_csv(raw_dir() / KWB2024_FILE).set_index("code")
    codes = list(BEERTA) if code == "Beerta" else [code]
    return float(kwb.loc[codes, "aantal_inwoners"].sum())


def _demand_table(page: BeautifulSoup) -> list[dict[str, str]]:
    (caption,) = [c for c in page.find_all("caption") if "huisartscontacten" in c.get_text()]
    table = caption.parent
    header = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
    return [
        dict(zip(header, [td.get_text(" ", strip=True) for td in tr.find_all("td")], strict=True))
        for tr in table.tbody.find_all("tr")
    ]


@pytest.mark.parametrize("code", ["GM0277", "NL00", "WK026200", "Beerta"])
def test_the_demand_table_marks_the_published_count_apart_from_the_prognosis(code):
    rows = _demand_table(_page(code))
    assert [r["Jaar"] for r in rows] == ["2024", "2030", "2040"]
    now, *later = rows
    # Read aloud: "2024: CBS 1.831 inwoners; 2030: prognose 1.859 (1.835-1.882)".
    assert now["Inwoners"] == f"CBS {fmt_number(_published(code))}"
    for row in later:
        assert row["Inwoners"].startswith("prognose ")


@pytest.mark.parametrize(
    ("code", "plural"),
    [("GM0277", "gemeenten"), ("WK026200", "wijken"), ("Beerta", "wijken"), ("NL00", "gebieden")],
)
def test_the_line_above_the_indicators_names_the_peers_in_the_plural(code, plural):
    section = _page(code).find("h2", string="Alle indicatoren").parent
    line = section.find("p", class_="klein").get_text(" ", strip=True)
    assert line.startswith(f"Vergelijkbare {plural}: zie")


@pytest.mark.parametrize(
    ("code", "whole"), [("GM0277", "een hele gemeente"), ("NL00", "heel Nederland")]
)
def test_a_gemeente_or_nederland_says_why_it_has_no_map(code, whole):
    notes = [p.get_text(" ", strip=True) for p in _page(code).find_all("p", class_="klein")]
    (note,) = [n for n in notes if n.startswith("Geen kaart")]
    assert whole in note
    assert "wijkcode" not in note  # NL00 used to blame missing wijkcodes


KWB2025 = "cbs-kwb-2025-86165NED-friesland/kerncijfers_data.csv"
HOLLUM = ("BU00600003", "BU00600009")


def _row_cells(page: BeautifulSoup, label: str) -> list[str]:
    for tr in page.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(label)


def test_household_size_and_density_as_cbs_publishes_them_and_as_the_report_shows_them():
    # Kern Hollum (Ameland, KWB 2025): Ameland's density is 67 (CBS: 67.0, no decimals in the unit)
    # and its household size 2.0 with one decimal; the page showed '67,0 inwoners per km²' and
    # the kern's household size as '2,08' where the report showed '67' and '2,1'.
    kwb = pd.read_csv(raw_dir() / KWB2025, dtype=str).set_index("Codering_3")
    kwb.index = kwb.index.str.strip()
    raw = kwb.loc[["GM0060", *HOLLUM]]
    density = float(raw.loc["GM0060", "Bevolkingsdichtheid_34"])
    households = raw.loc[list(HOLLUM), "HuishoudensTotaal_29"].astype(float)
    size = raw.loc[list(HOLLUM), "GemiddeldeHuishoudensgrootte_33"].astype(float)
    kern_size = float((households * size).sum() / households.sum())  # 2.08
    page = BeautifulSoup(
        render_profile(build.build(areas.kern("Hollum", list(HOLLUM)))), "html.parser"
    )
    assert _row_cells(page, "Bevolkingsdichtheid")[3] == f"{fmt_number(density)} inwoners per km²"
    assert _row_cells(page, "Gemiddelde huishoudensgrootte")[2] == fmt_number(kern_size, 1)
