"""Werksessies: area or kern, kinds, dates, short codes, follow-ups."""

import pytest

from wijktools.errors import AreaNotFoundError, DataMissingError, StoreError, ValidationError
from wijktools.opendata import areas
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop.sessions import create_session


def test_create_for_area_code_resolves_the_name(conn):
    sid = create_session(
        conn, "Kick-off Joure", "wk194019", dates=["23-11-2026"], facilitator="An de Vries"
    )
    s = sessions.get_session(conn, sid)
    assert (s.area_code, s.area_name) == ("WK194019", "Wijk 19 Joure")
    assert s.dates == ("2026-11-23",)
    assert s.facilitator == "An de Vries"
    assert s.kind == "kick-off"
    assert not s.is_kern


def test_unknown_area_code_is_refused_with_dutch_message(conn):
    with pytest.raises((AreaNotFoundError, ValidationError)):
        create_session(conn, "x", "WK999999")
    assert sessions.list_sessions(conn) == []


def test_area_is_required(conn):
    with pytest.raises(ValidationError, match="Geef een gebied op"):
        create_session(conn, "x")


def test_name_is_required(conn):
    with pytest.raises(ValidationError, match="naam"):
        create_session(conn, "  ", "WK194019")


def test_kind_must_be_known(conn):
    with pytest.raises(ValidationError, match="kick-off, vervolg, evaluatie"):
        create_session(conn, "x", "WK194019", kind="borrel")


def test_bad_date_is_explained(conn):
    with pytest.raises(ValidationError, match="geen geldige datum"):
        create_session(conn, "x", "WK194019", dates=["31-2-2026"])


def test_kern_definition_is_stored_with_members(conn):
    import wijktools.opendata.areas as areas

    members = areas.members_of("GM1940")[:2]
    sid = create_session(conn, "Kern", kern_name="Joure en omstreken", kern_codes=members)
    s = sessions.get_session(conn, sid)
    assert s.is_kern
    assert list(s.kern_codes) == members
    assert s.area_name == "Joure en omstreken"


def test_codes_are_short_unique_and_unambiguous(conn):
    codes = {
        sessions.get_session(conn, create_session(conn, f"s{i}", "WK194019")).code
        for i in range(30)
    }
    assert len(codes) == 30
    for code in codes:
        assert len(code) == sessions.CODE_LENGTH
        assert not set(code) & set("01ILO")


def test_session_by_code_is_case_insensitive(conn):
    sid = create_session(conn, "a", "WK194019")
    code = sessions.get_session(conn, sid).code
    assert sessions.session_by_code(conn, code.lower()).id == sid
    with pytest.raises(StoreError, match="geen werksessie met code"):
        sessions.session_by_code(conn, "ZZZZZZ")


def test_previous_session_of_the_same_area(conn):
    first = create_session(conn, "Kick-off", "WK194019", dates=["2026-01-10"])
    create_session(conn, "Elders", "GM1940", dates=["2026-03-01"])
    follow = create_session(conn, "Evaluatie", "WK194019", dates=["2026-06-10"], kind="evaluatie")
    assert sessions.previous_session(conn, follow).id == first
    assert sessions.previous_session(conn, first) is None


def test_list_orders_by_date_and_hides_deleted(conn):
    late = create_session(conn, "Laat", "WK194019", dates=["2026-09-01"])
    early = create_session(conn, "Vroeg", "WK194019", dates=["2026-02-01"])
    gone = create_session(conn, "Weg", "WK194019", dates=["2026-05-01"])
    store.soft_delete(conn, "sessions", gone)
    assert [s.id for s in sessions.list_sessions(conn)] == [early, late]
    assert sessions.newest_session(conn).id == late
    with pytest.raises(StoreError, match="bestaat niet"):
        sessions.get_session(conn, gone)


def _without_area_data(monkeypatch):
    """A bare install without shipped open data: the area look-ups raise DataMissingError."""

    def missing(*_args, **_kwargs):
        raise DataMissingError("Geen open data (test).")

    monkeypatch.setattr(areas, "lookup", missing)
    monkeypatch.setattr(areas, "kern", missing)


def test_format_check_without_area_data(conn, monkeypatch):
    _without_area_data(monkeypatch)
    sid = create_session(conn, "x", "bu19400000")
    assert sessions.get_session(conn, sid).area_code == "BU19400000"
    with pytest.raises(ValidationError, match="geen CBS-gebiedscode"):
        create_session(conn, "x", "Joure")


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2027-03-01", "2027-03-01"), ("1-3-2027", "2027-03-01"), ("01/03/2027", "2027-03-01")],
)
def test_parse_date_accepts_iso_and_dutch(text, iso):
    assert sessions.parse_date(text) == iso


def test_kern_without_area_data_checks_member_format(conn, monkeypatch):
    _without_area_data(monkeypatch)
    sid = create_session(conn, "k", kern_name="Joure Oost", kern_codes=["WK194019"])
    assert sessions.get_session(conn, sid).area_code == "KERN-joure-oost"
    with pytest.raises(ValidationError, match="geen CBS-gebiedscode"):
        create_session(conn, "k", kern_name="x", kern_codes=["Joure"])


def test_update_session_keeps_history(conn):
    sid = create_session(conn, "Kick-off", "WK194019", dates=["2026-01-10"])
    s = sessions.update_session(conn, sid, dates=["3-2-2026", "1-2-2026"], kind="vervolg")
    assert s.dates == ("2026-02-01", "2026-02-03") and s.kind == "vervolg"
    assert store.history(conn, "sessions", sid)[-1]["data"]["kind"] == "kick-off"
    with pytest.raises(ValidationError):
        sessions.update_session(conn, sid, kind="feest")


def test_one_earlier_session_for_vervolg_and_vergelijk_even_for_a_kern_of_the_same_name(conn):
    # Two kernen named Sint Pancras share their made-up code; only the same buurten are the same
    # territory. The vervolg (linked by sessie nieuw --soort vervolg) and sessie vergelijk used to
    # pick different earlier sessions here.
    from wijktools.network import compare
    from wijktools.workshop import followup

    codes = ["BU19800501", "BU19800502", "BU19800503"]
    kick_off = create_session(conn, "Kick-off", kern_name="Sint Pancras", kern_codes=codes)
    create_session(conn, "Alleen de kern", kern_name="Sint Pancras", kern_codes=codes[:1])
    vervolg = create_session(
        conn, "Vervolg", kern_name="Sint Pancras", kern_codes=codes, kind="vervolg"
    )
    followup.start_followup(conn, vervolg)
    assert store.get(conn, "sessions", vervolg)["previous_session_id"] == kick_off
    assert sessions.previous_session(conn, vervolg).id == kick_off
    assert compare.compare_with_previous(conn, vervolg).before.session_id == kick_off


def test_an_undated_vervolg_follows_a_kick_off_dated_ahead(conn):
    # The kick-off was entered with its (future) meeting date; the vervolg without --datum sorts
    # by today. Before, vergelijk found no earlier session while the vervolg linked the kick-off.
    kick_off = create_session(conn, "Kick-off", "WK019313", dates=["2099-01-12"])
    vervolg = create_session(conn, "Vervolg", "WK019313", kind="vervolg")
    assert sessions.previous_session(conn, vervolg).id == kick_off


def test_a_new_date_never_puts_a_vervolg_before_its_kick_off(conn):
    from wijktools.workshop import followup

    kick_off = create_session(conn, "Kick-off", "WK019313", dates=["2026-03-10"])
    vervolg = create_session(conn, "Vervolg", "WK019313", dates=["2026-09-01"], kind="vervolg")
    followup.start_followup(conn, vervolg)
    with pytest.raises(ValidationError, match=r"1 februari 2026.*'Kick-off' van 10 maart 2026"):
        sessions.update_session(conn, vervolg, dates=["1-2-2026"])
    with pytest.raises(ValidationError, match=r"1 oktober 2026.*'Vervolg' van 1 september 2026"):
        sessions.update_session(conn, kick_off, name="Start", dates=["1-10-2026"])
    assert sessions.get_session(conn, vervolg).dates == ("2026-09-01",)
    assert sessions.get_session(conn, kick_off).name == "Kick-off"
    assert sessions.update_session(conn, vervolg, dates=["10-3-2026"]).dates == ("2026-03-10",)
