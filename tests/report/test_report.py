import datetime as dt

import pytest

from tests.support.export_helpers import (
    EMAIL,
    FORMULA,
    PERSON,
    SCRIPT_NAME,
    make_session,
    profile_fixture,
    survey_fixture,
)
from wijktools.errors import StoreError
from wijktools.report import assemble as report
from wijktools.store import connection as store
from wijktools.survey.result import SurveyResult


@pytest.fixture
def conn(db_path):
    connection = store.connect(db_path)
    yield connection
    connection.close()


def flat(rep: report.Report) -> str:
    parts = [str(rep.meta), repr(rep.sociale_kaart), *rep.next_steps]
    for section in rep.sections:
        parts += [k.label + k.value + k.note for k in section.key_figures]
        parts += [repr(t.rows) + repr(t.header) for t in section.tables]
        parts += [b.text for b in section.texts] + section.notes
    return "\n".join(parts)


def test_contact_details_dropped_unless_asked(conn):
    sid = make_session(conn)
    without = report.assemble(conn, sid)
    assert EMAIL not in flat(without) and PERSON not in flat(without)
    assert "E-mail" not in without.sociale_kaart.header
    assert "geen contactgegevens" in without.meta.contact_statement
    with_contacts = report.assemble(conn, sid, met_contactgegevens=True)
    assert EMAIL in with_contacts.sociale_kaart.column("E-mail")
    assert PERSON in with_contacts.sociale_kaart.column("Contactpersoon")
    assert "bevat contactgegevens" in with_contacts.meta.contact_statement


def test_sections_from_store_in_reading_order(conn):
    sid = make_session(conn)
    rep = report.assemble(conn, sid, profile=profile_fixture(), today=dt.date(2026, 11, 20))
    assert [s.key for s in rep.sections] == [
        "profiel",
        "enquete",
        "sociale_kaart",
        "capaciteit",
        "knelpunten",
        "afspraken",
        "wijkplan",
    ]
    knelpunten = rep.find_table("knelpunten")
    assert knelpunten.rows[0][:2] == ["1", "Medicatieoverdracht"]  # 4 dots beat 2
    assert rep.find_table("afspraken").rows[0][0] == FORMULA
    assert rep.find_table("afspraken").rows[0][2] == SCRIPT_NAME  # trekker by organisation
    assert rep.find_figure("stemming").png.startswith(b"\x89PNG")
    assert rep.attribution[0].line.startswith("CBS, Kerncijfers wijken en buurten 2024")
    assert "CC BY 4.0" in rep.attribution[0].line
    assert [k.value for k in rep.key_figures] == ["10.225", "12,2 %"]
    assert rep.meta.generated_label == "20 november 2026"
    assert "Volgende bijeenkomst: 15 januari 2099" in rep.next_steps


def test_missing_sources_leave_a_dutch_note(conn):
    sid = store.insert(conn, "sessions", {"name": "Leeg", "area_code": "WK040201"})
    rep = report.assemble(conn, sid)
    assert "niet meegegeven" in rep.section("profiel").notes[0]
    assert rep.section("sociale_kaart").notes == [
        "Er zijn nog geen ketenpartners vastgelegd voor deze sessie."
    ]
    assert rep.attribution_lines == [
        "In dit document zijn geen open data van CBS of RIVM gebruikt."
    ]


def test_survey_groups_under_five_never_included(conn):
    sid = make_session(conn)
    rep = report.assemble(conn, sid, survey=survey_fixture())
    text = flat(rep)
    assert "Huisarts" in repr(rep.section("enquete").table("respondenten").rows)
    assert "Diëtetiek" not in text
    assert "Bereikbaarheid" in text  # theme shown, raw open answers are not copied


def test_whole_survey_suppressed_shows_only_message(conn):
    sid = make_session(conn)
    survey = {
        "onderdrukt": True,
        "melding": "Minder dan 5 respondenten: niet getoond.",
        "vragen": [{"vraag": "V1", "onderdrukt": True}],
    }
    section = report.assemble(conn, sid, survey=survey).section("enquete")
    assert section.tables == [] and section.notes == ["Minder dan 5 respondenten: niet getoond."]


def test_drop_suppressed_removes_small_groups_at_any_depth():
    # A group of 3 that is not marked suppressed (a hand-edited enquete.json) is dropped too.
    data = survey_fixture()
    data["disciplines"][2] = {"groep": "Diëtetiek", "n": 3, "onderdrukt": False}
    data["vragen"][0]["per_discipline"].append({"groep": "Fysiotherapie", "n": 4})
    shown = report.drop_suppressed(SurveyResult.from_dict(data))
    assert [g.name for g in shown.disciplines] == ["Huisarts", "Wijkverpleging"]
    assert [g.name for g in shown.questions[0].groups] == ["Huisarts"]


def test_survey_result_round_trips_its_json_shape():
    data = survey_fixture()
    data.pop("_toelichting")
    result = SurveyResult.from_dict(data)
    assert result.source_line == data["bronregel"]
    again = result.to_dict()
    assert again["disciplines"] == data["disciplines"]
    assert again["vragen"][0] == data["vragen"][0]
    assert again["open_antwoorden"] == data["open_antwoorden"]


def test_control_characters_are_stripped(conn):
    sid = make_session(conn)
    rep = report.assemble(conn, sid)
    assert "+31 bellen" in rep.sociale_kaart.column("Opmerkingen")


def test_unknown_session_is_a_dutch_error(conn):
    with pytest.raises(StoreError, match="Werksessie 99 bestaat niet"):
        report.assemble(conn, 99)


@pytest.mark.slow
def test_real_profile_becomes_key_figures_figures_and_sources(conn):
    from wijktools.profile import build as profile
    from wijktools.profile.model import to_json

    built = profile.build("WK040201")
    sid = make_session(conn)
    rep = report.assemble(conn, sid, profile=built)
    labels = [k.label for k in rep.key_figures]
    assert labels[:2] == ["Inwoners", "65 jaar of ouder"]
    section = rep.section("profiel")
    assert section.table("indicatoren").header[0] == "Indicator"
    assert {f.name for f in section.figures} >= {"leeftijd"}
    # SVG for HTML, PDF and reveal.js; Word draws the PNG from the Profile the report keeps
    assert all(b"<svg" in f.svg[:200] and not f.png for f in section.figures)
    assert rep.profile is built
    assert any(
        "CBS, Kerncijfers wijken en buurten" in line and "CC BY 4.0" in line
        for line in rep.attribution_lines
    )
    # the to_json form gives the same key figures (without figures)
    from_json = report.assemble(conn, sid, profile=to_json(built))
    assert [k.value for k in from_json.key_figures] == [k.value for k in rep.key_figures]


def test_real_survey_small_groups_never_in_report(conn):
    from wijktools import export, survey

    sid = make_session(conn)
    example, mapping = survey.demo_paths()
    result = export.read_survey(example, mapping)
    small = [g.name for g in result.disciplines if g.suppressed]
    assert small  # the fictional example has disciplines with fewer than 5 respondents
    rep = report.assemble(conn, sid, survey=result)
    section = rep.section("enquete")
    shown = section.table("respondenten").column("Discipline")
    assert "overige disciplines" in shown
    assert not set(small) & set(shown)
    assert section.figure("enquete_disciplines").png.startswith(b"\x89PNG")


def test_report_draws_only_the_survey_overview_figures(conn, monkeypatch):
    """The per-question figures belong to the survey view: the report neither shows nor draws them."""
    from wijktools import export, survey
    from wijktools.figures import survey as survey_figures

    result = export.read_survey(*survey.demo_paths())
    drawn: list[str] = []
    diverging = survey_figures._diverging
    monkeypatch.setattr(
        survey_figures,
        "_diverging",
        lambda rows, scale, title, source: (
            drawn.append(title) or diverging(rows, scale, title, source)
        ),
    )
    rep = report.assemble(conn, make_session(conn), survey=result)
    names = [f.name for f in rep.section("enquete").figures]
    assert names == ["enquete_disciplines", "enquete_stellingen_eens"]
    assert drawn == ["Stellingen: alle respondenten"]


def test_survey_under_five_respondents_shows_only_the_message(conn):
    from tests.support.export_helpers import FIXTURES
    from wijktools import export

    sid = make_session(conn)
    result = export.read_survey(FIXTURES / "enquete_4_respondenten.xlsx")
    section = report.assemble(conn, sid, survey=result).section("enquete")
    assert section.tables == [] and section.figures == [] and section.key_figures == []
    assert section.notes == ["te weinig respondenten (minder dan 5)"]


def test_survey_percentages_round_once_from_the_counts(conn, tmp_path):
    # FICTIEF: 10 of 22 agree = 45.45 %, shown as 45 % (not 45.5 rounded again to 46 %), also
    # when the summary comes back from enquete.json.
    from wijktools import export

    answers = ["Mee eens"] * 6 + ["Helemaal mee eens"] * 4 + ["Neutraal"] * 4 + ["Mee oneens"] * 8
    path = tmp_path / "enquete_FICTIEF.csv"
    path.write_text(
        "Functie;Ik heb tijd voor overleg\n" + "".join(f"Huisarts;{a}\n" for a in answers),
        encoding="utf-8",
    )
    result = export.read_survey(path, None)
    for survey in (result, result.to_dict()):
        rows = report.assemble(conn, make_session(conn), survey=survey)
        row = rows.section("enquete").table("vragen").rows[0]
        assert row[1:4] == [22, "45 %", "36 %"]
