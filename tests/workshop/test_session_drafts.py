"""The line data -> knelpunt: profile and survey drafts reach the session once, with origin, rule and year."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.support.workshop import store_at_schema
from wijktools import survey
from wijktools.cli import app
from wijktools.knelpunt import Knelpunt
from wijktools.opendata import areas
from wijktools.profile import build as profile
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import knelpunten, priorities, votes_import
from wijktools.workshop.sessions import create_session

# Hengelose Es (Hengelo (O.)) is not one of the demo areas; its profile proposes knelpunten.
KERN = ("Hengelose Es", ["WK016401"])


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def borculo_drafts() -> list[Knelpunt]:
    """What the wijkprofiel of Hengelose Es proposes, computed by the profile itself."""
    return profile.build(areas.kern(*KERN)).knelpunten


def drafts(*titles: str) -> list[Knelpunt]:
    return [
        Knelpunt(
            titel=t, tekst=f"{t}: 30 % tegenover 20 % landelijk", regel="r", key=f"k{i}", jaar=2022
        )
        for i, t in enumerate(titles)
    ]


def test_take_over_twice_adds_nothing_and_keeps_edits_drops_and_merges(conn, sid):
    first = knelpunten.take_over(
        conn, sid, drafts("Eenzaamheid", "Overgewicht", "Roken", "Bewegen")
    )
    assert first == {"nieuw": 4, "al_aanwezig": 0}
    rows = knelpunten.knelpunten(conn, sid)
    knelpunten.edit_knelpunt(conn, rows[0]["id"], title="Eenzaamheid onder ouderen (aangepast)")
    knelpunten.drop_knelpunt(conn, rows[1]["id"])
    knelpunten.merge_knelpunten(conn, rows[2]["id"], [rows[3]["id"]])

    again = knelpunten.take_over(
        conn, sid, drafts("Eenzaamheid", "Overgewicht", "Roken", "Bewegen")
    )

    assert again == {"nieuw": 0, "al_aanwezig": 4}
    live = [r["title"] for r in knelpunten.knelpunten(conn, sid)]
    assert live == ["Eenzaamheid onder ouderen (aangepast)", "Roken"]
    stored = knelpunten.knelpunten(conn, sid)[0]
    assert (stored["origin"], stored["year"], stored["rule"]) == ("wijkprofiel", 2022, "r")


def test_overview_keeps_the_origin_of_dropped_and_merged(conn, sid):
    knelpunten.take_over(conn, sid, drafts("Eenzaamheid", "Overgewicht", "Roken"))
    kid = knelpunten.add_knelpunt(conn, sid, "Parkeren", origin="zaal")
    rows = knelpunten.knelpunten(conn, sid)
    knelpunten.drop_knelpunt(conn, rows[1]["id"])
    knelpunten.merge_knelpunten(conn, kid, [rows[2]["id"]])
    lines = {line.knelpunt.titel: line.knelpunt for line in priorities.overview(conn, sid)}
    assert lines["Overgewicht"].herkomst == "wijkprofiel"
    assert lines["Overgewicht"].status == "geschrapt"
    assert lines["Roken"].status == "samengevoegd met 'Parkeren'"
    assert lines["Parkeren"].herkomst == "zaal" and lines["Parkeren"].status == ""
    table = priorities.table(conn, sid)
    assert list(table["Herkomst"]) == ["wijkprofiel", "zaal", "wijkprofiel", "wijkprofiel"]


def test_paper_votes_match_taken_over_knelpunten_by_title(conn, sid, tmp_path):
    knelpunten.take_over(conn, sid, drafts("Eenzaam (65 jaar e.o.)", "Overgewicht"))
    rows = knelpunten.knelpunten(conn, sid)
    knelpunten.merge_knelpunten(conn, rows[0]["id"], [rows[1]["id"]])
    sheet = tmp_path / "stemmen.csv"
    sheet.write_text(
        "Knelpunt;Stemmen\neenzaam  (65 jaar e.o.).;7\nOVERGEWICHT;3\n", encoding="utf-8"
    )
    summary = votes_import.import_paper_votes(conn, sid, sheet)
    assert summary["nieuwe_knelpunten"] == 0
    assert [r["origin"] for r in knelpunten.knelpunten(conn, sid)] == ["wijkprofiel"]
    (result,) = priorities.session_results(conn, sid)
    assert result.rows[0].score == 10.0


def test_sessie_nieuw_takes_the_profile_knelpunten_of_a_kern_not_in_the_demo(
    db_path, borculo_drafts
):
    name, codes = KERN
    result = run(
        "sessie", "nieuw", "Kick-off Hengelose Es", "--kern", name, "--codes", ",".join(codes),
        "--db", str(db_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1"
    conn = store.connect(db_path)
    rows = knelpunten.knelpunten(conn, 1)
    expected = [k for k in borculo_drafts if k.herkomst == "wijkprofiel"]
    assert expected, "the Hengelose Es profile proposes knelpunten"
    assert [r["title"] for r in rows] == [k.titel for k in expected]
    assert {r["origin"] for r in rows} == {"wijkprofiel"}
    assert [r["year"] for r in rows] == [k.jaar for k in expected]
    assert all(
        r["rule"] and r["rule"].startswith(k.regel) for r, k in zip(rows, expected, strict=True)
    )

    listing = run("knelpunten", "--sessie", "1", "--db", str(db_path))
    assert listing.exit_code == 0, listing.output
    for k in expected:
        assert f"{k.titel} [wijkprofiel, {k.jaar}]" in listing.stdout
    n = len(expected)
    assert f"{n} knelpunt{'en' if n != 1 else ''} in werksessie 1." in listing.stdout

    again = run("knelpunten", "overnemen", "--sessie", "1", "--db", str(db_path))
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("0 knelpunten overgenomen")
    assert len(knelpunten.knelpunten(store.connect(db_path), 1)) == n


def test_survey_knelpunten_are_added_with_origin_enquete(db_path):
    example, mapping = survey.demo_paths()
    conn = store.connect(db_path)
    sid = create_session(conn, "Joure (FICTIEF)", "WK194019")
    result = run(
        "knelpunten", "overnemen", "--sessie", str(sid), "--zonder-wijkprofiel",
        "--enquete", str(example), "--mapping", str(mapping), "--db", str(db_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    wanted = [k["titel"] for k in survey.load(str(example), str(mapping)).knelpunten()]
    rows = knelpunten.knelpunten(conn, sid)
    assert [r["title"] for r in rows] == wanted
    assert {r["origin"] for r in rows} == {"enquête"}


def test_zonder_knelpunten_and_a_bad_survey_leave_nothing_half_done(db_path, tmp_path):
    result = run(
        "sessie",
        "nieuw",
        "Leeg",
        "--gebied",
        "WK194019",
        "--zonder-knelpunten",
        "--db",
        str(db_path),
    )
    assert result.exit_code == 0, result.output
    assert knelpunten.knelpunten(store.connect(db_path), 1) == []
    bad = tmp_path / "enquete.csv"
    bad.write_text("", encoding="utf-8")
    failed = run(
        "sessie", "nieuw", "Met enquête", "--gebied", "WK194019", "--enquete", str(bad),
        "--db", str(db_path),
    )  # fmt: skip
    assert failed.exit_code == 1
    assert "Traceback" not in failed.output
    assert [s.id for s in sessions.list_sessions(store.connect(db_path))] == [1]


def test_old_stores_call_profile_knelpunten_wijkprofiel(tmp_path):
    path = tmp_path / "oud.sqlite"
    # A store as wijktools left it at schema 40 (before the herkomst migration and the later ones).
    conn = store_at_schema(path, 40)
    sid = store.insert(conn, "sessions", {"name": "Oud", "area_code": "WK026200"})
    conn.execute(
        "INSERT INTO knelpunten (session_id, title, origin, created_at, updated_at) "
        "VALUES (?, 'Eenzaamheid', 'data', 'x', 'x')",
        (sid,),
    )
    conn.close()
    upgraded = store.connect(path)
    assert knelpunten.knelpunten(upgraded, sid)[0]["origin"] == "wijkprofiel"


def test_survey_drafts_do_not_load_the_de_identification_engine():
    """Knelpunten carry no answer text, so taking them over (also in the demo) skips deduce."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import json, sys; from wijktools import survey; "
        "from wijktools.workshop.session_drafts import survey_drafts; "
        "drafts = survey_drafts(*survey.demo_paths()); "
        "print(json.dumps([len(drafts), 'deduce' in sys.modules]))"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    count, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert count > 0 and loaded is False
