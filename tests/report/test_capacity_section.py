"""'Capaciteit en zorgvraag' in the profile (HTML/JSON), the report (HTML/Word) and both decks."""

import copy
import json

import docx
import pptx
import pytest

from wijktools import export, network
from wijktools.profile.model import to_json
from wijktools.render.profile_html import render_profile
from wijktools.report import assemble as report
from wijktools.workshop import capacity
from wijktools.workshop.sessions import create_session


@pytest.fixture(scope="module")
def joure():
    from wijktools.profile import build

    return build.build("WK194019")


def test_every_format_shows_the_section_with_dutch_fte(conn, joure, tmp_path):
    sid = network.load_demo(conn)  # two FICTIEF huisartsenpraktijken, 3,0 + 2,6 fte
    written = export.export(
        conn, sid, "html,docx,slides,pptx", tmp_path, profile=copy.deepcopy(joure)
    )
    html = written["html"].read_text(encoding="utf-8")
    assert "Capaciteit en zorgvraag" in html and "5,6 fte huisarts" in html
    assert "Wat dit niet meeneemt" in html and "zorgenz.nl" in html
    word = "\n".join(p.text for p in docx.Document(written["docx"]).paragraphs)
    assert "Capaciteit en zorgvraag" in word and "5,6 fte huisarts" in word
    deck = pptx.Presentation(written["pptx"])
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles.index("Capaciteit en zorgvraag") == titles.index("Sociale kaart") + 1
    slides = written["slides"].read_text(encoding="utf-8")
    assert "Capaciteit en zorgvraag" in slides and "5,6 fte huisarts" in slides


def test_report_and_deck_use_the_same_figure_function(conn, joure):
    sid = network.load_demo(conn)
    rep = report.assemble(conn, sid, profile=copy.deepcopy(joure))
    section = rep.section("capaciteit")
    assert [s.key for s in rep.sections].index("capaciteit") == [s.key for s in rep.sections].index(
        "sociale_kaart"
    ) + 1
    assert section.figure("capaciteit").png.startswith(b"\x89PNG")
    (slide,) = [s for s in rep.slides if s.key == "capaciteit"]
    assert slide.kind == "picture" and slide.png.startswith(b"\x89PNG")
    assert slide.png != section.figure("capaciteit").png  # drawn at slide size, same function
    assert any("buiten" in note for note in slide.notes)
    # 3,0 + 2,6 huisarts; POH-S 1,2 + 0,9; POH-GGZ 0,6 + 0,4; one practice gave 0,5 pvk
    assert [k.value for k in section.key_figures[:2]] == [
        "5,6 fte huisarts",
        "2,1 fte POH-S, 1,0 fte POH-GGZ, 0,5 fte praktijkverpleegkundige",
    ]
    assert section.intro.startswith("In Wijk 19 Joure wonen 13.045 mensen")


def test_no_fte_section_says_what_to_fill_in_without_numbers(conn, joure):
    sid = create_session(conn, "Zonder fte (FICTIEF)", "WK194019")
    network.add_partner(
        conn, sid, {"organisatie": "Praktijk <b>X</b> (FICTIEF)", "discipline": "huisarts"}
    )
    rep = report.assemble(conn, sid, profile=copy.deepcopy(joure))
    section = rep.section("capaciteit")
    assert section.figures == [] and section.tables == [] and section.key_figures == []
    assert "FTE huisarts" in section.notes[0] and "Praktijk <b>X</b> (FICTIEF)" in section.notes[0]
    (slide,) = [s for s in rep.slides if s.key == "capaciteit"]
    assert slide.kind == "bullets" and "FTE huisarts" in slide.bullets[0]
    from wijktools.render.report_html import render_html

    html = render_html(rep)
    assert "Praktijk &lt;b&gt;X&lt;/b&gt; (FICTIEF)" in html and "<b>X</b>" not in html


def test_profile_html_and_json_carry_the_session_capacity(conn, joure):
    sid = network.load_demo(conn)
    built = copy.deepcopy(joure)
    capacity.attach(built, conn, sid)
    data = json.loads(to_json(built))
    assert data["capaciteit"]["fte_huisarts"] == 5.6
    assert data["capaciteit"]["zin"].startswith("In Wijk 19 Joure wonen")
    assert data["capaciteit"]["norm"]["patienten_per_fte"] == 2095
    assert any(k["regel_id"] == "capaciteit" for k in data["knelpunten"])  # 0,6 fte short (11 %)
    html = render_profile(built, with_figures=True)
    assert 'id="capaciteit"' in html and "5,6 fte huisarts" in html
    assert "data:image/svg+xml" in html.split('id="capaciteit"')[1]


def test_profile_without_a_session_says_so_plainly(joure):
    built = copy.deepcopy(joure)
    assert json.loads(to_json(built))["capaciteit"] is None
    html = render_profile(built, with_figures=False)
    section = html.split('id="capaciteit"')[1].split("</section>")[0]
    assert "zonder werksessie" in section and "FTE huisarts" in section
    assert "fte nodig" not in section.lower()


def test_sociale_kaart_workbook_has_fte_as_numbers_excel_can_sum(conn, tmp_path):
    """'3,0' as text cannot be summed or filtered in Excel; the cell is the number 3.0."""
    import openpyxl

    sid = network.load_demo(conn)  # two FICTIEF huisartsenpraktijken, 3,0 + 2,6 fte
    written = export.export(conn, sid, "xlsx", tmp_path, profile={})
    sheet = openpyxl.load_workbook(written["xlsx"])["Sociale kaart"]
    header = [c.value for c in sheet[4]]
    fte = [
        row[header.index("FTE huisarts")] for row in sheet.iter_rows(min_row=5, values_only=True)
    ]
    assert sorted(v for v in fte if v is not None) == [2.6, 3.0]
    assert all(v is None or isinstance(v, int | float) for v in fte)  # never the text "3,0"
