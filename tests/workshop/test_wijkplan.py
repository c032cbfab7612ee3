from bs4 import BeautifulSoup

from tests.support.workshop import NASTY, new_session
from wijktools.render import wijkplan_html
from wijktools.store import connection as store
from wijktools.workshop import agreements, knelpunten, priorities, wijkplan


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
    wijkplan.set_block(conn, sid, "vervolg", NASTY)
    assert wijkplan.blocks(conn, sid)["vervolg"] == {
        "heading": "Vervolg",
        "text": NASTY,
        "edited": True,
    }
    row = store.rows(conn, "wijkplan_blocks", {"session_id": sid, "section": "vervolg"})[0]
    assert store.history(conn, "wijkplan_blocks", row["id"])[1]["data"]["text"].startswith(
        "Over ongeveer"
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
