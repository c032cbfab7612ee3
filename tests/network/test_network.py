"""Ketenpartners and relations in the store, disciplines per session, upkeep and the netwerkkaart."""

import datetime as dt

import pytest

from wijktools import network
from wijktools.errors import RecordInvalid, ValidationError
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop.sessions import create_session


@pytest.fixture
def sid(kickoff_sid):
    return kickoff_sid


def add(conn, sid, name, discipline="huisarts", **extra):
    return network.add_partner(conn, sid, {"organisatie": name, "discipline": discipline, **extra})


def test_add_partner_normalises_and_commits(conn, sid):
    pid = add(conn, sid, "Praktijk A", postcode="8501ab", werkdagen="maandag, woensdag")
    row = network.partners_by_id(conn, pid)
    assert (row["postcode"], row["werkdagen"]) == ("8501 AB", "ma, wo")
    assert not conn.in_transaction


def test_invalid_partner_is_not_stored(conn, sid):
    with pytest.raises(RecordInvalid):
        add(conn, sid, "Praktijk A", email="nee")
    assert network.partners(conn, sid) == []


def test_organisation_names_are_unique_per_session(conn, sid):
    add(conn, sid, "Praktijk A")
    with pytest.raises(RecordInvalid, match="staat al op de sociale kaart"):
        add(conn, sid, "praktijk a")
    other = create_session(conn, "Andere", "WK194019")
    add(conn, other, "Praktijk A")


def test_update_partial_keeps_other_fields(conn, sid):
    pid = add(conn, sid, "Praktijk A", telefoon="0513-123456")
    network.update_partner(conn, pid, {"opnamestop": "ja tot 1-3-2027"})
    row = network.partners_by_id(conn, pid)
    assert row["telefoon"] == "0513-123456"
    assert (row["opnamestop"], row["opnamestop_tot"]) == (1, "2027-03-01")


def test_update_refuses_name_of_other_partner(conn, sid):
    add(conn, sid, "Praktijk A")
    pid = add(conn, sid, "Praktijk B")
    with pytest.raises(RecordInvalid):
        network.update_partner(conn, pid, {"organisatie": "Praktijk A"})


def test_restore_refused_when_name_taken_again(conn, sid):
    pid = add(conn, sid, "Praktijk A")
    network.delete_partner(conn, pid)
    add(conn, sid, "Praktijk A")
    with pytest.raises(ValidationError, match="opnieuw op de sociale kaart"):
        network.restore_partner(conn, pid)


def test_extra_discipline_is_stored_per_session(conn, sid):
    with pytest.raises(RecordInvalid):
        add(conn, sid, "Buurtsport", "buurtsportcoach")
    assert network.add_discipline(conn, sid, "buurtsportcoach", "welzijn") == "buurtsportcoach"
    add(conn, sid, "Buurtsport", "buurtsportcoach")
    assert network.disciplines(conn, sid)["buurtsportcoach"] == "welzijn"
    other = create_session(conn, "Andere", "WK194019")
    assert "buurtsportcoach" not in network.disciplines(conn, other)
    assert network.add_discipline(conn, sid, "Huisarts") == "huisarts"
    with pytest.raises(ValidationError, match="Domein"):
        network.add_discipline(conn, sid, "x", "sport")


def test_relations_crud_with_soft_delete(conn, sid):
    a, b = add(conn, sid, "A"), add(conn, sid, "B", "apotheek")
    rid = network.add_relation(conn, sid, a, b, "MDO", 2)
    row = network.relations(conn, sid)[0]
    assert (row["van"], row["naar"], row["kind"], row["intensity"], row["directed"]) == (
        "A",
        "B",
        "overleg/MDO",
        2,
        0,
    )
    with pytest.raises(ValidationError, match="staat er al"):
        network.add_relation(conn, sid, b, a, "overleg/MDO", 1)
    network.update_relation(conn, rid, intensity=3, kind="verwijzen")
    assert network.relations(conn, sid)[0]["directed"] == 1
    network.delete_relation(conn, rid)
    assert network.relations(conn, sid) == []
    network.restore_relation(conn, rid)
    assert network.relations(conn, sid)[0]["intensity"] == 3
    assert [h["action"] for h in store.history(conn, "relations", rid)] == [
        "insert",
        "before_update",
        "delete",
        "restore",
    ]


def test_relation_validation(conn, sid):
    a = add(conn, sid, "A")
    with pytest.raises(ValidationError, match="twee verschillende"):
        network.add_relation(conn, sid, a, a, "informeel")
    b = add(conn, sid, "B")
    with pytest.raises(ValidationError, match="Soort relatie"):
        network.add_relation(conn, sid, a, b, "vriendschap")
    with pytest.raises(ValidationError, match="Intensiteit"):
        network.add_relation(conn, sid, a, b, "informeel", 7)
    other = create_session(conn, "Andere", "WK194019")
    c = add(conn, other, "C")
    with pytest.raises(ValidationError, match="niet \\(meer\\) op de sociale kaart"):
        network.add_relation(conn, sid, a, c, "informeel")


def test_deleted_partner_hides_its_relations_until_restored(conn, sid):
    a, b = add(conn, sid, "A"), add(conn, sid, "B")
    network.add_relation(conn, sid, a, b, "informeel")
    network.delete_partner(conn, b)
    assert network.relations(conn, sid) == []
    network.restore_partner(conn, b)
    assert len(network.relations(conn, sid)) == 1


def test_review_lists_old_and_never_checked(conn, sid):
    today = dt.date(2026, 11, 23)
    add(conn, sid, "Oud", laatst_gecontroleerd="2025-11-22")
    add(conn, sid, "Precies", laatst_gecontroleerd="2025-11-23")
    add(conn, sid, "Nooit")
    add(conn, sid, "Recent", laatst_gecontroleerd="2026-10-01")
    due = network.review_due(conn, sid, today=today)
    assert [(p["organisatie"], p["reden"]) for p in due] == [
        ("Nooit", "nooit gecontroleerd"),
        ("Oud", "laatst gecontroleerd 2025-11-22"),
    ]
    assert [p["organisatie"] for p in network.review_due(conn, sid, months=1, today=today)] == [
        "Nooit",
        "Oud",
        "Precies",
        "Recent",
    ]
    network.set_review_months(conn, sid, 6)
    assert network.review_months(conn, sid) == 6
    assert len(network.review_due(conn, sid, today=today)) == 3
    with pytest.raises(ValidationError):
        network.set_review_months(conn, sid, 0)


def test_review_handles_month_ends(conn, sid):
    add(conn, sid, "A", laatst_gecontroleerd="2025-02-28")
    assert network.review_due(conn, sid, today=dt.date(2026, 2, 28)) == []
    assert network.review_due(conn, sid, months=12, today=dt.date(2026, 3, 1))


def test_missing_disciplines_against_reference_and_adjustable(conn, sid):
    reference = network.reference(conn, sid)
    assert "huisarts" in reference and "mantelzorgondersteuning" in reference
    add(conn, sid, "A", "huisarts")
    missing = network.missing_disciplines(conn, sid)
    assert "huisarts" not in missing and "wijkverpleging" in missing
    network.set_reference(conn, sid, ["Huisarts", "logopedie"])
    assert network.missing_disciplines(conn, sid) == ["logopedie"]
    with pytest.raises(ValidationError, match="Onbekende discipline"):
        network.set_reference(conn, sid, ["tovenaar"])


def test_poh_with_fte_in_a_practice_is_not_a_missing_discipline(conn, sid):
    # The walk of Assendorp: two practices with 1,8 fte POH-S and 1,0 fte POH-GGZ between them,
    # and the report still listed POH-GGZ and POH-somatiek as missing.
    add(conn, sid, "Praktijk A (FICTIEF)", fte_huisarts=3.2, fte_poh_s=1.0, fte_poh_ggz=0.6)
    add(conn, sid, "Praktijk B (FICTIEF)", fte_huisarts=2.1, fte_poh_s=0.8)
    missing = network.missing_disciplines(conn, sid)
    assert "POH-GGZ" not in missing and "POH-somatiek" not in missing
    assert "wijkverpleging" in missing


def test_poh_without_fte_is_still_missing(conn, sid):
    add(conn, sid, "Praktijk A (FICTIEF)", fte_huisarts=3.2, fte_poh_s=0)
    missing = network.missing_disciplines(conn, sid)
    assert "POH-GGZ" in missing and "POH-somatiek" in missing


def test_shipped_reference_is_documented():
    from wijktools.network import vocab

    data = vocab.shipped_reference()
    assert data["disciplines"] and set(data["disciplines"]) <= set(vocab.DISCIPLINES)


def test_graph_isolated_and_summary(conn):
    sid = network.load_demo(conn)
    graph = network.build_graph(conn, sid)
    assert graph.number_of_nodes() == 18 and graph.number_of_edges() == 12
    lonely = [graph.nodes[n]["organisatie"] for n in network.isolated(graph)]
    assert "Logopedie Het Wâld" in lonely
    facts = network.summary(conn, sid)
    assert facts["ontbrekende_disciplines"] == ["casemanager dementie", "mantelzorgondersteuning"]
    assert facts["te_controleren"] == ["Diëtistenpraktijk Joure"]
    domains = {graph.nodes[n]["domein"] for n in graph}
    assert domains == {"zorg", "welzijn", "gemeente"}


def test_sociale_kaart_table_and_privacy(conn, sid):
    add(conn, sid, "A", contactpersoon="J. Jansen", telefoon="06-12345678", opnamestop="ja")
    table = network.sociale_kaart(conn, sid)
    assert table.loc[0, "Opnamestop"] == "ja"
    assert table.loc[0, "Contactpersoon"] == "J. Jansen"
    hidden = network.sociale_kaart(conn, sid, met_contactgegevens=False)
    assert hidden.loc[0, "Contactpersoon"] == "" and hidden.loc[0, "Telefoon"] == ""


def test_session_or_demo(conn):
    demo = network.session_or_demo(conn, 0)
    assert sessions.get_session(conn, demo).area_code == "WK194019"
    later = create_session(conn, "Later", "WK194019", dates=["2030-01-01"])
    assert network.session_or_demo(conn, 0) == later
    assert network.session_or_demo(conn, demo) == demo


def test_review_table(conn, sid):
    add(conn, sid, "Nooit")
    table = network.review_table(conn, sid)
    assert table.to_dict("records") == [
        {"Organisatie": "Nooit", "Discipline": "huisarts", "Reden": "nooit gecontroleerd"}
    ]
