"""A survey given to a session is kept with it: its analysed result, never the text of an answer.

The survey files are the FICTIEF example of data/voorbeeld and generated CSVs; the area is Lochem
(WK026200), not a demo area.
"""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.workshop import store_at_schema
from wijktools import export, survey
from wijktools.errors import WijktoolsError
from wijktools.report.profile import ProfileSummary
from wijktools.store import connection as store
from wijktools.store import surveys
from wijktools.workshop import knelpunten, session_drafts
from wijktools.workshop.sessions import create_session

NO_PROFILE = ProfileSummary(melding="Geen wijkprofiel in deze test.")
OPEN = "Wat loopt er mis in de samenwerking?"


@pytest.fixture
def lochem(conn) -> int:
    return create_session(conn, "Kick-off Lochem", "WK026200")


def test_kept_survey_shows_what_the_file_shows(conn, lochem):
    example, mapping = survey.demo_paths()
    session_drafts.take_over(conn, lochem, wijkprofiel=False, enquete=example, mapping=mapping)
    kept = export.prepare(conn, lochem, profile=NO_PROFILE).section("enquete")
    given = export.prepare(
        conn, lochem, profile=NO_PROFILE, enquete=example, enquete_mapping=mapping
    ).section("enquete")
    assert kept.tables and kept.key_figures
    assert kept.tables == given.tables
    assert kept.key_figures == given.key_figures
    assert [f.name for f in kept.figures] == [f.name for f in given.figures] != []
    # Only the line about the open answers differs: the kept survey has none of their text.
    assert [n for n in kept.notes if "open antwoorden" not in n.lower()] == [
        n for n in given.notes if "open antwoorden" not in n.lower()
    ]
    assert any("niet bij de werksessie bewaard" in n for n in kept.notes)


def test_a_bad_survey_keeps_nothing_and_leaves_the_earlier_one(conn, lochem, tmp_path):
    example, mapping = survey.demo_paths()
    session_drafts.take_over(conn, lochem, wijkprofiel=False, enquete=example, mapping=mapping)
    first = surveys.get(conn, lochem)
    count = len(knelpunten.knelpunten(conn, lochem))
    bad = tmp_path / "enquete.csv"
    bad.write_text("", encoding="utf-8")
    with pytest.raises(WijktoolsError):
        session_drafts.take_over(conn, lochem, wijkprofiel=False, enquete=bad)
    assert surveys.get(conn, lochem) == first
    assert len(knelpunten.knelpunten(conn, lochem)) == count


def test_another_file_replaces_the_kept_one(conn, lochem, tmp_path):
    example, mapping = survey.demo_paths()
    session_drafts.take_over(conn, lochem, wijkprofiel=False, enquete=example, mapping=mapping)
    other = tmp_path / "enquete_tweede_ronde_FICTIEF.xlsx"
    other.write_bytes(example.read_bytes())
    session_drafts.take_over(conn, lochem, wijkprofiel=False, enquete=other, mapping=mapping)
    assert surveys.get(conn, lochem).file_name == other.name
    assert conn.execute("SELECT count(*) FROM session_surveys").fetchone()[0] == 1
    assert "enquete_tweede_ronde_FICTIEF.xlsx, bewaard bij werksessie" in export.survey_line(
        conn, lochem
    )


def test_a_store_from_before_gets_the_table(tmp_path):
    path = tmp_path / "oud.sqlite"
    conn = store_at_schema(path, 95)
    sid = store.insert(conn, "sessions", {"name": "Oud", "area_code": "WK026200"})
    conn.close()
    upgraded = store.connect(path)
    assert surveys.get(upgraded, sid) is None
    assert "Geen enquête bij werksessie" in export.survey_line(upgraded, sid)


# Answers start with a marker no label, theme or message of wijktools contains.
answer = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéë0123456789 @.-+"), max_size=30
).map(lambda t: f"XQ{t}")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=st.lists(answer, min_size=5, max_size=9))
def test_no_answer_text_is_ever_kept(tmp_path, answers):
    path = tmp_path / "enquete.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Beroep", "De samenwerking verloopt goed", OPEN])
        for number, text in enumerate(answers):
            writer.writerow(["Huisarts", str(1 + number % 5), text])
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        f'kolommen:\n  "Beroep": discipline\n  "De samenwerking verloopt goed": likert\n'
        f'  "{OPEN}": open\n',
        encoding="utf-8",
    )
    kept = session_drafts.read_survey(path, mapping)
    text = json.dumps(kept.result, ensure_ascii=False)
    assert "XQ" not in text
    assert kept.result["aantal_respondenten"] == len(answers)
    assert [q["vraag"] for q in kept.result["vragen"]][-1] == OPEN
    assert kept.result["open_antwoorden_bewaard"] is False
