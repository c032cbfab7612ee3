"""Capaciteit en zorgvraag: the rules of the computation, the norm of a session and the knelpunt."""

import pandas as pd
import pytest

from wijktools import network
from wijktools.errors import ValidationError
from wijktools.paths import raw_dir
from wijktools.store import connection as store
from wijktools.workshop import capacity, capacity_norm, knelpunten, session_drafts
from wijktools.workshop.sessions import create_session

NORM = capacity_norm.Norm(2000.0, "Testnorm (FICTIEF), 2026", 2026, eigen=True)


def _huisarts(name, fte=None, patients=None, **extra):
    return {
        "organisatie": name,
        "discipline": "huisarts",
        "fte_huisarts": fte,
        "ingeschreven_patienten": patients,
        **extra,
    }


def _testwijk(demand, *practices):
    """Capacity of the fictional Testwijk: 10.000 inwoners in 2024, the test norm of 2.000."""
    return capacity.compute("Testwijk", 10_000, 2024, demand, list(practices), NORM)


def _demand(*contacts, index=None):
    """The profile's zorgvraag in its JSON shape: base year first, then 2030 and 2040."""
    years = (2024, 2030, 2040)
    return {
        "base_year": 2024,
        "years": [
            {
                "year": y,
                "contacten": c,
                "vergrijzingsindex": (index or (100, 100, 100))[i],
            }
            for i, (y, c) in enumerate(zip(years, contacts, strict=True))
        ],
    }


def test_fte_needed_is_inwoners_over_the_norm_grown_with_expected_contacts():
    cap = _testwijk(
        _demand(50_000.0, 55_000.0, 60_000.0),
        _huisarts("A (FICTIEF)", 2.5, 5400),
        _huisarts("B (FICTIEF)", 1.5),
    )
    assert cap.fte_huisarts == 4.0
    assert cap.inwoners_per_fte == 2500
    assert cap.patienten_per_fte == 2160  # 5400 patients of the 2,5 fte that gave patients
    assert [(y.jaar, y.fte_nodig, y.tekort) for y in cap.jaren] == [
        (2024, 5.0, 1.0),  # 10.000 / 2.000
        (2030, 5.5, 1.5),  # 5,0 x 55.000 / 50.000
        (2040, 6.0, 2.0),
    ]
    assert cap.totals == ["4,0 fte huisarts"]
    assert "4,0 fte huisarts" in cap.sentence and "2.500 inwoners per fte" in cap.sentence


def test_without_a_prognosis_only_the_ageing_effect_grows_demand():
    cap = _testwijk(_demand(None, None, None, index=(100, 110, 120)), _huisarts("A (FICTIEF)", 5.0))
    assert [y.fte_nodig for y in cap.jaren] == [5.0, 5.5, 6.0]
    assert "inwonertal blijft gelijk" in cap.groei_bron


@pytest.mark.parametrize(
    ("fte", "inwoners", "fires"),
    [
        (4.0, 10_000, True),  # 1,0 fte short = 25 %
        (4.6, 10_000, False),  # 0,4 fte short: under 0,5 fte
        (10.0, 21_000, False),  # 0,5 fte short but 5 %: under 10 %
        (5.5, 10_000, False),  # room, not a shortage
    ],
)
def test_knelpunt_only_when_the_gap_is_real_by_the_rule(fte, inwoners, fires):
    cap = capacity.compute("Testwijk", inwoners, 2024, None, [_huisarts("A (FICTIEF)", fte)], NORM)
    found = capacity.knelpunten(cap)
    assert bool(found) is fires
    if fires:
        (knelpunt,) = found
        assert knelpunt.regel_id == "capaciteit" and "normpraktijk" in knelpunt.regel
        assert "0,5 fte" in knelpunt.drempel and "10 %" in knelpunt.drempel
        assert "Testnorm" in knelpunt.bron


def test_knelpunt_counts_the_first_projection_year_too():
    # Enough now (5,0 needed, 5,0 entered), 0,75 fte short in 2030 (15 %).
    cap = _testwijk(_demand(50_000.0, 57_500.0, 60_000.0), _huisarts("A (FICTIEF)", 5.0))
    (knelpunt,) = capacity.knelpunten(cap)
    assert knelpunt.jaar == 2030 and knelpunt.waarde == 5.75


def test_no_fte_entered_says_what_to_fill_in_and_shows_no_numbers():
    cap = _testwijk(
        _demand(50_000.0, 55_000.0, 60_000.0),
        _huisarts("Praktijk Zonder (FICTIEF)"),
        {"organisatie": "Apotheek", "discipline": "apotheek"},
    )
    assert not cap.complete and cap.jaren == [] and cap.fte_huisarts is None
    assert "FTE huisarts" in cap.ontbreekt and "Praktijk Zonder (FICTIEF)" in cap.ontbreekt
    assert cap.sentence == cap.ontbreekt
    assert capacity.knelpunten(cap) == []


def test_unknown_inhabitants_give_no_ratio():
    cap = capacity.compute("Testwijk", None, None, None, [_huisarts("A (FICTIEF)", 3.0)], NORM)
    assert not cap.complete and "inwoners" in cap.ontbreekt and cap.inwoners_per_fte is None
    assert capacity.knelpunten(cap) == []


def test_no_expected_demand_gives_now_only_and_says_so():
    cap = _testwijk(None, _huisarts("A (FICTIEF)", 4.0))
    assert [y.jaar for y in cap.jaren] == [2024]
    assert any("geen verwachte zorgvraag" in text for text in cap.niet_meegenomen)


def test_limits_name_outside_patients_part_time_and_task_shifting():
    text = " ".join(capacity.limits("Testwijk"))
    assert "buiten Testwijk" in text and "Deeltijd" in text and "Taakherschikking" in text


def test_session_norm_is_stored_with_source_and_history(conn):
    sid = create_session(conn, "Norm (FICTIEF)", "WK194019")
    assert capacity_norm.norm(conn, sid).patienten_per_fte == 2095  # the NZa normpraktijk
    assert "NZa" in capacity_norm.norm(conn, sid).bron
    capacity_norm.set_norm(conn, sid, "1800", "LHV, wens normpraktijk (FICTIEF testbron)", 2017)
    capacity_norm.set_norm(conn, sid, 1900, "Regionale afspraak (FICTIEF)", 2025)
    current = capacity_norm.norm(conn, sid)
    assert (current.patienten_per_fte, current.jaar, current.eigen) == (1900, 2025, True)
    (row,) = store.rows(conn, "capacity_settings", {"session_id": sid})
    assert (
        store.history(conn, "capacity_settings", row["id"])[-1]["data"]["patients_per_fte"] == 1800
    )
    capacity_norm.reset_norm(conn, sid)
    assert capacity_norm.norm(conn, sid).eigen is False


@pytest.mark.parametrize(
    ("value", "source", "year", "words"),
    [
        ("veel", "Bron", 2020, "geen getal"),
        (50, "Bron", 2020, "niet aannemelijk"),
        (2000, "  ", 2020, "bron"),
        (2000, "Bron", 1850, "jaar"),
    ],
)
def test_a_session_norm_needs_a_plausible_number_a_source_and_a_year(
    conn, value, source, year, words
):
    sid = create_session(conn, "Norm (FICTIEF)", "WK194019")
    with pytest.raises(ValidationError, match=words):
        capacity_norm.set_norm(conn, sid, value, source, year)
    assert store.rows(conn, "capacity_settings", {"session_id": sid}) == []


@pytest.fixture(scope="module")
def joure():
    from wijktools.profile import build

    return build.build("WK194019")


def _raw_inhabitants(code):
    path = raw_dir() / "cbs-kwb-2025-86165NED-friesland" / "kerncijfers_data.csv"
    frame = pd.read_csv(path, usecols=["Codering_3", "AantalInwoners_5"])
    return int(frame.loc[frame["Codering_3"].str.strip() == code, "AantalInwoners_5"].iloc[0])


def test_demo_kern_by_hand_against_the_raw_inhabitants(conn, joure):
    sid = network.load_demo(conn)
    cap = capacity.for_session(conn, sid, joure)
    inhabitants = _raw_inhabitants("WK194019")  # 13.045 on 1-1-2025 (CBS KWB 2025)
    assert cap.inwoners == inhabitants
    assert cap.fte_huisarts == 5.6  # 3,0 + 2,6 (FICTIEF demo file)
    assert cap.inwoners_per_fte == round(inhabitants / 5.6)
    assert cap.jaren[0].fte_nodig == round(inhabitants / 2095, 2)
    assert cap.patienten_per_fte == round((6900 + 5600) / 5.6)
    assert "5,6 fte huisarts" in cap.totals and cap.norm.jaar == 2018


def test_take_over_adds_the_capacity_knelpunt_once(conn, joure, monkeypatch):
    sid = network.load_demo(conn)
    monkeypatch.setattr(session_drafts, "area_profile", lambda _session: joure)
    session_drafts.take_over(conn, sid)
    session_drafts.take_over(conn, sid)
    rows = [
        k for k in knelpunten.knelpunten(conn, sid) if k["title"] == "Te weinig huisartscapaciteit"
    ]
    assert len(rows) == 1
    assert "drempel: tekort minstens 0,5 fte" in rows[0]["rule"]


def test_take_over_without_fte_adds_no_capacity_knelpunt(conn, joure, monkeypatch):
    sid = create_session(conn, "Zonder fte (FICTIEF)", "WK194019")
    network.add_partner(conn, sid, {"organisatie": "Praktijk (FICTIEF)", "discipline": "huisarts"})
    monkeypatch.setattr(session_drafts, "area_profile", lambda _session: joure)
    session_drafts.take_over(conn, sid)
    titles = [k["title"] for k in knelpunten.knelpunten(conn, sid)]
    assert "Te weinig huisartscapaciteit" not in titles


def test_vervolg_weighs_the_carried_sociale_kaart_too(conn):
    # Wijk 13 Assendorp: 13.090 inwoners (KWB 2024) need 6,2 fte at 2.095 per fte; 5,3 is 1,0 short.
    sid = create_session(conn, "Kick-off Assendorp (FICTIEF)", "WK019313", dates=["2026-10-01"])
    network.add_partner(conn, sid, _huisarts("Praktijk A (FICTIEF)", 3.2, 7400))
    network.add_partner(conn, sid, _huisarts("Praktijk B (FICTIEF)", 2.1, 4300))
    session_drafts.take_over(conn, sid)
    title = "Te weinig huisartscapaciteit"
    assert title in [k["title"] for k in knelpunten.knelpunten(conn, sid)]
    later, counts = session_drafts.new_session_with_drafts(
        conn, "Vervolg Assendorp (FICTIEF)", "WK019313", dates=["2027-06-01"], kind="vervolg"
    )
    assert counts["ketenpartners"] == 2
    (row,) = [k for k in knelpunten.knelpunten(conn, later) if k["title"] == title]
    assert row["origin"] == "wijkprofiel" and "5,3 fte huisarts ingevuld" in row["description"]


def test_a_shortage_under_the_threshold_never_reads_as_the_threshold():
    # Walk of Sint Pancras (5.860 inwoners, KWB 2024; 2,5 fte FICTIEF): 2030 needs 2,993 fte at
    # 2.095 per fte, 0,493 short; one decimal printed '0,5 fte tekort' next to 'knelpunt: nee'.
    from wijktools.report.capacity import table

    norm = capacity_norm.Norm(2095.0, "NZa (FICTIEF in deze test), 2018", 2018)
    cap = capacity.compute(
        "Sint Pancras",
        5860,
        2024,
        _demand(24_000.0, 25_682.4, 27_600.0),
        [_huisarts("Praktijk (FICTIEF)", 2.5, 5600)],
        norm,
    )
    assert capacity.knelpunten(cap) == []
    gap_2030 = cap.jaren[1].tekort
    assert 0.49 <= gap_2030 < 0.5
    assert "in 2030 0,49 fte huisarts tekort" in cap.sentence
    assert table(cap).rows[1][3] == "0,49"
    assert capacity.gap_number(1.04) == "1,0" and capacity.gap_number(0.3) == "0,3"


def test_room_in_the_capacity_table_carries_a_true_minus_sign():
    # 5,1 fte against 10.000 / 2.000 = 5,0 needed: 0,1 fte room, printed '-0,1' with a hyphen before.
    from wijktools.report.capacity import table

    cap = _testwijk(_demand(50_000.0, 50_000.0, 50_000.0), _huisarts("A (FICTIEF)", 5.1))
    rows = table(cap).rows
    assert [row[3] for row in rows] == ["\u22120,1"] * 3
    assert "Tekort (+) of ruimte (\u2212)" in table(cap).header
