import datetime as dt
import json

import pytest

from tests.support.workshop import NASTY, new_session
from wijktools.errors import ValidationError
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import agreements, followup, knelpunten

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1-3-2027", ("2027-03-01", None)),
        ("01/03/2027", ("2027-03-01", None)),
        ("2027-03-01", ("2027-03-01", None)),
        (dt.date(2027, 3, 1), ("2027-03-01", None)),
        ("Q2 2027", (None, "Q2 2027")),
        ("najaar  2027", (None, "najaar 2027")),
        ("maart 2027", (None, "maart 2027")),
        ("", (None, None)),
    ],
)
def test_deadline_accepts_dutch_iso_dates_and_periods(typed, expected):
    assert agreements.parse_deadline(typed) == expected


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("31-2-2027", "bestaat niet"), ("morgen", "geen datum"), ("Q5 2027", "geen datum")],
)
def test_deadline_that_is_no_real_date_is_refused(typed, hint):
    with pytest.raises(ValidationError, match=hint):
        agreements.parse_deadline(typed)


def test_afspraak_is_stored_as_typed_with_partners_resolved(conn, sid):
    kid = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid")
    saved = agreements.add_afspraak(
        conn,
        sid,
        NASTY,
        knelpunt_id=kid,
        trekker="welzijn voorbeeld (fictief)",
        betrokken=["Apotheek Centrum (FICTIEF)", "nieuw: Bibliotheek"],
        deadline="1-3-2027",
        coordination=NASTY,
        evaluation="Aantal verwijzingen",
        status="afgesproken",
        today=TODAY,
    )
    assert saved.warnings == [] and saved.message.startswith("Opgeslagen om ")
    (a,) = agreements.afspraken(conn, sid)
    assert a["wat"] == NASTY and a["coordination"] == NASTY
    assert a["trekker"] == "Welzijn Voorbeeld (FICTIEF)" and not a["trekker_is_nieuw"]
    assert a["betrokken_namen"] == ["Apotheek Centrum (FICTIEF)", "Bibliotheek"]
    assert a["deadline_tekst"] == "1 maart 2027" and a["knelpunt"] == "Eenzaamheid"


def test_past_deadline_is_a_recorded_dutch_warning_not_an_error(conn, sid):
    saved = agreements.add_afspraak(
        conn, sid, "Iets", trekker="Apotheek Centrum (FICTIEF)", deadline="1-1-2026", today=TODAY
    )
    assert "ligt in het verleden" in saved.warnings[0]
    assert "let op" in saved.message
    stored = store.get(conn, "afspraken", saved.id)
    assert json.loads(stored["warnings"]) == saved.warnings


def test_deadline_before_the_meeting_is_a_warning_that_names_both_dates(conn, sid):
    """Prepared before the meeting of 10 March 2027, typed 2026 for 2027: the year is suspect."""
    sessions.update_session(conn, sid, dates=["2027-03-10"])
    saved = agreements.add_afspraak(
        conn, sid, "Iets", trekker="Apotheek Centrum (FICTIEF)", deadline="15-1-2027", today=TODAY
    )
    assert saved.warnings == [
        "de deadline 15 januari 2027 ligt vóór de werksessie van 10 maart 2027 waarop de "
        "afspraak is gemaakt; klopt het jaartal?"
    ]
    later = agreements.add_afspraak(
        conn, sid, "Later", trekker="Apotheek Centrum (FICTIEF)", deadline="1-6-2027", today=TODAY
    )
    assert later.warnings == []


def test_trekker_must_be_on_the_sociale_kaart_or_entered_as_new(conn, sid):
    with pytest.raises(ValidationError, match=r"niet in de sociale kaart.*nieuw: Buurtcentrum"):
        agreements.add_afspraak(conn, sid, "x", trekker="Buurtcentrum")
    assert store.rows(conn, "afspraken") == []
    one = agreements.add_afspraak(conn, sid, "x", trekker="Buurtcentrum", nieuwe_trekker=True)
    two = agreements.add_afspraak(conn, sid, "y", trekker="Buurtcentrum (nieuw)")
    for saved in (one, two):
        row = store.get(conn, "afspraken", saved.id)
        assert (row["trekker_partner_id"], row["trekker_name"]) == (None, "Buurtcentrum")
    other = new_session(conn, "ander")
    foreign = store.rows(conn, "ketenpartners", {"session_id": other})[0]["id"]
    with pytest.raises(ValidationError):
        agreements.add_afspraak(conn, sid, "z", trekker=foreign)


def test_missing_trekker_warns_and_status_and_text_are_checked(conn, sid):
    assert "nog geen trekker" in agreements.add_afspraak(conn, sid, "x").warnings[0]
    with pytest.raises(ValidationError, match="status 'klaar'"):
        agreements.add_afspraak(conn, sid, "x", status="klaar")
    with pytest.raises(ValidationError, match="Beschrijf"):
        agreements.add_afspraak(conn, sid, "   ")


def test_status_update_keeps_history(conn, sid):
    saved = agreements.add_afspraak(conn, sid, "x", trekker="Apotheek Centrum (FICTIEF)")
    agreements.set_status(conn, saved.id, "loopt")
    assert store.get(conn, "afspraken", saved.id)["status"] == "loopt"
    assert store.history(conn, "afspraken", saved.id)[1]["data"]["status"] == "voorgesteld"


def test_carry_over_loads_previous_afspraken_with_status_once(conn, sid):
    kid = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid")
    agreements.add_afspraak(
        conn,
        sid,
        NASTY,
        knelpunt_id=kid,
        trekker="Apotheek Centrum (FICTIEF)",
        betrokken=["nieuw: Bieb"],
        deadline="Q2 2027",
        status="loopt",
    )
    later = new_session(conn, "Evaluatie", partners=False)
    assert sessions.previous_session(conn, later).id == sid
    ids = followup.carry_over_previous(conn, later)
    assert followup.carry_over_previous(conn, later) == []  # already there
    (a,) = agreements.afspraken(conn, later)
    assert a["id"] == ids[0] and a["wat"] == NASTY and a["status"] == "loopt"
    assert a["previous_afspraak_id"] is not None and a["deadline_tekst"] == "Q2 2027"
    assert (
        a["trekker"] == "Apotheek Centrum (FICTIEF)" and a["trekker_is_nieuw"]
    )  # no partners there yet
    assert knelpunten.find_knelpunt(conn, later, "Eenzaamheid")["origin"] == "vorige sessie"


def test_carry_over_refuses_another_area(conn, sid):
    elsewhere = new_session(conn, "Elders", area="WK999999")
    with pytest.raises(ValidationError, match="verschillende gebieden"):
        followup.carry_over(conn, sid, elsewhere)
