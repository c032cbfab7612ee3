"""One export of a real wijk, read back as a reader sees it: '−0,1' with a true minus, '45 %' with a space.

Wijk 13 Assendorp (Zwolle, WK019313): 13.090 inwoners in KWB 2024; at the NZa norm of 2.095 per fte
that needs 6,25 fte huisarts, so 6,3 fte on the (FICTIEF) sociale kaart leaves 0,05 fte room: the
capacity table's '−0,1' that used to print with a hyphen.
"""

from __future__ import annotations

import re

import docx
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from tests.support.export_helpers import docx_text, pptx_text
from wijktools import export, network
from wijktools.paths import data_dir, raw_dir
from wijktools.store import connection as store
from wijktools.workshop import agreements, effect, session_drafts
from wijktools.workshop.sessions import create_session

AREA = "WK019313"
MINUS = "\u2212"
# A percent sign glued to its number ('45%'); '67%-prognose-interval' is a compound, written so.
GLUED_PERCENT = re.compile(r"\d%(?!-)")
# A hyphen used as a minus: '-0,1' after a space, a bracket or at the start (not '18-64', '1-3-2027').
HYPHEN_MINUS = re.compile(r"(?:^|[\s(>→])-\d", re.MULTILINE)


def _inwoners() -> int:
    frame = pd.read_csv(
        raw_dir() / "cbs-kwb-2024-85984NED" / "kwb2024_nl_alle_niveaus_bevolking.csv", dtype=str
    )
    return int(frame.loc[frame["code"].str.strip() == AREA, "aantal_inwoners"].iloc[0])


def _html_text(path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["style", "script"]):
        tag.decompose()
    return soup.get_text("\n")


def _html_tables(path) -> list[list[list[str]]]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [
        [
            [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in t.find_all("tr")
        ]
        for t in soup.find_all("table")
    ]


def _docx_tables(path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(path).tables]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A kick-off and its vervolg for Assendorp (FICTIEF workshop data), exported with a survey."""
    base = tmp_path_factory.mktemp("notatie")
    conn = store.connect(base / "db.sqlite")
    kick_off = create_session(conn, "Kick-off Assendorp (FICTIEF)", AREA, dates=["2026-10-01"])
    a = network.add_partner(
        conn,
        kick_off,
        {"organisatie": "Praktijk A (FICTIEF)", "discipline": "huisarts", "fte_huisarts": 3.2},
    )
    b = network.add_partner(
        conn,
        kick_off,
        {"organisatie": "Praktijk B (FICTIEF)", "discipline": "huisarts", "fte_huisarts": 3.1},
    )
    network.add_relation(conn, kick_off, a, b, "overleg/MDO")
    aid = agreements.add_afspraak(conn, kick_off, "Samen spreekuur (FICTIEF)").id
    effect.record_progress(conn, aid, wat="Gestart", wie="POH", datum="2026-10-15", voortgang=30)
    vervolg, _ = session_drafts.new_session_with_drafts(
        conn,
        "Vervolg Assendorp (FICTIEF)",
        AREA,
        dates=["2026-11-20"],
        kind="vervolg",
        wijkprofiel=False,
    )
    network.add_partner(
        conn, vervolg, {"organisatie": "Welzijn (FICTIEF)", "discipline": "welzijn"}
    )
    voorbeeld = data_dir() / "voorbeeld"
    paths = export.export(
        conn,
        vervolg,
        "html,docx,pptx,slides",
        out_dir=base / "uit",
        enquete=voorbeeld / "enquete_professionals_Joure_FICTIEF.xlsx",
        enquete_mapping=voorbeeld / "enquete_mapping_FICTIEF.yaml",
    )
    conn.close()
    return {
        "html": _html_text(paths["html"]),
        "slides": _html_text(paths["slides"]),
        "docx": docx_text(paths["docx"]),
        "pptx": pptx_text(paths["pptx"], notes=True),
        "html_tables": _html_tables(paths["html"]),
        "docx_tables": _docx_tables(paths["docx"]),
    }


def test_the_case_is_the_one_of_the_walk():
    room = 6.3 - _inwoners() / 2095
    assert 0 < room < 0.1


@pytest.mark.parametrize("kind", ["html", "slides", "docx", "pptx"])
def test_every_output_writes_percent_with_a_space(written, kind):
    found = GLUED_PERCENT.findall(written[kind])
    assert not found, found[:5]


@pytest.mark.parametrize("kind", ["html", "slides", "docx", "pptx"])
def test_no_output_writes_a_hyphen_for_a_minus(written, kind):
    found = [m.group(0) for m in HYPHEN_MINUS.finditer(written[kind])]
    assert not found, found[:5]


def test_the_capacity_room_and_a_fall_in_density_carry_the_minus_sign(written):
    for kind in ("html", "docx"):
        assert f"{MINUS}0,1" in written[kind].split(), kind
    # 2 partners with 1 tie (100 %) became 3 partners with that 1 tie (33,3 %)
    assert "100,0 % → 33,3 %" in written["html"]
    assert f"{MINUS}66,7 procentpunt" in written["html"]


def test_the_survey_table_writes_percent_with_a_space(written):
    for kind in ("html", "docx"):
        (table,) = [t for t in written[f"{kind}_tables"] if t[0][2:4] == ["Eens", "Oneens"]]
        cells = [cell for row in table[1:] for cell in row[2:4]]
        shown = [c for c in cells if c != "–"]  # '–': a question without a disagree side
        assert shown and all(re.fullmatch(r"\d{1,3} %", c) for c in shown), (kind, shown[:4])
