"""Two sessions' networks of one area: new/gone relations, isolation, density, matching, errors.

All organisations are the FICTIEF demo partners of Joure or made up for the test (fictief).
"""

import pytest

from wijktools import network
from wijktools.errors import ValidationError
from wijktools.network import compare, matching
from wijktools.workshop import sessions


@pytest.fixture
def kickoff(conn):
    return network.load_demo(conn)


@pytest.fixture
def vervolg(conn, kickoff):
    """A follow-up whose sociale kaart and relations were typed in again (no copy links)."""
    sid = sessions.create_session(
        conn, "Vervolg Joure", "WK194019", dates=["2027-05-17"], kind="vervolg"
    )
    partners_file, relations_file = network.demo_files()
    network.import_partners(conn, sid, partners_file)
    network.import_relations(conn, sid, relations_file)
    return sid


def pid(conn, sid, name):
    return network.find_partner(conn, sid, name)["id"]


def relate(conn, sid, a, b, kind="informeel", **extra):
    return network.add_relation(conn, sid, pid(conn, sid, a), pid(conn, sid, b), kind, **extra)


def unrelate(conn, sid, a, b, kind):
    found = network.find_relation(conn, sid, pid(conn, sid, a), pid(conn, sid, b), kind)
    network.delete_relation(conn, found["id"])


def empty_session(conn, name="Leeg", area="WK194019", kind="vervolg", date="2027-01-01"):
    return sessions.create_session(conn, name, area, dates=[date], kind=kind)


def add(conn, sid, name, discipline="huisarts"):
    return network.add_partner(conn, sid, {"organisatie": name, "discipline": discipline})


def test_unchanged_network_has_no_changes_and_equal_density(conn, kickoff, vervolg):
    c = compare.compare(conn, kickoff, vervolg)
    assert c.new_relations == [] and c.gone_relations == []
    assert c.new_partners == [] and c.gone_partners == []
    assert (c.before.partners, c.after.partners) == (18, 18)
    assert c.before.density == c.after.density and c.density_change == 0
    # Every partner was recognised by name: the re-typed follow-up has no copy links.
    assert all(n.matched_by == matching.NAME for n in c.nodes)
    assert "gelijk" in " ".join(c.summary_lines())


def test_new_and_gone_relations(conn, kickoff, vervolg):
    relate(conn, vervolg, "Logopedie Het Wâld", "Huisartsenpraktijk De Skâns", "verwijzen")
    unrelate(conn, vervolg, "Huisartsen Midstraat", "Fysiotherapie Geaflecht", "verwijzen")
    c = compare.compare(conn, kickoff, vervolg)
    assert c.new_relations == [("Logopedie Het Wâld", "Huisartsenpraktijk De Skâns", "verwijzen")]
    assert c.gone_relations == [("Huisartsen Midstraat", "Fysiotherapie Geaflecht", "verwijzen")]
    assert {e.status for e in c.edges} == {"nieuw", "verdwenen", "gebleven"}


def test_mutual_relation_entered_the_other_way_round_is_the_same(conn, kickoff, vervolg):
    # The kick-off has De Skâns -> Apotheek (overleg/MDO); entered as Apotheek -> De Skâns now.
    unrelate(conn, vervolg, "Huisartsenpraktijk De Skâns", "Apotheek Haskeruitgang", "overleg/MDO")
    relate(conn, vervolg, "Apotheek Haskeruitgang", "Huisartsenpraktijk De Skâns", "overleg/MDO")
    c = compare.compare(conn, kickoff, vervolg)
    assert c.new_relations == [] and c.gone_relations == []


def test_a_referral_in_the_other_direction_is_a_new_relation(conn, kickoff, vervolg):
    unrelate(conn, vervolg, "POH-GGZ Joure Noord", "GGZ Team Zuidwest", "verwijzen")
    relate(conn, vervolg, "GGZ Team Zuidwest", "POH-GGZ Joure Noord", "verwijzen")
    c = compare.compare(conn, kickoff, vervolg)
    assert c.new_relations == [("GGZ Team Zuidwest", "POH-GGZ Joure Noord", "verwijzen")]
    assert c.gone_relations == [("POH-GGZ Joure Noord", "GGZ Team Zuidwest", "verwijzen")]


def test_isolated_still_no_longer_and_newly(conn, kickoff, vervolg):
    # Kick-off without relation: Ergotherapie, Logopedie, Oefentherapie, Verloskundigen.
    before = set(compare.compare(conn, kickoff, vervolg).still_isolated)
    assert before == {
        "Ergotherapie Friesland Zuid",
        "Logopedie Het Wâld",
        "Oefentherapie Sneekerweg",
        "Verloskundigen De Pleats",
    }
    relate(conn, vervolg, "Logopedie Het Wâld", "Ergotherapie Friesland Zuid")
    unrelate(conn, vervolg, "Huisartsen Midstraat", "Fysiotherapie Geaflecht", "verwijzen")
    c = compare.compare(conn, kickoff, vervolg)
    assert c.no_longer_isolated == ("Ergotherapie Friesland Zuid", "Logopedie Het Wâld")
    assert c.still_isolated == ("Oefentherapie Sneekerweg", "Verloskundigen De Pleats")
    assert c.newly_isolated == ("Fysiotherapie Geaflecht",)


def test_density_counts_connected_pairs_once(conn):
    earlier = empty_session(conn, "Eerder", kind="kick-off", date="2026-01-01")
    later = empty_session(conn, "Later", date="2026-06-01")
    names = [
        "Praktijk A (fictief)",
        "Praktijk B (fictief)",
        "Praktijk C (fictief)",
        "Praktijk D (fictief)",
    ]
    for sid in (earlier, later):
        for name in names:
            add(conn, sid, name)
    relate(conn, earlier, names[0], names[1])
    # Later: A-B twice (two kinds: still one pair), A-C and C-D: three pairs of the six possible.
    relate(conn, later, names[0], names[1])
    relate(conn, later, names[0], names[1], "verwijzen")
    relate(conn, later, names[0], names[2])
    relate(conn, later, names[2], names[3], "overleg/MDO")
    c = compare.compare(conn, earlier, later)
    assert (c.before.ties, c.after.ties) == (1, 3)
    assert c.before.density == pytest.approx(1 / 6) and c.after.density == pytest.approx(3 / 6)
    assert (c.before.relations, c.after.relations) == (1, 4)
    assert compare.density_label(c.after.density) == "50,0 %"
    assert compare.change_label(c.density_change) == "+33,3 procentpunt"


def test_no_relations_in_either_session(conn):
    earlier = empty_session(conn, "Eerder", kind="kick-off", date="2026-01-01")
    later = empty_session(conn, "Later", date="2026-06-01")
    for sid in (earlier, later):
        add(conn, sid, "Praktijk A (fictief)")
        add(conn, sid, "Apotheek B (fictief)", "apotheek")
    c = compare.compare(conn, earlier, later)
    assert c.edges == () and c.density_change == 0
    assert c.still_isolated == ("Apotheek B (fictief)", "Praktijk A (fictief)")
    assert "In geen van beide sessies zijn relaties vastgelegd." in c.summary_lines()
    assert c.change_rows() == []


def test_fewer_than_two_partners_has_no_density(conn):
    earlier = empty_session(conn, "Eerder", kind="kick-off", date="2026-01-01")
    later = empty_session(conn, "Later", date="2026-06-01")
    add(conn, later, "Praktijk A (fictief)")
    c = compare.compare(conn, earlier, later)
    assert c.before.density is None and c.after.density is None and c.density_change is None
    assert c.new_partners == ["Praktijk A (fictief)"]
    assert "n.v.t." in " ".join(c.summary_lines())


def test_partner_matched_by_name_is_named_for_a_check(conn):
    earlier = empty_session(conn, "Eerder", kind="kick-off", date="2026-01-01")
    later = empty_session(conn, "Later", date="2026-06-01")
    add(conn, earlier, "Huisartsenpraktijk De Linde (fictief)")
    add(conn, earlier, "Huisartsenpraktijk Haskerland (fictief)")
    add(conn, earlier, "Apotheek Zuid (fictief)", "apotheek")
    add(conn, later, "HAP De Linde (fictief)")  # the same after normalisation
    add(conn, later, "Huisartsenpraktijk Haskerlan (fictief)")  # a typo: a likely duplicate
    add(conn, later, "Apotheek Noord (fictief)", "apotheek")  # another organisation
    c = compare.compare(conn, earlier, later)
    by_name = {n.organisatie: n for n in c.nodes}
    linde, hasker = (
        by_name["HAP De Linde (fictief)"],
        by_name["Huisartsenpraktijk Haskerlan (fictief)"],
    )
    assert (linde.before, linde.after, linde.matched_by) == (True, True, matching.NAME)
    assert (hasker.before, hasker.after, hasker.matched_by) == (True, True, matching.LIKE)
    assert linde.earlier_name == "Huisartsenpraktijk De Linde (fictief)"
    assert c.new_partners == ["Apotheek Noord (fictief)"]
    assert c.gone_partners == ["Apotheek Zuid (fictief)"]
    note = next(line for line in c.summary_lines() if line.startswith("Op naam herkend"))
    assert (
        "'Huisartsenpraktijk Haskerland (fictief)' = 'Huisartsenpraktijk Haskerlan (fictief)'"
        in note
    )


def test_same_name_other_discipline_is_another_partner(conn):
    earlier = empty_session(conn, "Eerder", kind="kick-off", date="2026-01-01")
    later = empty_session(conn, "Later", date="2026-06-01")
    add(conn, earlier, "Gezondheidscentrum Joure (fictief)", "huisarts")
    add(conn, later, "Gezondheidscentrum Joure (fictief)", "fysiotherapie")
    c = compare.compare(conn, earlier, later)
    assert c.new_partners == ["Gezondheidscentrum Joure (fictief)"]
    assert c.gone_partners == ["Gezondheidscentrum Joure (fictief)"]


def test_copy_link_decides_before_the_name():
    # A follow-up copies partners with a link to the original; a renamed partner keeps its identity,
    # and the link wins over a name that happens to match another earlier partner.
    before = [
        {"id": 1, "organisatie": "Praktijk Oud (fictief)", "discipline": "huisarts"},
        {"id": 2, "organisatie": "Praktijk Nieuw (fictief)", "discipline": "huisarts"},
    ]
    after = [
        {"id": 11, "organisatie": "Praktijk Nieuw (fictief)", "discipline": "huisarts",
         "previous_partner_id": 1},
        {"id": 12, "organisatie": "Praktijk Anders (fictief)", "discipline": "huisarts",
         "previous_partner_id": None},
    ]  # fmt: skip
    found = matching.match_partners(None, before, after)
    assert found == {11: (1, matching.LINK)}


def test_copy_link_is_followed_through_sessions_in_between(monkeypatch):
    # Kick-off partner 1 was copied to 21 (first follow-up), 21 to 31 (second follow-up).
    stored = {21: {"id": 21, "previous_partner_id": 1}, 1: {"id": 1, "previous_partner_id": None}}
    monkeypatch.setattr(matching, "partners_by_id", lambda conn, pid: stored[pid])
    before = [{"id": 1, "organisatie": "Praktijk A (fictief)", "discipline": "huisarts"}]
    after = [{"id": 31, "organisatie": "Praktijk Zonnebloem (fictief)", "discipline": "huisarts",
              "previous_partner_id": 21}]  # fmt: skip
    assert matching.match_partners(None, before, after) == {31: (1, matching.LINK)}
    # A loop in hand-edited links ends without a match instead of hanging.
    stored[21]["previous_partner_id"] = 31
    stored[31] = {"id": 31, "previous_partner_id": 21}
    assert matching.match_partners(None, before, after) == {}


def test_different_areas_are_refused_in_dutch(conn, kickoff):
    other = empty_session(conn, "Lochem", area="WK026200")
    with pytest.raises(ValidationError, match="verschillende gebieden"):
        compare.compare(conn, kickoff, other)


def test_one_session_only_has_nothing_to_compare(conn, kickoff):
    with pytest.raises(ValidationError, match="geen eerdere sessie van hetzelfde gebied"):
        compare.compare_with_previous(conn, kickoff)
    with pytest.raises(ValidationError, match="twee verschillende sessies"):
        compare.compare(conn, kickoff, kickoff)


def test_previous_session_is_the_default(conn, kickoff, vervolg):
    c = compare.compare_with_previous(conn, vervolg)
    assert (c.before.session_id, c.after.session_id) == (kickoff, vervolg)


def test_scores_in_the_summary_only_when_scored(conn, kickoff, vervolg):
    c = compare.compare(conn, kickoff, vervolg)
    assert not any("vertrouwen" in line for line in c.summary_lines())  # no scores anywhere
    for rel, value in zip(network.relations(conn, vervolg)[:3], (4, 3, 2), strict=True):
        network.update_relation(conn, rel["id"], vertrouwen=value)
    c = compare.compare(conn, kickoff, vervolg)
    assert "Gemiddeld vertrouwen: niet gescoord → 3,0 (3 van 12 relaties gescoord)." in (
        c.summary_lines()
    )
    assert not any("meerwaarde" in line for line in c.summary_lines())


def test_copied_network_is_matched_by_link_even_after_a_rename(conn, kickoff):
    from wijktools.workshop import followup

    later = empty_session(conn, "Vervolg (gekopieerd)", date="2027-05-17")
    if not network.partners(conn, later):  # a vervolg may already copy the kaart on creation
        followup.copy_network(conn, kickoff, later)
    network.update_partner(
        conn,
        pid(conn, later, "Logopedie Het Wâld"),
        {"organisatie": "Logopediepraktijk Zuid (fictief)"},
    )
    c = compare.compare(conn, kickoff, later)
    renamed = next(n for n in c.nodes if n.organisatie == "Logopediepraktijk Zuid (fictief)")
    assert (renamed.before, renamed.after, renamed.matched_by) == (True, True, matching.LINK)
    assert all(n.matched_by == matching.LINK for n in c.nodes)
    assert c.new_partners == [] and c.gone_partners == [] and c.new_relations == []


def test_met_a_later_session_is_refused_and_says_how_to_turn_it_round(conn, kickoff, vervolg):
    with pytest.raises(ValidationError) as caught:
        compare.compare_with_previous(conn, kickoff, vervolg)
    message = str(caught.value)
    assert "17 mei 2027" in message and "23 november 2026" in message
    assert f"wijktools sessie vergelijk --sessie {vervolg} --met {kickoff}" in message


def test_a_backwards_link_stored_before_it_was_refused_is_flagged(conn, kickoff):
    from wijktools.store import connection as store
    from wijktools.workshop import effect

    early = empty_session(conn, "Vervolg te vroeg", date="2026-01-05")
    store.update(conn, "sessions", early, {"previous_session_id": kickoff})
    (note,) = [n for n in compare.compare_with_previous(conn, early).notes if "Let op" in n]
    assert "5 januari 2026" in note and "23 november 2026" in note and "achterstevoren" in note
    intro = effect.achieved(conn, early).intro
    assert "Let op" in intro and "achterstevoren" in intro


def test_a_kern_with_its_codes_in_another_order_is_the_same_area(conn):
    # Havelte (Westerveld): the vervolg was linked to the kick-off whatever the order of --codes,
    # but 'sessie vergelijk' refused the pair as 'verschillende gebieden'.
    codes = ["BU17010800", "BU17010801", "BU17010809"]
    first = sessions.create_session(
        conn,
        "Kick-off Havelte (FICTIEF)",
        kern_name="Havelte",
        kern_codes=codes,
        dates=["2026-11-10"],
    )
    later = sessions.create_session(
        conn,
        "Vervolg Havelte (FICTIEF)",
        kern_name="Havelte",
        kern_codes=codes[::-1],
        dates=["2027-03-09"],
        kind="vervolg",
    )
    add(conn, first, "Huisartsenpraktijk Havelte (fictief)")
    add(conn, later, "Huisartsenpraktijk Havelte (fictief)")
    c = compare.compare_with_previous(conn, later)
    assert (c.before.session_id, c.after.session_id) == (first, later)
    other = sessions.create_session(
        conn,
        "Darp alleen (FICTIEF)",
        kern_name="Havelte",
        kern_codes=codes[1:2],
        dates=["2027-03-10"],
        kind="vervolg",
    )
    with pytest.raises(ValidationError, match="verschillende gebieden"):
        compare.compare(conn, first, other)
