"""The progress form and the 'Bereikt' tab: saved at once, Dutch errors, user text escaped."""

from tests.support.workshop import NASTY
from wijktools.store import connection as store
from wijktools.widgets.afspraken import workshop
from wijktools.widgets.effect import html
from wijktools.workshop import agreements, effect, session_drafts
from wijktools.workshop.sessions import create_session

AREA = "WK016401"


def test_progress_form_saves_and_refuses_in_dutch(conn):
    sid = create_session(conn, "Kick-off (FICTIEF)", AREA)
    aid = agreements.add_afspraak(conn, sid, NASTY).id
    form = workshop(conn, sid).parts["Voortgang"]
    form.refresh()
    assert form.afspraak.value == aid
    form.wie.value, form.wat.value, form.voortgang.value = "POH", NASTY, "150"
    form.save_button.click()
    assert "niet tussen 0 en 100" in form.message.value
    assert store.rows(conn, "afspraak_log") == []
    form.voortgang.value, form.status.value, form.datum.value = "50", "loopt", "1-6-2026"
    form.save_button.click()
    assert "Voortgang opgeslagen" in form.message.value
    row = store.get(conn, "afspraken", aid)
    assert (row["status"], row["voortgang"]) == ("loopt", 50)
    assert "<script>" not in form.current.value and "&lt;script&gt;" in form.current.value
    form.indicator.value = "Eenzaam|65+"
    form.link_button.click()
    assert store.get(conn, "afspraken", aid)["baseline_year"] == 2020
    form.indicator.value = "Onzin"
    form.link_button.click()
    assert "codeboek" in form.message.value


def test_afspraak_form_links_an_indicator(conn):
    sid = create_session(conn, "Kick-off (FICTIEF)", AREA)
    form = workshop(conn, sid).parts["Afspraken"]
    form.wat.value, form.indicator.value = "Welzijn op recept", "Eenzaam|65+"
    form.save_button.click()
    (a,) = agreements.afspraken(conn, sid)
    assert a["indicator"] == "Eenzaam|65+" and a["baseline_value"] is not None


def test_bereikt_view_escapes_and_shows_before_after(conn):
    sid = create_session(conn, "Kick-off (FICTIEF)", AREA)
    aid = agreements.add_afspraak(conn, sid, NASTY, indicator="Eenzaam|65+").id
    effect.record_progress(conn, aid, wat=NASTY, wie="POH", datum="2026-06-01")
    new_id, _ = session_drafts.new_session_with_drafts(
        conn, "Vervolg", AREA, kind="vervolg", wijkprofiel=False
    )
    view = workshop(conn, new_id).parts["Bereikt"]
    assert "<script>" not in view.html.value
    assert "55,3 % (2020) → nog geen nieuwe meting" in view.html.value
    assert "geen vervolgsessie" in html(None)


def test_progress_form_refuses_a_date_before_the_kick_off(conn):
    sid = create_session(conn, "Kick-off (FICTIEF)", AREA, dates=["2026-03-10"])
    agreements.add_afspraak(conn, sid, "Iets")
    form = workshop(conn, sid).parts["Voortgang"]
    form.refresh()
    form.wie.value, form.wat.value, form.datum.value = "POH", "Gestart", "1-3-2026"
    form.save_button.click()
    assert "10 maart 2026" in form.message.value and "vanaf 10-3-2026" in form.message.value
    assert store.rows(conn, "afspraak_log") == []
