"""'Wat is er bereikt' in the report and both decks: only for a vervolg, user text escaped."""

import io

import pptx
import pytest
from docx import Document

from tests.support.workshop import NASTY
from wijktools.opendata import areas
from wijktools.profile import build as profile
from wijktools.render.docx import render_docx
from wijktools.render.pptx import render_pptx
from wijktools.render.report_html import render_html
from wijktools.render.slides import render_slides
from wijktools.report import assemble as report
from wijktools.store import connection as store
from wijktools.workshop import agreements, effect, knelpunten, session_drafts
from wijktools.workshop.sessions import create_session

AREA = "WK016401"


@pytest.fixture
def vervolg(conn):
    sid = create_session(conn, "Kick-off (FICTIEF)", AREA, dates=["2026-03-10"])
    kid = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid")
    linked = agreements.add_afspraak(
        conn, sid, "Welzijn op recept (FICTIEF)", knelpunt_id=kid, indicator="Eenzaam|65+"
    ).id
    plain = agreements.add_afspraak(conn, sid, NASTY, status="afgesproken").id
    effect.record_progress(
        conn, linked, wat=NASTY, wie="Welzijn", datum="2026-05-01", status="gereed", voortgang=100
    )
    effect.record_progress(conn, plain, wat="Gestart", wie="POH", datum="2026-06-01", voortgang=20)
    new_id, _ = session_drafts.new_session_with_drafts(
        conn, "Vervolg (FICTIEF)", AREA, kind="vervolg", wijkprofiel=False
    )
    return new_id


def test_section_shows_status_progress_log_and_indicator(conn, vervolg):
    rep = report.assemble(conn, vervolg)
    keys = [s.key for s in rep.sections]
    assert keys.index("bereikt") < keys.index("afspraken")
    section = rep.section("bereikt")
    assert section.intro == "2 afspraken uit 'Kick-off (FICTIEF)' van 10 maart 2026; 1 gereed."
    progress = section.table("bereikt")
    rows = {r[0]: dict(zip(progress.header, r, strict=True)) for r in progress.rows}
    assert rows["Welzijn op recept (FICTIEF)"]["Status"] == "gereed"
    assert rows["Welzijn op recept (FICTIEF)"]["Voortgang"] == "100 %"
    assert rows[NASTY]["Laatste voortgang"] == "1 juni 2026 – POH: Gestart"
    (indicator,) = section.table("bereikt_indicatoren").rows
    assert indicator[1:5] == [
        "Eenzaam (65 jaar e.o.)",
        "Wijk 01 Hengelose Es (WK016401)",
        "55,3 % (2020)",
        "nog geen nieuwe meting",
    ]
    assert [k.value for k in section.key_figures][:2] == ["1 van 2", "0"]
    assert any("50090NED" in line for line in rep.attribution_lines)


def test_every_format_shows_it_and_escapes_user_text(conn, vervolg):
    rep = report.assemble(conn, vervolg)
    html = render_html(rep)
    assert "Wat is er bereikt" in html and "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    slides = [s.key for s in rep.slides]
    assert slides.index("bereikt") < slides.index("sociale_kaart")
    assert "bereikt_indicatoren" in slides
    deck = render_slides(rep)
    assert "Wat is er bereikt" in deck and "<script>alert(1)</script>" not in deck
    text = " ".join(
        shape.text_frame.text
        if shape.has_text_frame
        else " ".join(c.text for row in shape.table.rows for c in row.cells)
        if shape.has_table
        else ""
        for slide in pptx.Presentation(io.BytesIO(render_pptx(rep))).slides
        for shape in slide.shapes
    )
    assert "Wat is er bereikt" in text and "nog geen nieuwe meting" in text
    doc = Document(io.BytesIO(render_docx(rep)))
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "55,3 % (2020)" in cells and NASTY in cells


def test_without_a_linked_indicator_the_section_says_how_to_link_one(conn):
    sid = create_session(conn, "Kick-off (FICTIEF)", AREA)
    agreements.add_afspraak(conn, sid, "Iets (FICTIEF)")
    new_id, _ = session_drafts.new_session_with_drafts(
        conn, "Vervolg (FICTIEF)", AREA, kind="vervolg", wijkprofiel=False
    )
    section = report.assemble(conn, new_id).section("bereikt")
    assert section.table("bereikt_indicatoren") is None
    assert any("afspraak koppel" in n for n in section.notes)
    assert section.table("bereikt").rows[0][-1] == "nog geen voortgang vastgelegd"


def test_a_kick_off_has_no_such_section_or_slide(conn):
    sid = create_session(conn, "Kick-off (FICTIEF)", AREA)
    rep = report.assemble(conn, sid)
    assert rep.section("bereikt") is None
    assert not any(s.key.startswith("bereikt") for s in rep.slides)


def test_vervolg_without_earlier_afspraken_has_a_note(conn):
    create_session(conn, "Kick-off (FICTIEF)", AREA)
    new_id, _ = session_drafts.new_session_with_drafts(
        conn, "Vervolg (FICTIEF)", AREA, kind="vervolg", wijkprofiel=False
    )
    rep = report.assemble(conn, new_id)
    assert "had geen afspraken" in rep.section("bereikt").intro
    assert [s.kind for s in rep.slides if s.key.startswith("bereikt")] == ["bullets"]
    assert store.get(conn, "sessions", new_id)["kind"] == "vervolg"


def test_a_nulmeting_cites_its_table_once_with_the_licence(conn):
    # Walk of kern Hollum (Ameland, two buurten): the profile cites RIVM 50090NED with its years and
    # CC BY 4.0; the nulmeting of 'Overgewicht|65+' added a second, shorter RIVM line without it.
    codes = ["BU00600003", "BU00600009"]
    sid = create_session(
        conn,
        "Kick-off Hollum (FICTIEF)",
        kern_name="Hollum",
        kern_codes=codes,
        dates=["2026-11-04"],
    )
    kid = knelpunten.add_knelpunt(conn, sid, "Overgewicht")
    agreements.add_afspraak(
        conn, sid, "Beweegaanbod (FICTIEF)", knelpunt_id=kid, indicator="Overgewicht|65+"
    )
    new_id, _ = session_drafts.new_session_with_drafts(
        conn, "Vervolg Hollum (FICTIEF)", kern_name="Hollum", kern_codes=codes, kind="vervolg"
    )
    built = profile.build(areas.kern("Hollum", codes))
    lines = report.assemble(conn, new_id, profile=built).attribution_lines
    rivm = [line for line in lines if "50090NED" in line]
    assert len(rivm) == 1, lines
    assert "2012, 2016, 2020" in rivm[0] and "CC BY 4.0" in rivm[0]


def test_a_nulmeting_without_the_profile_is_still_cited_with_the_licence(conn, vervolg):
    lines = report.assemble(conn, vervolg).attribution_lines
    (rivm,) = [line for line in lines if "50090NED" in line]
    assert rivm.endswith("CC BY 4.0")
