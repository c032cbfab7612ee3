"""The optional capacity columns of the sociale kaart (issue 18): FTE and ingeschreven patiënten."""

import pytest

from wijktools import network
from wijktools.errors import DataFileErrors, RecordInvalid
from wijktools.network.rules import fte, patients
from wijktools.store import connection as store
from wijktools.workshop.sessions import create_session

BASE = ",".join(network.HEADERS)
CAPACITY = ",".join(network.CAPACITY_HEADERS)


@pytest.fixture
def session(conn):
    return create_session(conn, "Capaciteit (FICTIEF)", "WK194019")


def _csv(tmp_path, lines, name="kaart.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(name, discipline="huisarts"):
    """The 14 base columns: name, discipline, opnamestop 'nee' and a check date."""
    return f"{name},{discipline},,,nee,,,,,,,,,2026-11-01"


@pytest.mark.parametrize(
    ("typed", "expected"), [("2,4", 2.4), ("2.4", 2.4), ("3", 3.0), (" 0,75 ", 0.75), ("", None)]
)
def test_fte_accepts_dutch_and_english_decimals(typed, expected):
    assert fte(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"), [("12500", 12500), ("12.500", 12500), ("12 500", 12500), ("", None)]
)
def test_patients_accept_dutch_thousands(typed, expected):
    assert patients(typed) == expected


def test_import_stores_capacity_as_numbers_with_history(conn, session, tmp_path):
    path = _csv(
        tmp_path,
        [
            f"{BASE},{CAPACITY}",
            _row("Huisartsen Oost (FICTIEF)") + ',"2,4","0,8",,"0,5","5.200"',
            _row("Huisartsen West (FICTIEF)") + ",1.6,,,,",
            _row("Apotheek (FICTIEF)", "apotheek") + ",,,,,",
        ],
    )
    assert network.import_partners(conn, session, path).toegevoegd == 3
    by_name = {p["organisatie"]: p for p in network.partners(conn, session)}
    oost = by_name["Huisartsen Oost (FICTIEF)"]
    assert (oost["fte_huisarts"], oost["fte_poh_s"], oost["fte_poh_ggz"]) == (2.4, 0.8, None)
    assert oost["fte_praktijkverpleegkundige"] == 0.5 and oost["ingeschreven_patienten"] == 5200
    assert by_name["Huisartsen West (FICTIEF)"]["fte_huisarts"] == 1.6
    assert by_name["Apotheek (FICTIEF)"]["fte_huisarts"] is None  # empty is unknown, not 0
    # An edit keeps the earlier value in history, like every other partner field.
    network.update_partner(conn, oost["id"], {"fte_huisarts": "3,0"})
    versions = store.history(conn, "ketenpartners", oost["id"])
    assert versions[-1]["action"] == "before_update"
    assert versions[-1]["data"]["fte_huisarts"] == 2.4
    assert network.partners_by_id(conn, oost["id"])["fte_huisarts"] == 3.0


def test_old_file_without_capacity_columns_still_imports_and_keeps_fte(conn, session, tmp_path):
    new = _csv(tmp_path, [f"{BASE},{CAPACITY}", _row("Huisartsen Oost (FICTIEF)") + ",2.4,,,,5200"])
    network.import_partners(conn, session, new)
    old = _csv(
        tmp_path,
        [BASE, _row("Huisartsen Oost (FICTIEF)").replace("2026-11-01", "2026-11-15")],
        "oud.csv",
    )
    result = network.import_partners(conn, session, old)
    assert result.bijgewerkt == 1
    (partner,) = network.partners(conn, session)
    assert partner["laatst_gecontroleerd"] == "2026-11-15"
    assert (partner["fte_huisarts"], partner["ingeschreven_patienten"]) == (2.4, 5200)


@pytest.mark.parametrize(
    ("column", "cell", "words"),
    [
        ("FTE huisarts", "-1", "negatief"),
        ("FTE huisarts", "veel", "geen aantal fte"),
        ("FTE POH-GGZ", "1e9", "geen aantal fte"),
        ("FTE huisarts", "1000000000", "geen mogelijk aantal"),
        ("FTE POH-S", "=SUM(A1:A3)", "formule"),
        ("Ingeschreven patiënten", "2,5", "heel getal"),
        ("Ingeschreven patiënten", "1000000000", "niet mogelijk"),
        ("Ingeschreven patiënten", "-300", "negatief"),
    ],
)
def test_hostile_values_name_file_row_and_column(conn, session, tmp_path, column, cell, words):
    values = dict.fromkeys(network.CAPACITY_HEADERS, "")
    values[column] = f'"{cell}"'
    line = _row("Huisartsen Oost (FICTIEF)") + "," + ",".join(values.values())
    path = _csv(tmp_path, [f"{BASE},{CAPACITY}", _row("Goed (FICTIEF)") + ",1,,,,", line])
    with pytest.raises(DataFileErrors) as caught:
        network.import_partners(conn, session, path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (3, column)
    assert words in str(problem) and str(path) in str(caught.value)
    assert network.partners(conn, session) == []  # nothing half-imported


def test_form_refuses_a_negative_fte_in_dutch(conn, session):
    with pytest.raises(RecordInvalid, match="FTE huisarts"):
        network.add_partner(
            conn,
            session,
            {"organisatie": "X (FICTIEF)", "discipline": "huisarts", "fte_huisarts": "-2"},
        )


def test_export_writes_dutch_decimals_and_reimports_the_same(conn, session, tmp_path):
    path = _csv(
        tmp_path, [f"{BASE},{CAPACITY}", _row("Huisartsen Oost (FICTIEF)") + ",2.4,,,,5200"]
    )
    network.import_partners(conn, session, path)
    out = network.export_partners(conn, session, tmp_path / "uit.xlsx")
    frame = network.sociale_kaart(conn, session)
    assert (
        frame.loc[0, "FTE huisarts"] == "2,4" and frame.loc[0, "Ingeschreven patiënten"] == "5200"
    )
    other = create_session(conn, "Kopie (FICTIEF)", "WK194019")
    network.import_partners(conn, other, out)
    (copy,) = network.partners(conn, other)
    assert (copy["fte_huisarts"], copy["ingeschreven_patienten"]) == (2.4, 5200)
