"""The report states only what happened: paper votes, later meetings, the method, Coördinatie, Dutch text."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import copy_fixture
from tests.support.workshop import new_session
from wijktools import nl
from wijktools.knelpunt import Knelpunt
from wijktools.render.docx import render_docx
from wijktools.render.report_html import render_html
from wijktools.render.xlsx import render_xlsx
from wijktools.report import assemble as report
from wijktools.store import connection as store
from wijktools.workshop import agreements, knelpunten, votes_import, wijkplan
from wijktools.workshop.sessions import create_session

TODAY = dt.date(2027, 1, 15)


@pytest.fixture
def paper_session(conn, tmp_path):
    """Knelpunten from the profile, votes only on paper (29 stippen in 2 rounds, FICTIEF)."""
    sid = new_session(conn)
    drafts = [
        Knelpunt(titel=t, regel="ongunstiger dan landelijk", key=t, jaar=2022)
        for t in ("Veel eenzaamheid onder ouderen", "Lange wachttijd GGZ")
    ]
    knelpunten.take_over(conn, sid, drafts)
    sheet = copy_fixture("stemmen_papier_twee_rondes_FICTIEF.csv", tmp_path)
    votes_import.import_paper_votes(conn, sid, sheet)
    return sid


def test_paper_votes_are_reported_as_paper_not_as_one_participant(conn, paper_session):
    rep = report.assemble(conn, paper_session, today=TODAY)
    table = rep.find_table("knelpunten")
    assert "papieren stemming, 13 stippen" in table.caption  # round 2 of the fixture: 9 + 4
    assert "deelnemer" not in table.caption
    assert "papieren stemming" in rep.find_figure("stemming").source
    assert "1 deelnemers" not in render_html(rep)


def test_method_text_describes_the_paper_vote_and_the_real_sources(conn, paper_session):
    text = wijkplan.blocks(conn, paper_session)["werkwijze"]["text"]
    assert "2 uit het wijkgezondheidsprofiel" in text
    assert "1 genoemd op de papieren stemformulieren" in text  # 'Parkeren bij de praktijk'
    assert "op papier 29 stippen uitgebracht in 2 rondes (papieren stemming)" in text
    assert "enquête" not in text and "impact" not in text and "per deelnemer" not in text


def test_method_text_names_dots_and_matrix_when_they_were_used(conn):
    from wijktools.demo import workshop as demo_workshop

    sid = new_session(conn)
    demo_workshop.run_demo_workshop(conn, sid)
    text = wijkplan.blocks(conn, sid)["werkwijze"]["text"]
    assert "stippen (3 per deelnemer) in 2 rondes" in text
    assert "impact en haalbaarheid in 1 ronde" in text
    assert "papier" not in text


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2027-03-01"], []),  # the session's own date is not a next meeting
        (["2027-03-01", "2027-06-01"], ["Volgende bijeenkomst: 1 juni 2027"]),
        (["2026-09-01", "2026-12-01"], []),  # a later date that has passed
    ],
)
def test_next_meeting_only_for_a_later_date(conn, dates, expected):
    sid = create_session(conn, "Sessie (FICTIEF)", "WK194019", dates=dates)
    steps = report.assemble(conn, sid, today=TODAY).next_steps
    assert [s for s in steps if s.startswith("Volgende bijeenkomst")] == expected


def test_coordination_appears_in_report_word_and_excel(conn, paper_session):
    kid = knelpunten.knelpunten(conn, paper_session)[0]["id"]
    agreements.add_afspraak(
        conn,
        paper_session,
        "Wekelijks consultatie-uur (FICTIEF)",
        knelpunt_id=kid,
        trekker="Welzijn Voorbeeld (FICTIEF)",
        deadline="1-3-2027",
        status="afgesproken",
        coordination="Wijk-MDO elke zes weken (FICTIEF)",
    )
    rep = report.assemble(conn, paper_session, today=TODAY)
    table = rep.find_table("afspraken")
    assert "Coördinatie" in table.header
    assert table.rows[0][table.header.index("Coördinatie")] == "Wijk-MDO elke zes weken (FICTIEF)"
    html = render_html(rep)
    assert "Wijk-MDO elke zes weken (FICTIEF)" in html
    doc = Document(io.BytesIO(render_docx(rep)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Coördinatie" in cells and "Wijk-MDO elke zes weken (FICTIEF)" in cells
    book = load_workbook(io.BytesIO(render_xlsx(rep)))
    values = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert "Coördinatie" in values and "Wijk-MDO elke zes weken (FICTIEF)" in values


def test_html_hyphenates_in_dutch_and_never_prints_a_heading_twice(conn, paper_session):
    html = render_html(report.assemble(conn, paper_session, today=TODAY))
    assert '<html lang="nl">' in html
    assert "hyphens: auto" in html
    assert "break-all" not in html and "anywhere" not in html
    headings = re.findall(r"<h([23])>(.*?)</h\1>", html)
    for (_, first), (_, second) in itertools.pairwise(headings):
        assert first != second, f"heading '{first}' printed twice"


def test_dutch_plurals_numbers_and_dates():
    assert [nl.plural(n, "knelpunt", "knelpunten") for n in (0, 1, 6)] == [
        "0 knelpunten",
        "1 knelpunt",
        "6 knelpunten",
    ]
    assert nl.plural(1250, "stip", "stippen") == "1.250 stippen"
    assert nl.number(1234.5, 1) == "1.234,5"
    assert nl.parse_date("1-3-2027") == nl.parse_date("2027-03-01") == "2027-03-01"
    assert nl.date("2027-03-01") == "1 maart 2027"
    assert nl.short_date("2027-03-01") == "1-3-2027"


@pytest.mark.parametrize("bad", ["31-2-2027", "morgen", "2027-13-01"])
def test_one_date_parser_refuses_what_is_no_date(bad):
    from wijktools.errors import ValidationError

    with pytest.raises(ValidationError, match="geen geldige datum"):
        nl.parse_date(bad)


PLURAL_BRACKETS = (
    r"(rij|ronde|knelpunt|fout|afwijking|buurt|gemeente|groep|stem|deelnemer|afspraak|nieuw)"
    r"\((en|n|e|s)\)"
)


def test_messages_have_no_plural_brackets():
    """'knelpunt(en)' reads as a form, not a sentence; nl.plural picks the word."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "wijktools"
    offenders = [
        f"{path.relative_to(root)}: {line.strip()}"
        for path in root.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(PLURAL_BRACKETS, line, re.IGNORECASE)
    ]
    assert offenders == []


def test_a_kern_is_named_never_coded_in_report_word_and_excel(conn):
    """Borculo (Berkelland, not a demo area): its name heads the documents, members by name and code."""
    from wijktools import export
    from wijktools.opendata import areas

    sid = create_session(
        conn, "Kick-off Borculo (FICTIEF)", kern_name="Borculo", kern_codes=["WK185900"]
    )
    session = store.get(conn, "sessions", sid)
    assert session["area_code"].startswith("KERN-")  # the internal key stays internal
    wijk = areas.lookup("WK185900")
    rep = report.assemble(conn, sid, profile=export._profile_for(session), today=TODAY)
    assert rep.meta.area_label == "Borculo"
    assert rep.meta.members_label == f"Bestaat uit: {wijk.name} (WK185900)"
    indicators = next(t for s in rep.sections for t in s.tables if "Nederland" in t.header)
    assert "Borculo" in indicators.header
    html = render_html(rep)
    docx_text = " ".join(
        [p.text for p in Document(io.BytesIO(render_docx(rep))).paragraphs]
        + [
            c.text
            for t in Document(io.BytesIO(render_docx(rep))).tables
            for r in t.rows
            for c in r.cells
        ]
    )
    book = load_workbook(io.BytesIO(render_xlsx(rep)))
    cells = " ".join(
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    for text in (html, docx_text, cells):
        assert session["area_code"] not in text
    assert f"{wijk.name} (WK185900)" in html and f"{wijk.name} (WK185900)" in docx_text


def test_a_kern_without_rivm_figures_says_why_in_the_report(conn):
    """Sint Pancras (Dijk en Waard, merged 2022): its buurten are not in the RIVM 2020 indeling."""
    from wijktools import export

    codes = ["BU19800501", "BU19800502", "BU19800503"]
    sid = create_session(conn, "Kick-off (FICTIEF)", kern_name="Sint Pancras", kern_codes=codes)
    session = store.get(conn, "sessions", sid)
    rep = report.assemble(conn, sid, profile=export._profile_for(session), today=TODAY)
    indicators = next(t for s in rep.sections for t in s.tables if "Nederland" in t.header)
    assert not any("Eenzaam" in str(row[0]) for row in indicators.rows)  # no RIVM row at all
    text = " ".join(block.text for s in rep.sections for block in s.texts)
    assert "Niet in de tabel: " in text and "Eenzaam (65 jaar e.o.)" in text
    assert "RIVM-cijfers dekken 0 % van de inwoners (65+) van de kern" in text
    assert "BU19800501 komt niet voor in de RIVM-indeling van 2020" in text


def test_density_reads_as_cbs_publishes_it():
    """Wijk 13 Assendorp: KWB 2024 Bevolkingsdichtheid_34 = 4352 (85984NED, gemeente/wijk JSON)."""
    import json as _json

    from wijktools.opendata import areas
    from wijktools.paths import raw_dir
    from wijktools.profile import build as profile
    from wijktools.profile.model import to_json
    from wijktools.report.profile import from_profile

    raw = _json.loads(
        (
            raw_dir()
            / "cbs-kwb-2024-85984NED"
            / "85984NED_stripped_filtered_data_2024_gemeente_wijk.json"
        ).read_text(encoding="utf-8")
    )
    density = raw["WK019313"]["Bevolkingsdichtheid_34"]
    summary = from_profile(_json.loads(to_json(profile.build(areas.lookup("WK019313")))))
    (row,) = [r for r in summary.tables[0].rows if r[0] == "Bevolkingsdichtheid"]
    assert row[2] == f"{nl.number(density, 0)} inwoners per km²" == "4.352 inwoners per km²"
