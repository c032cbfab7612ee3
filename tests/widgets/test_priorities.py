import pytest

from tests.support.workshop import NASTY, new_session
from wijktools.store import connection as store
from wijktools.widgets.afspraken import workshop
from wijktools.workshop import agreements, knelpunten, priorities, toolkit


@pytest.fixture
def parts(db_path):
    conn = store.connect(db_path)
    sid = new_session(conn)
    for title in ("Eenzaamheid", "Wachttijd GGZ"):
        knelpunten.add_knelpunt(conn, sid, title)
    tab = workshop(conn, sid)
    return conn, sid, tab.parts


def test_knelpunt_added_in_the_room_is_saved_at_once_as_typed(parts):
    conn, sid, p = parts
    editor = p["Knelpunten"]
    editor.title.value = NASTY
    editor.add_button.click()
    assert knelpunten.knelpunten(conn, sid)[-1]["title"] == NASTY
    assert "&lt;script&gt;" not in editor.message.value  # message has no user text, list has it raw
    assert len(editor.items.options) == 3


def test_round_vote_entry_and_live_results(parts):
    conn, sid, p = parts
    p["Rondes"].dots.value = 2
    p["Rondes"].open_button.click()
    assert "Ronde 1 is open" in p["Rondes"].message.value
    entry, live = p["Stemmen"], p["Uitslag"]
    entry.rebuild()
    first, second = entry.fields
    entry.participant.value = "<b>huisarts</b>"
    entry.fields[first].value = 3
    entry.save_button.click()
    assert "&lt;b&gt;huisarts&lt;/b&gt; verdeelt 3 stippen" in entry.message.value
    entry.fields[first].value = 1
    entry.fields[second].value = 1
    entry.save_button.click()
    assert "opgeslagen om" in entry.message.value
    assert live.refresh() is True
    assert "1=" in live.table.value and bytes(live.image.value).startswith(b"\x89PNG")
    assert live.refresh() is False  # nothing changed, no redraw
    priorities.cast_dots(conn, priorities.rounds(conn, sid)[0]["id"], "poh", {first: 2})
    assert live.refresh() is True and "Eenzaamheid" in live.table.value


def test_matrix_round_gets_sliders(parts):
    conn, sid, p = parts
    p["Rondes"].mode.value = "matrix"
    p["Rondes"].open_button.click()
    entry = p["Stemmen"]
    entry.rebuild()
    impact, haalbaar = next(iter(entry.fields.values()))
    impact.value, haalbaar.value = 5, 4
    entry.participant.value = "apotheker"
    entry.save_button.click()
    row = priorities.results(conn, priorities.rounds(conn, sid)[0]["id"]).rows[0]
    assert (row.impact, row.haalbaarheid, row.quadrant) == (5.0, 4.0, "snel resultaat")


def test_afspraak_form_validates_in_place_and_reports_saving(parts):
    conn, sid, p = parts
    form = p["Afspraken"]
    form.deadline.value = "31-2-2027"
    assert "bestaat niet" in form.deadline_hint.value
    form.deadline.value = "1-3-2027"
    assert "1 maart 2027" in form.deadline_hint.value
    form.wat.value = NASTY
    form.trekker.value = "Onbekende Partner"
    form.save_button.click()
    assert "sociale kaart" in form.message.value and agreements.afspraken(conn, sid) == []
    form.new_trekker.value = True
    form.deadline.value = "1-1-2020"
    form.save_button.click()
    assert "Opgeslagen om" in form.message.value and "verleden" in form.message.value
    (a,) = agreements.afspraken(conn, sid)
    assert a["wat"] == NASTY and a["trekker"] == "Onbekende Partner" and a["trekker_is_nieuw"]


def test_toolkit_picker_searches_suggests_and_adopts(parts):
    conn, sid, p = parts
    picker = p["Gereedschapskist"]
    assert "Eenzaamheid" in picker.suggestions.value
    picker.theme.value = "mantelzorg"
    assert all("mantelzorg" in label for label, _ in picker.results.options)
    picker.theme.value = None
    picker.keyword.value = "eenzaam"
    picker.results.value = "welzijn-op-recept"
    assert "Movisie" in picker.detail.value
    picker.kind.value = "afspraak"
    picker.adopt_button.click()
    assert agreements.afspraken(conn, sid)[0]["toolkit_entry"] == "welzijn-op-recept"
    assert (
        toolkit.get("welzijn-op-recept").voorbeeld_afspraak
        == agreements.afspraken(conn, sid)[0]["wat"]
    )


def test_live_results_poller_starts_and_stops_cleanly(parts):
    _, _, p = parts
    live = p["Uitslag"]
    live.start(seconds=3600)
    assert live._timer is not None
    live.stop()
    assert live._timer is None
