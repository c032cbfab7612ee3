from bs4 import BeautifulSoup

from tests.support.workshop import NASTY, new_session
from wijktools.render import wijkplan_html
from wijktools.store import connection as store
from wijktools.workshop import agreements, knelpunten, priorities, wijkplan
from wijktools.workshop.sessions import create_session


def make(conn):
    sid = new_session(conn, name="Werksessie (FICTIEF)")
    kid = knelpunten.add_knelpunt(conn, sid, NASTY)
    other = knelpunten.add_knelpunt(conn, sid, "Wachttijd GGZ")
    rid = priorities.open_round(conn, sid, "dots", 3)
    priorities.cast_dots(conn, rid, "p1", {kid: 2, other: 1})
    wijkplan.add_intervention(conn, sid, NASTY, knelpunt_id=kid, aim=NASTY, planning="Q2 2027")
    agreements.add_afspraak(conn, sid, NASTY, knelpunt_id=kid, trekker="Apotheek Centrum (FICTIEF)")
    return sid


def test_text_blocks_have_dutch_defaults_and_edits_are_kept_with_history(db_path):
    conn = store.connect(db_path)
    sid = new_session(conn)
    assert wijkplan.blocks(conn, sid)["inleiding"]["text"].startswith("In dit wijkplan")
    wijkplan.fill_defaults(conn, sid)
    wijkplan.set_block(conn, sid, "afspraken", NASTY)
    assert wijkplan.blocks(conn, sid)["afspraken"] == {
        "heading": "Samenwerkingsafspraken",
        "text": NASTY,
        "edited": True,
    }
    row = store.rows(conn, "wijkplan_blocks", {"session_id": sid, "section": "afspraken"})[0]
    assert store.history(conn, "wijkplan_blocks", row["id"])[1]["data"]["text"].startswith(
        "Iedere afspraak"
    )


def test_assemble_collects_priorities_interventions_afspraken_and_key_figures(db_path):
    conn = store.connect(db_path)
    sid = make(conn)
    plan = wijkplan.assemble(
        conn,
        sid,
        {
            "kerncijfers": [
                {"label": "Inwoners", "waarde": 9080, "bron": "CBS"},
                {"label": "Eenzaam", "value": 45.6, "unit": "%"},
            ]
        },
    )
    assert plan.fictional
    assert [k["title"] for k in plan.knelpunten] == [NASTY, "Wachttijd GGZ"]
    assert plan.knelpunten[0]["interventions"][0]["aim"] == NASTY
    assert plan.knelpunten[0]["result_text"] == ["Ronde 1 (stippen): plaats 1 (2 stippen)"]
    assert plan.afspraken[0]["wat"] == NASTY
    assert plan.key_figures[0] == {"label": "Inwoners", "value": 9080, "unit": "", "source": "CBS"}


def test_html_escapes_user_text_everywhere(db_path):
    conn = store.connect(db_path)
    sid = make(conn)
    html = wijkplan_html.to_html(wijkplan.assemble(conn, sid, {"Inwoners": 9080}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert NASTY in soup.get_text()
    assert "FICTIEF voorbeeld" in soup.get_text() and "9.080" in soup.get_text()
    assert soup.find("img")["src"].startswith("data:image/png;base64,")
    fragment = wijkplan_html.to_html(wijkplan.assemble(conn, sid), figures=False, fragment=True)
    assert "<html" not in fragment and "<style" not in fragment and "&lt;script&gt;" in fragment


def test_vervolg_names_a_later_meeting_only_when_one_was_entered(db_path):
    import datetime as dt

    conn = store.connect(db_path)
    without = create_session(conn, "Zonder vervolg", "WK026200", dates=["2027-03-01"])
    text = wijkplan.blocks(conn, without)["vervolg"]["text"]
    assert "nog geen datum" in text and "half jaar" not in text
    later = create_session(conn, "Met vervolg", "WK026200", dates=["2027-03-01", "2027-09-14"])
    text = wijkplan.follow_up_text(conn, later, today=dt.date(2027, 3, 1))
    assert "14 september 2027" in text
    # the session's own date is not a next meeting
    assert "nog geen datum" in wijkplan.follow_up_text(conn, without, today=dt.date(2027, 1, 1))


def test_kick_off_names_the_date_of_its_vervolgsessie(db_path):
    """`sessie vervolg` makes a session of its own: the kick-off's wijkplan and report name its date."""
    import datetime as dt

    from wijktools.report import assemble
    from wijktools.workshop import followup

    conn = store.connect(db_path)
    kick_off = create_session(conn, "Kick-off (FICTIEF)", "WK026200", dates=["2027-03-01"])
    vervolg = create_session(
        conn, "Vervolg (FICTIEF)", "WK026200", dates=["2027-09-14"], kind="vervolg"
    )
    followup.start_followup(conn, vervolg)
    text = wijkplan.follow_up_text(conn, kick_off, today=dt.date(2027, 3, 2))
    assert text.startswith("De partners komen op 14 september 2027 weer bijeen")
    report = assemble.assemble(conn, kick_off, today=dt.date(2027, 3, 2))
    assert report.next_steps == ["Volgende bijeenkomst: 14 september 2027"]
    # once the vervolg has taken place, nothing is announced as still to come
    assert "nog geen datum" in wijkplan.follow_up_text(conn, kick_off, today=dt.date(2027, 9, 15))
