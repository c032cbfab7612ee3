import pytest

from tests.support.workshop import NASTY
from wijktools.errors import ValidationError
from wijktools.store import connection as store
from wijktools.workshop import knelpunten


def test_drafts_keep_origin_rule_value_and_are_added_once(conn, sid):
    drafts = [
        {
            "titel": "Veel eenzaamheid",
            "toelichting": "hoger dan NL",
            "bron": "data",
            "regel": "Eenzaam > NL",
            "waarde": 45.6,
        },
        {
            "titel": "Wachttijd GGZ",
            "toelichting": "",
            "bron": "enquete",
            "regel": None,
            "waarde": None,
        },
    ]
    first = knelpunten.add_drafts(conn, sid, drafts)
    again = knelpunten.add_drafts(conn, sid, drafts)
    assert first == again
    rows = knelpunten.knelpunten(conn, sid)
    assert [(r["title"], r["origin"], r["rule"], r["value"]) for r in rows] == [
        ("Veel eenzaamheid", "wijkprofiel", "Eenzaam > NL", "45.6"),
        ("Wachttijd GGZ", "enquête", None, None),
    ]


def test_user_text_is_stored_exactly_as_typed(conn, sid):
    kid = knelpunten.add_knelpunt(conn, sid, NASTY, NASTY)
    row = store.get(conn, "knelpunten", kid)
    assert row["title"] == NASTY and row["description"] == NASTY and row["origin"] == "zaal"


def test_edit_keeps_history_drop_hides_and_restores(conn, sid):
    kid = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid")
    knelpunten.edit_knelpunt(conn, kid, title="Eenzaamheid bij ouderen")
    assert store.history(conn, "knelpunten", kid)[1]["data"]["title"] == "Eenzaamheid"
    with pytest.raises(ValidationError):
        knelpunten.edit_knelpunt(conn, kid, title="  ")
    knelpunten.drop_knelpunt(conn, kid)
    assert knelpunten.knelpunten(conn, sid) == []
    store.restore(conn, "knelpunten", kid)
    assert knelpunten.knelpunten(conn, sid)[0]["title"] == "Eenzaamheid bij ouderen"
