"""wijkprofiel.html compares an area only with what lies above it: a gemeente with Nederland (no
empty Gemeente column, no caption naming a gemeente), Nederland with nothing, a wijk with both.

Figures from data/raw/cbs-kwb-2024-85984NED/kwb2024_nl_alle_niveaus_bevolking.csv (aantal_inwoners
2024): NL00 17942942, GM0262 Lochem 34289, GM0277 Rozendaal 1831, WK026200 12500.
"""

from __future__ import annotations

from functools import cache

import pytest
from bs4 import BeautifulSoup

from wijktools.profile import build
from wijktools.render.profile_html import render_profile


@cache
def _page(code: str) -> BeautifulSoup:
    return BeautifulSoup(render_profile(build.build(code)), "html.parser")


def _indicator_tables(page: BeautifulSoup) -> list:
    section = page.find("h2", string="Alle indicatoren").parent
    return section.find_all("table")


def _header(table) -> list[str]:
    return [th.get_text(strip=True) for th in table.thead.find_all("th")]


def _row(page: BeautifulSoup, label: str) -> dict[str, str]:
    """The indicator row with this label, keyed by its column headers."""
    for table in _indicator_tables(page):
        for tr in table.tbody.find_all("tr"):
            cells = [td.get_text(strip=True) for td in tr.find_all("td")]
            if cells and cells[0] == label:
                return dict(zip(_header(table), cells, strict=True))
    raise AssertionError(f"geen rij {label}")


def _trend_caption(page: BeautifulSoup) -> str:
    (caption,) = [
        c.get_text(strip=True)
        for c in page.find_all("figcaption")
        if c.get_text().startswith("Ontwikkeling")
    ]
    return caption


def _key_notes(page: BeautifulSoup) -> list[str]:
    return [d.get_text(strip=True) for d in page.select(".kerncijfer .nl")]


@pytest.mark.parametrize(("code", "inwoners"), [("GM0277", "1.831"), ("GM0262", "34.289")])
def test_a_gemeente_page_compares_with_nederland_not_with_an_empty_gemeente(code, inwoners):
    page = _page(code)
    tables = _indicator_tables(page)
    assert tables
    for table in tables:
        assert "Gemeente" not in _header(table)
        assert "gemeente" not in table.caption.get_text()
    row = _row(page, "Aantal inwoners")
    assert list(row)[:5] == ["Indicator", "Jaar", "Gebied", "Nederland", "Vergelijkbaar"]
    assert (row["Jaar"], row["Gebied"], row["Nederland"]) == ("2024", inwoners, "17.942.942")
    caption = _trend_caption(page)
    assert "gemeente" not in caption
    assert caption == "Ontwikkeling 2012-2020. Gebied en Nederland."
    notes = _key_notes(page)
    assert notes[0] == "Nederland: 17.942.942 · 2024"
    assert all("–" not in n and "Gemeente" not in n for n in notes)


def test_a_wijk_page_keeps_its_gemeente_and_nederland():
    page = _page("WK026200")
    for table in _indicator_tables(page):
        assert _header(table)[2:6] == ["Gebied", "Gemeente", "Nederland", "Vergelijkbaar"]
        assert "gemeente, Nederland" in table.caption.get_text()
    row = _row(page, "Aantal inwoners")
    assert (row["Gebied"], row["Gemeente"], row["Nederland"]) == ("12.500", "34.289", "17.942.942")
    assert _trend_caption(page) == "Ontwikkeling 2012-2020. Gebied, gemeente en Nederland."


def test_nederland_page_has_no_comparison_columns_with_itself():
    page = _page("NL00")
    for table in _indicator_tables(page):
        header = _header(table)
        assert not {"Gemeente", "Nederland", "Vergelijkbaar"} & set(header)
    assert _row(page, "Aantal inwoners")["Gebied"] == "17.942.942"
    assert "gemeente" not in _trend_caption(page)
    assert all(not n.startswith("Nederland: –") for n in _key_notes(page))


def _table_comparisons(table) -> list[str]:
    """The column headers between 'Gebied' and the interval/trend columns."""
    header = _header(table)
    rest = header[header.index("Gebied") + 1 :]
    return rest[: next(i for i, h in enumerate(rest) if h.startswith(("95 %", "Trend")))]


@pytest.mark.parametrize("code", ["WK026200", "BU05991926", "GM0277", "NL00"])
def test_page_figures_report_and_slides_follow_the_profiles_comparisons(code):
    """One decision: the table's columns, the figures' legend, the report's and the slides' series."""
    import json

    from wijktools.figures import profile as figures
    from wijktools.profile.model import to_json
    from wijktools.report.deck_profile import profile_slides
    from wijktools.report.profile import from_profile

    built = build.build(code)
    chosen = built.comparisons
    above = [c for c in chosen if c.key != "peers"]  # the report and slides leave the group out
    page = BeautifulSoup(render_profile(built, with_figures=False), "html.parser")
    for table in _indicator_tables(page):
        assert _table_comparisons(table) == [c.kop for c in chosen]
    _labels, series, _source = figures.age_series(built)
    assert [name for name, _v, _c in series[1:]] == [c.legenda for c in chosen]
    data = json.loads(to_json(built))
    header = from_profile(data).tables[0].header
    assert header[3 : 3 + len(above)] == [c.naam for c in above]
    assert header[3 + len(above) :] in ([], ["Significant (95 %-interval)"])
    (ages,) = [s for s in profile_slides(data) if s.key == "leeftijdsopbouw"]
    assert [name for name, _values in ages.chart.series[1:]] == [c.legenda for c in above]


def test_a_wijk_without_similar_wijken_has_no_column_of_dashes_for_them():
    """WK003415 Stichtsekant (Almere) has 0 inwoners and no age structure: no comparison group."""
    page = BeautifulSoup(render_profile(build.build("WK003415"), with_figures=False), "html.parser")
    for table in _indicator_tables(page):
        assert _table_comparisons(table) == ["Gemeente", "Nederland"]
        assert table.caption.get_text().endswith("gebied vergeleken met gemeente en Nederland")
