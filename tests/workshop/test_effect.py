"""From afspraak to effect: indicator link with baseline, progress log, vervolg session, before/after.

Numbers are checked against the raw files in data/raw, not against wijktools' own tables.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

import pandas as pd
import pytest

from tests.support.workshop import NASTY
from wijktools.errors import StoreError, ValidationError
from wijktools.paths import raw_dir
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import (
    agreements,
    effect,
    followup,
    indicator_link,
    knelpunten,
    session_drafts,
)
from wijktools.workshop.sessions import create_session

AREA = "WK016401"  # Wijk 01 Hengelose Es: RIVM 2020 joined, KWB 2024 only
TODAY = dt.date(2026, 11, 29)
CTX = multiprocessing.get_context("spawn")


def _rivm_raw(code: str, column: str, year: int, age: str) -> float:
    frame = pd.read_parquet(
        raw_dir()
        / "rivm-gezondheid-50090NED"
        / "rivm_50090NED_2012_2016_2020_alle_niveaus.parquet",
        columns=["jaar", "leeftijdsgroep", "Codering_3", column],
    )
    row = frame[
        (frame["Codering_3"].str.strip() == code)
        & (frame["jaar"] == year)
        & (frame["leeftijdsgroep"].astype(str).str.startswith(age.rstrip("+")))
        & (frame["leeftijdsgroep"].astype(str).str.contains(r"\+", regex=True))
    ]
    assert len(row) == 1, row
    return float(row[column].iloc[0])


def _kwb2025_raw(code: str, column: str) -> float:
    frame = pd.read_csv(
        raw_dir() / "cbs-kwb-2025-86165NED-friesland" / "kerncijfers_data.csv", dtype=str
    )
    return float(frame.loc[frame["Codering_3"].str.strip() == code, column].iloc[0])


def _kwb2024_raw(code: str, column: str) -> float:
    frame = pd.read_csv(
        raw_dir() / "cbs-kwb-2024-85984NED" / "kwb2024_nl_alle_niveaus_bevolking.csv", dtype=str
    )
    return float(frame.loc[frame["code"].str.strip() == code, column].iloc[0])


@pytest.fixture
def kickoff(conn):
    """A kick-off for a real wijk with one knelpunt, two fictional partners and a relation."""
    sid = create_session(conn, "Kick-off (FICTIEF)", AREA, dates=["2026-03-10"])
    kid = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid onder ouderen")
    a = store.insert(
        conn,
        "ketenpartners",
        {"session_id": sid, "organisatie": "Welzijn (FICTIEF)", "discipline": "welzijn"},
    )
    b = store.insert(
        conn,
        "ketenpartners",
        {"session_id": sid, "organisatie": "Praktijk (FICTIEF)", "discipline": "huisarts"},
    )
    store.insert(
        conn,
        "relations",
        {
            "session_id": sid,
            "from_partner_id": b,
            "to_partner_id": a,
            "kind": "verwijzen",
            "intensity": 2,
        },
    )
    return sid, kid


# --- indicator link ---------------------------------------------------------------------------


def test_linked_indicator_stores_the_baseline_the_profile_shows(conn, kickoff):
    sid, kid = kickoff
    saved = agreements.add_afspraak(
        conn, sid, "Welzijn op recept", knelpunt_id=kid, indicator="Eenzaam|65+", today=TODAY
    )
    row = store.get(conn, "afspraken", saved.id)
    assert row["knelpunt_id"] == kid
    assert (row["indicator_key"], row["indicator_age_group"]) == ("Eenzaam", "65+")
    assert row["baseline_value"] == _rivm_raw(AREA, "Eenzaam_28", 2020, "65+")  # 55.3
    assert (row["baseline_year"], row["baseline_area"], row["baseline_members"]) == (
        2020,
        AREA,
        None,
    )
    assert row["baseline_source"].startswith("RIVM") and "50090NED" in row["baseline_source"]
    from wijktools.profile import build

    shown = build.build(AREA).row("Eenzaam", "65+")
    assert (shown.value, shown.year) == (row["baseline_value"], row["baseline_year"])


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Onzin", "staat niet in het codeboek"),
        ("Eenzaam", "kies 'Eenzaam|18\\+'"),
        ("Eenzaam|99+", "staat niet in het codeboek"),
        ("=HYPERLINK(1)", "staat niet in het codeboek"),
    ],
)
def test_unknown_or_ambiguous_indicator_is_refused_in_dutch(conn, kickoff, typed, message):
    sid, _ = kickoff
    with pytest.raises(ValidationError, match=message):
        agreements.add_afspraak(conn, sid, "Iets", indicator=typed)
    assert store.rows(conn, "afspraken", {"session_id": sid}) == []


def test_indicator_without_a_value_for_the_area_is_refused_with_the_reason(conn):
    # WK008010 (Leeuwarden Binnenstad) is re-drawn in KWB 2025: its 2020 RIVM value is not joined.
    sid = create_session(conn, "Kick-off", "WK008010")
    with pytest.raises(ValidationError, match=r"geen waarde voor Binnenstad.*niet gekoppeld"):
        agreements.add_afspraak(conn, sid, "Iets", indicator="Eenzaam|65+")


def test_link_can_be_changed_and_cleared(conn, kickoff):
    sid, _ = kickoff
    saved = agreements.add_afspraak(conn, sid, "Iets", indicator="Eenzaam|65+")
    agreements.update_afspraak(conn, saved.id, indicator="AantalInwoners")
    row = store.get(conn, "afspraken", saved.id)
    assert (row["indicator_key"], row["baseline_year"]) == ("AantalInwoners", 2024)
    assert row["baseline_value"] == _kwb2024_raw(AREA, "aantal_inwoners")
    agreements.update_afspraak(conn, saved.id, indicator=None)
    row = store.get(conn, "afspraken", saved.id)
    assert row["indicator_key"] is None and row["baseline_value"] is None
    assert [h["action"] for h in store.history(conn, "afspraken", saved.id)].count(
        "before_update"
    ) == 2


# --- progress ------------------------------------------------------------------------------------


def test_progress_entry_sets_status_and_voortgang_with_history(conn, kickoff):
    sid, _ = kickoff
    aid = agreements.add_afspraak(conn, sid, "Iets", status="afgesproken").id
    logged = effect.record_progress(
        conn,
        aid,
        wat=NASTY,
        wie="Welzijn",
        datum="1-6-2026",
        status="loopt",
        voortgang="40 %",
        today=TODAY,
    )
    row = store.get(conn, "afspraken", aid)
    assert (row["status"], row["voortgang"]) == ("loopt", 40)
    entry = store.get(conn, "afspraak_log", logged.id)
    assert (entry["datum"], entry["wie"], entry["wat"]) == ("2026-06-01", "Welzijn", NASTY)
    assert store.history(conn, "afspraak_log", logged.id)[0]["action"] == "insert"
    before = store.history(conn, "afspraken", aid)[-1]
    assert before["action"] == "before_update" and before["data"]["status"] == "afgesproken"
    # a note without status or percentage leaves both as they were
    effect.record_progress(conn, aid, wat="Overleg", wie="POH", datum="2-6-2026", today=TODAY)
    assert store.get(conn, "afspraken", aid)["voortgang"] == 40
    assert [e["wie"] for e in effect.log_entries(conn, aid)] == ["POH", "Welzijn"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"wie": "  "}, "Vul 'wie' in"),
        ({"wat": ""}, "Vul 'wat' in"),
        ({"wat": "x" * 2001}, "te lang"),
        ({"datum": "1-1-2027"}, "in de toekomst.*Er is niets opgeslagen"),
        ({"datum": "31-2-2026"}, "geen geldige datum"),
        ({"status": "klaar"}, "bestaat niet; kies uit"),
        ({"voortgang": "101"}, "niet tussen 0 en 100"),
        ({"voortgang": "-1"}, "niet tussen 0 en 100"),
        ({"voortgang": "veel"}, "geen percentage"),
        ({"voortgang": "33,5"}, "geen heel getal"),
    ],
)
def test_hostile_progress_is_refused_in_dutch_and_stores_nothing(conn, kickoff, kwargs, message):
    sid, _ = kickoff
    aid = agreements.add_afspraak(conn, sid, "Iets", status="afgesproken").id
    args = {"wat": "Overleg", "wie": "POH", "datum": "1-6-2026", **kwargs}
    with pytest.raises(ValidationError, match=message):
        effect.record_progress(conn, aid, today=TODAY, **args)
    assert store.rows(conn, "afspraak_log") == []
    assert store.get(conn, "afspraken", aid)["status"] == "afgesproken"


def test_progress_dated_before_the_meeting_of_the_afspraak_is_refused(conn, kickoff):
    sid, _ = kickoff  # kick-off on 10 March 2026
    aid = agreements.add_afspraak(conn, sid, "Iets", status="afgesproken").id
    with pytest.raises(ValidationError) as caught:
        effect.record_progress(
            conn, aid, wat="Gestart", wie="POH", datum="9-3-2026", status="loopt", today=TODAY
        )
    assert "9 maart 2026" in str(caught.value) and "10 maart 2026" in str(caught.value)
    assert "vanaf 10-3-2026" in str(caught.value)
    assert store.rows(conn, "afspraak_log") == []
    assert store.get(conn, "afspraken", aid)["status"] == "afgesproken"
    same_day = effect.record_progress(conn, aid, wat="x", wie="POH", datum="10-3-2026", today=TODAY)
    assert same_day.warnings == [] and same_day.message == "Voortgang opgeslagen"


def test_progress_on_a_carried_afspraak_may_predate_the_vervolg_not_the_kick_off(conn, kickoff):
    sid, _ = kickoff  # kick-off on 10 March 2026
    agreements.add_afspraak(conn, sid, "Welzijn op recept")
    new_id, _ = _vervolg(conn, dates=["2026-09-01"])
    (carried,) = agreements.afspraken(conn, new_id)
    between = effect.record_progress(
        conn, carried["id"], wat="Gestart", wie="POH", datum="1-6-2026", today=TODAY
    )
    assert between.warnings == []
    with pytest.raises(ValidationError, match=r"1 februari 2026.*'Kick-off \(FICTIEF\)'"):
        effect.record_progress(
            conn, carried["id"], wat="Eerder", wie="POH", datum="1-2-2026", today=TODAY
        )
    made_here = agreements.add_afspraak(conn, new_id, "Nieuw in het vervolg").id
    with pytest.raises(ValidationError, match=r"1 juni 2026.*'Vervolg \(FICTIEF\)'.*1 september"):
        effect.record_progress(conn, made_here, wat="x", wie="POH", datum="1-6-2026", today=TODAY)
    assert [e["wat"] for e in effect.log_entries(conn, carried["id"])] == ["Gestart"]


def test_progress_before_the_afspraak_was_entered_is_a_warning_without_session_date(conn):
    sid = create_session(conn, "Kick-off zonder datum (FICTIEF)", AREA)
    aid = agreements.add_afspraak(conn, sid, "Iets").id
    entered = dt.date.today()
    day = entered - dt.timedelta(days=30)
    logged = effect.record_progress(conn, aid, wat="x", wie="POH", datum=day, today=entered)
    assert store.get(conn, "afspraak_log", logged.id)["datum"] == day.isoformat()
    (warning,) = logged.warnings
    assert "geen datum" in warning and "let op" in logged.message


def test_progress_for_an_unknown_afspraak_names_the_command(conn):
    with pytest.raises(StoreError, match=r"Afspraak 99 bestaat niet.*afspraak lijst"):
        effect.record_progress(conn, 99, wat="x", wie="y")


def test_the_same_entry_twice_is_stored_once(conn, kickoff):
    sid, _ = kickoff
    aid = agreements.add_afspraak(conn, sid, "Iets").id
    first = effect.record_progress(
        conn, aid, wat="Overleg", wie="POH", datum="1-6-2026", today=TODAY
    )
    again = effect.record_progress(
        conn, aid, wat="Overleg", wie="POH", datum="1-6-2026", today=TODAY
    )
    assert again.already and again.id == first.id and "niets dubbel" in again.message
    assert len(store.rows(conn, "afspraak_log")) == 1


def _log(db: str, aid: int, wie: str, barrier, results) -> None:
    conn = store.connect(db)
    barrier.wait()
    try:
        for i in range(20):
            effect.record_progress(conn, aid, wat=f"stap {i}", wie=wie, datum="2026-06-01")
        results.put("ok")
    except Exception as exc:  # reported to the test
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.slow
def test_two_processes_logging_at_once_lose_nothing_and_double_nothing(db_path, conn, kickoff):
    sid, _ = kickoff
    aid = agreements.add_afspraak(conn, sid, "Iets").id
    jobs = [("POH",), ("POH",), ("Welzijn",)]  # two windows send the same 20 entries
    barrier, results = CTX.Barrier(len(jobs)), CTX.Queue()
    procs = [CTX.Process(target=_log, args=(str(db_path), aid, *j, barrier, results)) for j in jobs]
    for p in procs:
        p.start()
    outcome = [results.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert outcome == ["ok"] * 3
    rows = store.rows(conn, "afspraak_log", {"afspraak_id": aid})
    assert sum(r["wie"] == "POH" for r in rows) == 20
    assert sum(r["wie"] == "Welzijn" for r in rows) == 20
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


WRITER = """
import sys
from wijktools.store import connection as store
from wijktools.workshop import effect
conn = store.connect(sys.argv[1])
for i in range(100000):
    logged = effect.record_progress(conn, int(sys.argv[2]), wat=f"stap {i}", wie="POH",
                                    datum="2026-06-01", voortgang=i % 101)
    print(logged.id, flush=True)
"""


@pytest.mark.slow
def test_sigkill_while_logging_keeps_every_acknowledged_entry(db_path, conn, kickoff):
    import os
    import signal
    import subprocess
    import sys

    sid, _ = kickoff
    aid = agreements.add_afspraak(conn, sid, "Iets").id
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(aid)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    acknowledged = []
    for line in child.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= 100:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    acknowledged += [int(x) for x in child.stdout.read().split()]
    child.stdout.close()
    fresh = store.connect(db_path)
    assert fresh.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {r["id"] for r in store.rows(fresh, "afspraak_log")}
    assert set(acknowledged) <= stored
    # the afspraak's voortgang belongs to an entry that was stored (one transaction per entry)
    last = store.get(fresh, "afspraken", aid)["voortgang"]
    assert last in {r["voortgang"] for r in store.rows(fresh, "afspraak_log")}


# --- vervolg ------------------------------------------------------------------------------------


def _vervolg(conn, area=AREA, **kwargs):
    return session_drafts.new_session_with_drafts(
        conn, "Vervolg (FICTIEF)", area, kind="vervolg", wijkprofiel=False, **kwargs
    )


def test_vervolg_links_copies_the_network_and_carries_progress(conn, kickoff):
    sid, kid = kickoff
    aid = agreements.add_afspraak(
        conn,
        sid,
        "Welzijn op recept",
        knelpunt_id=kid,
        trekker="Welzijn (FICTIEF)",
        indicator="Eenzaam|65+",
        status="afgesproken",
    ).id
    effect.record_progress(
        conn,
        aid,
        wat="Gestart",
        wie="Welzijn",
        datum="1-6-2026",
        voortgang=30,
        status="loopt",
        today=TODAY,
    )
    other = create_session(conn, "Ander gebied", "WK194019")  # never the one followed
    new_id, counts = _vervolg(conn)
    assert counts["vorige_sessie"] == sid and other != sid
    assert store.get(conn, "sessions", new_id)["previous_session_id"] == sid
    old = {p["id"]: p for p in store.rows(conn, "ketenpartners", {"session_id": sid})}
    new = store.rows(conn, "ketenpartners", {"session_id": new_id})
    assert sorted(p["previous_partner_id"] for p in new) == sorted(old)
    assert all(p["organisatie"] == old[p["previous_partner_id"]]["organisatie"] for p in new)
    rel = store.rows(conn, "relations", {"session_id": new_id})
    old_rel = store.rows(conn, "relations", {"session_id": sid})
    assert [r["previous_relation_id"] for r in rel] == [r["id"] for r in old_rel]
    by_new = {p["id"]: p["previous_partner_id"] for p in new}
    assert by_new[rel[0]["from_partner_id"]] == old_rel[0]["from_partner_id"]
    (carried,) = agreements.afspraken(conn, new_id)
    assert carried["previous_afspraak_id"] == aid
    assert (carried["status"], carried["voortgang"], carried["indicator"]) == (
        "loopt",
        30,
        "Eenzaam|65+",
    )
    assert carried["baseline_value"] == store.get(conn, "afspraken", aid)["baseline_value"]
    assert carried["trekker"] == "Welzijn (FICTIEF)" and carried["trekker_partner_id"] in by_new
    assert carried["knelpunt"] == "Eenzaamheid onder ouderen"
    result = effect.achieved(conn, new_id)
    (item,) = result.items
    assert item.log_lines() == ["1 juni 2026 – Welzijn: Gestart"]
    assert item.effect.newest_text == indicator_link.NO_NEWER  # RIVM 2020 is the newest here
    assert item.effect.baseline_text == "55,3 % (2020)"


def test_vervolg_follows_the_newest_earlier_session(conn, kickoff):
    sid, _ = kickoff
    second, _ = _vervolg(conn, dates=["2026-09-01"])
    _third, counts = _vervolg(conn, dates=["2027-03-01"])
    assert counts["vorige_sessie"] == second != sid


def test_vervolg_dated_before_its_kick_off_is_refused_and_makes_nothing(conn, kickoff):
    sid, _ = kickoff  # kick-off on 10 March 2026
    agreements.add_afspraak(conn, sid, "Iets")
    with pytest.raises(ValidationError) as caught:
        _vervolg(conn, dates=["2026-02-01"])
    message = str(caught.value)
    assert "1 februari 2026" in message and "10 maart 2026" in message
    assert "--datum" in message and "niets opgeslagen" in message
    assert [s["id"] for s in store.rows(conn, "sessions")] == [sid]
    assert len(store.rows(conn, "afspraken")) == 1
    assert len(store.rows(conn, "ketenpartners")) == 2
    _new_id, counts = _vervolg(conn, dates=["2026-03-10"])  # the same day is possible
    assert counts["vorige_sessie"] == sid


def test_vervolg_without_an_earlier_session_makes_nothing(conn):
    with pytest.raises(ValidationError, match=r"geen eerdere werksessie.*--soort kick-off"):
        _vervolg(conn)
    assert store.rows(conn, "sessions") == []


def test_vervolg_of_a_session_without_afspraken_says_so(conn, kickoff):
    new_id, counts = _vervolg(conn)
    assert counts["afspraken"] == 0
    result = effect.achieved(conn, new_id)
    assert result.items == [] and "had geen afspraken" in result.intro


def test_kick_off_is_not_a_vervolg(conn, kickoff):
    sid, _ = kickoff
    assert effect.achieved(conn, sid) is None
    assert "geen vervolgsessie" in effect.overview_lines(None)[0]


def test_kern_vervolg_only_follows_the_same_members(conn):
    first = create_session(conn, "Kick-off", kern_name="Borculo", kern_codes=["WK185900"])
    create_session(conn, "Andere kern", kern_name="Borculo", kern_codes=["WK185901"])
    _new_id, counts = session_drafts.new_session_with_drafts(
        conn,
        "Vervolg",
        kern_name="Borculo",
        kern_codes=["WK185900"],
        kind="vervolg",
        wijkprofiel=False,
    )
    assert counts["vorige_sessie"] == first


def test_carrying_over_twice_never_doubles(conn, kickoff):
    sid, _ = kickoff
    agreements.add_afspraak(conn, sid, "Iets")
    new_id, _ = _vervolg(conn)
    assert followup.carry_over(conn, sid, new_id) == []
    assert len(agreements.afspraken(conn, new_id)) == 1


# --- newest value ----------------------------------------------------------------------------------


def _as_of_2024(conn, area: str, key: str = "AantalInwoners") -> dict:
    """An afspraak linked at a kick-off held when KWB 2024 was the newest edition."""
    sid = create_session(conn, "Kick-off 2025", area)
    aid = agreements.add_afspraak(conn, sid, "Iets").id
    store.update(
        conn,
        "afspraken",
        aid,
        {
            "indicator_key": key,
            "indicator_age_group": "",
            "baseline_value": _kwb2024_raw(area, "aantal_inwoners"),
            "baseline_year": 2024,
            "baseline_area": area,
            "baseline_source": "CBS, Kerncijfers wijken en buurten (85984NED)",
        },
    )
    return store.get(conn, "afspraken", aid), sessions.get_session(conn, sid)


def test_a_newer_year_of_the_same_key_and_territory_is_found(conn):
    row, session = _as_of_2024(conn, "WK194019")  # Joure: KWB 2025 (Friesland) is shipped
    result = indicator_link.effect(row, session)
    assert result.newest_year == 2025
    assert result.newest_value == _kwb2025_raw("WK194019", "AantalInwoners_5")  # 13045
    assert "86165NED" in result.newest_source
    assert result.line.endswith("bij de start 12.970 (2024); nu 13.045 (2025).")


def test_a_re_drawn_area_is_never_compared(conn):
    # CBS marks WK008010 re-drawn in KWB 2025 (indelingswijziging 3): 2024 and 2025 are two areas.
    row, session = _as_of_2024(conn, "WK008010")
    result = indicator_link.effect(row, session)
    assert result.newest_value is None
    assert "WK008010" in result.note and "ander gebied" in result.note


def test_a_baseline_of_another_territory_is_never_compared(conn, kickoff):
    sid, _ = kickoff
    aid = agreements.add_afspraak(conn, sid, "Iets", indicator="Eenzaam|65+").id
    row = {**store.get(conn, "afspraken", aid), "baseline_area": "WK016402"}
    result = indicator_link.effect(row, sessions.get_session(conn, sid))
    assert result.newest_value is None and "WK016402" in result.note


def test_no_link_means_no_effect(conn, kickoff):
    sid, _ = kickoff
    aid = agreements.add_afspraak(conn, sid, "Iets").id
    assert (
        indicator_link.effect(store.get(conn, "afspraken", aid), sessions.get_session(conn, sid))
        is None
    )


def test_kern_baseline_keeps_its_members(conn):
    sid = create_session(conn, "Kick-off", kern_name="Borculo", kern_codes=["WK185900"])
    aid = agreements.add_afspraak(conn, sid, "Iets", indicator="AantalInwoners").id
    row = store.get(conn, "afspraken", aid)
    assert row["baseline_area"].startswith("KERN-") and json.loads(row["baseline_members"]) == [
        "WK185900"
    ]
    result = indicator_link.effect(row, sessions.get_session(conn, sid))
    assert result.note == indicator_link.NO_NEWER


def test_kern_line_names_the_kern_not_its_made_up_code(conn):
    # Sint Pancras (Dijk en Waard) from its three buurten, as an adviser builds it.
    codes = ["BU19800501", "BU19800502", "BU19800503"]
    sid = create_session(conn, "Kick-off", kern_name="Sint Pancras", kern_codes=codes)
    aid = agreements.add_afspraak(conn, sid, "Iets", indicator="aandeel_65_plus").id
    result = indicator_link.effect(
        store.get(conn, "afspraken", aid), sessions.get_session(conn, sid)
    )
    assert "KERN-" not in result.line
    assert result.line.startswith(
        "Aandeel 65 jaar of ouder in Sint Pancras (BU19800501, BU19800502, BU19800503): bij de start"
    )
    # KWB 2024: 65+ 1.115 + 230 + 25 = 1.370 of 4.040 + 1.755 + 65 = 5.860 inwoners.
    assert "23,4 % (2024)" in result.line


def test_a_vervolg_in_order_has_no_order_warning(conn, kickoff):
    sid, _ = kickoff
    agreements.add_afspraak(conn, sid, "Iets")
    new_id, _ = _vervolg(conn, dates=["2026-09-01"])
    assert "Let op" not in effect.achieved(conn, new_id).intro
