from tests.support.workshop import new_session
from wijktools.demo import workshop as demo_workshop
from wijktools.store import connection as store
from wijktools.workshop import agreements, capacity, knelpunten, priorities, votes_import, wijkplan


def test_demo_workshop_runs_from_knelpunten_to_wijkplan(db_path):
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Demo (FICTIEF)", "area_code": "WK026200"})
    demo_workshop.run_demo_workshop(conn, sid)
    assert len(knelpunten.knelpunten(conn, sid)) == 5
    results = priorities.session_results(conn, sid)
    assert [(r.mode, r.participants) for r in results] == [
        ("dots", 10),
        ("matrix", 10),
        ("dots", 10),
    ]
    assert all(r.status == "closed" for r in results)
    assert any(row.tied for row in results[0].rows)  # the demo shows what a tie looks like
    made = agreements.afspraken(conn, sid)
    assert 4 <= len(made) <= 6 and all("FICTIEF" in a["wat"] for a in made)
    assert all(not a["trekker_is_nieuw"] for a in made)
    assert all("FICTIEF" in p["organisatie"] for p in agreements.partners(conn, sid))
    assert len(wijkplan.interventions(conn, sid)) == 2
    # Every default text is stored except the werkwijze and the vervolg, which are written from
    # what happened (the sources and votes; the dates that were entered).
    stored = {b["section"] for b in store.rows(conn, "wijkplan_blocks", {"session_id": sid})}
    assert stored == set(wijkplan.DEFAULT_BLOCKS) - {"werkwijze", "vervolg"}


def test_demo_uses_the_sessions_own_partners(db_path):
    conn = store.connect(db_path)
    sid = new_session(conn)
    demo_workshop.run_demo_workshop(conn, sid)
    assert len(agreements.partners(conn, sid)) == 3
    trekkers = {a["trekker"] for a in agreements.afspraken(conn, sid)}
    assert trekkers <= {p["organisatie"] for p in agreements.partners(conn, sid)}


def test_notebook_session_without_parameters_uses_a_temporary_store(monkeypatch, tmp_path):
    monkeypatch.setenv("WIJKTOOLS_DB", str(tmp_path / "eigen.sqlite"))
    conn, sid = demo_workshop.notebook_session("", 0)
    assert "FICTIEF" in store.get(conn, "sessions", sid)["name"]
    assert not (tmp_path / "eigen.sqlite").exists()


def test_notebook_session_without_a_session_takes_the_newest_of_the_store(monkeypatch, tmp_path):
    monkeypatch.setenv("WIJKTOOLS_DB", str(tmp_path / "eigen.sqlite"))
    conn = store.connect(tmp_path / "eigen.sqlite")
    older = new_session(conn)
    newer = store.insert(conn, "sessions", {"name": "Vervolg Assendorp", "area_code": "WK019313"})
    conn.close()
    conn, sid = demo_workshop.notebook_session("", 0)
    assert sid == newer != older
    assert store.get(conn, "sessions", sid)["name"] == "Vervolg Assendorp"


def test_notebook_session_never_writes_a_demo_into_an_empty_given_store(tmp_path):
    given = tmp_path / "leeg.sqlite"
    store.connect(given).close()
    conn, sid = demo_workshop.notebook_session(str(given), 0)
    assert "FICTIEF" in store.get(conn, "sessions", sid)["name"]
    assert store.connect(given).execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


def test_example_files_import_into_a_joure_like_session(db_path):
    from pathlib import Path

    from wijktools.workshop import afspraken_io

    root = Path(__file__).resolve().parents[2] / "data" / "voorbeeld"
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Joure (FICTIEF)", "area_code": "WK194019"})
    for org, disc in [
        ("Welzijn De Fryske Marren", "welzijnswerk"),
        ("GGZ Team Zuidwest", "GGZ"),
        ("Huisartsenpraktijk De Skâns", "huisarts"),
        ("Huisartsen Midstraat", "huisarts"),
    ]:
        store.insert(
            conn, "ketenpartners", {"session_id": sid, "organisatie": org, "discipline": disc}
        )
    votes = votes_import.import_paper_votes(conn, sid, root / "stemmen_papier_Joure_FICTIEF.xlsx")
    assert votes["rondes"] == 2
    result = afspraken_io.import_afspraken(conn, sid, root / "afspraken_Joure_FICTIEF.xlsx")
    assert result["afspraken"] == 3 and result["nieuwe_knelpunten"] == 0


def test_demo_session_takes_its_knelpunten_from_the_profile_and_the_survey(db_path):
    """`wijktools demo`: the line data -> knelpunt -> stem -> afspraak for the demo kern Joure."""
    from wijktools import network
    from wijktools.opendata import areas
    from wijktools.profile import build as profile

    conn = store.connect(db_path)
    sid = network.load_demo(conn)
    demo_workshop.run_demo_workshop(conn, sid, from_profile=True)
    rows = knelpunten.knelpunten(conn, sid)
    from_data = [r["title"] for r in rows if r["origin"] == "wijkprofiel"]
    # Joure is not among the most unfavourable wijken on any indicator: no draft from the indicators.
    # The FICTIEF sociale kaart has 5,6 fte huisarts for 13.045 inwoners, 0,6 fte under the NZa
    # normpraktijk (11 %): the capacity rule adds its draft (issue 18).
    built = profile.build(areas.lookup(network.DEMO_KERN))
    expected = [k.titel for k in built.knelpunten]
    expected += [k.titel for k in capacity.knelpunten(capacity.for_session(conn, sid, built))]
    assert from_data == expected == ["Te weinig huisartscapaciteit"]
    from_survey = [r["title"] for r in rows if r["origin"] == "enquête"]
    assert from_survey
    proposed = set(from_data) | set(from_survey)
    top = priorities.session_results(conn, sid)[-1]
    voted = {row.title for row in top.rows if row.score}
    assert proposed & voted  # what the data and the survey proposed got votes
    method = wijkplan.blocks(conn, sid)["werkwijze"]["text"]
    assert "enquête" in method
    assert ("wijkgezondheidsprofiel" in method) == bool(from_data)
    linked = {a["knelpunt"] for a in agreements.afspraken(conn, sid)}
    assert proposed & linked


def test_demo_follow_up_shows_progress_and_a_linked_indicator(db_path):
    from wijktools import network
    from wijktools.demo.followup import FOLLOWUP_NAME, run_followup
    from wijktools.workshop import effect

    conn = store.connect(db_path)
    sid = network.load_demo(conn)
    demo_workshop.run_demo_workshop(conn, sid, from_profile=True)
    followup = run_followup(conn, sid)
    assert run_followup(conn, sid) == followup  # a second run never doubles it
    row = store.get(conn, "sessions", followup)
    assert (row["name"], row["kind"], row["previous_session_id"]) == (FOLLOWUP_NAME, "vervolg", sid)
    assert "FICTIEF" in row["name"]
    result = effect.achieved(conn, followup)
    assert len(result.items) == len(agreements.afspraken(conn, sid))
    assert sum(bool(i.log) for i in result.items) >= 3
    assert all("FICTIEF" in e["wat"] for i in result.items for e in i.log)
    (linked,) = [i for i in result.items if i.effect is not None]
    assert linked.effect.baseline_area == "WK194019" and linked.effect.baseline_year == 2020
    copied = store.rows(conn, "ketenpartners", {"session_id": followup})
    assert copied and all(p["previous_partner_id"] for p in copied)
