"""Likely duplicate organisations on import: listed with rows, a choice per pair, never silently doubled.

The organisation names are FICTIEF but shaped like real Dutch practice names.
"""

import csv

import pytest
from typer.testing import CliRunner

from wijktools import network
from wijktools.cli import app
from wijktools.errors import DataFileErrors
from wijktools.network import duplicates as dup
from wijktools.store import connection as store
from wijktools.workshop.sessions import create_session


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Huisartsenpraktijk De Linde", "Hap De Linde"),
        ("Apotheek Zuid", "Apotheek Zuid B.V."),
        ("Fysiotherapie Joure", "Fysiotherapiepraktijk Joure"),
        ("Huisartsenpraktijk Van der Meer", "Huisartspraktijk van der Meer"),
        ("Thuiszorg Het Friese Land", "Thuiszorg Friese Land"),
        ("Gezondheidscentrum 't Haskerland", "GC Haskerland"),
        ("Apotheek De Skâns V.O.F.", "Apotheek de Skans"),
    ],
)
def test_spelling_variants_of_one_organisation_match(a, b):
    assert dup.is_likely_duplicate(a, b), (a, b, dup.similarity(a, b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Apotheek Zuid", "Apotheek Noord"),
        ("Huisartsenpraktijk Joure-Noord", "Huisartsenpraktijk Joure-Zuid"),
        ("Apotheek De Linde", "Huisartsenpraktijk De Linde"),
        ("Fysiotherapie Joure", "Fysiotherapie Sneek"),
        ("Huisartsenpraktijk Van der Meer", "Huisartsenpraktijk Van der Veen"),
        ("Tandartspraktijk Centrum 1", "Tandartspraktijk Centrum 2"),
        ("Wijkteam Joure", "Wijkteam Langweer"),
        ("Apotheek Zuid", "apotheek zuid"),  # the same name is an update, not a duplicate
    ],
)
def test_different_organisations_do_not_match(a, b):
    assert not dup.is_likely_duplicate(a, b), (a, b, dup.similarity(a, b))


def _write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(network.HEADERS)
        for organisatie, discipline, extra in rows:
            record = dict.fromkeys(network.HEADERS, "")
            record.update({"Organisatie": organisatie, "Discipline": discipline, **extra})
            writer.writerow([record[h] for h in network.HEADERS])
    return path


@pytest.fixture
def session(conn):
    sid = create_session(conn, "Kick-off (FICTIEF)", "WK194019")
    network.add_partner(
        conn,
        sid,
        {
            "organisatie": "Huisartsenpraktijk De Linde",
            "discipline": "huisarts",
            "telefoon": "0513-412345",
            "werkdagen": "ma, di, wo, do, vr",
        },
    )
    network.add_partner(conn, sid, {"organisatie": "Apotheek Zuid", "discipline": "apotheek"})
    return sid


def _names(conn, sid):
    return sorted(p["organisatie"] for p in network.partners(conn, sid))


def test_import_stops_with_the_list_and_stores_nothing(conn, session, tmp_path):
    path = _write(
        tmp_path / "kaart.csv",
        [
            ("Hap De Linde", "huisarts", {"Expertise": "ouderenzorg"}),
            ("Apotheek Zuid B.V.", "apotheek", {}),
            ("Apotheek Noord", "apotheek", {}),
        ],
    )
    before = _names(conn, session)
    with pytest.raises(dup.DuplicatesFound) as caught:
        network.import_partners(conn, session, path)
    pairs = caught.value.pairs
    assert [(p.row, p.name, p.other_name) for p in pairs] == [
        (2, "Hap De Linde", "Huisartsenpraktijk De Linde"),
        (3, "Apotheek Zuid B.V.", "Apotheek Zuid"),
    ]
    assert "rij 2" in str(caught.value) and "--duplicaten" in str(caught.value)
    assert _names(conn, session) == before  # Apotheek Noord not half-imported either


def test_choices_merge_skip_and_add(conn, session, tmp_path):
    path = _write(
        tmp_path / "kaart.csv",
        [
            ("Hap De Linde", "huisarts", {"Expertise": "ouderenzorg", "Telefoon": ""}),
            ("Apotheek Zuid B.V.", "apotheek", {}),
            ("Apotheek Noord", "apotheek", {}),
        ],
    )
    phone = network.find_partner(conn, session, "Huisartsenpraktijk De Linde")["telefoon"]
    assert phone
    plan = network.plan_partner_import(conn, session, path)
    assert len(plan.pairs) == 2
    result = network.import_partners(conn, session, path, keuzes={2: "samenvoegen", 3: "toevoegen"})
    assert (result.toegevoegd, result.bijgewerkt) == (2, 1)
    assert _names(conn, session) == [
        "Apotheek Noord",
        "Apotheek Zuid",
        "Apotheek Zuid B.V.",
        "Huisartsenpraktijk De Linde",
    ]
    linde = network.find_partner(conn, session, "Huisartsenpraktijk De Linde")
    assert linde["expertise"] == "ouderenzorg"  # from the file
    assert linde["telefoon"] == phone  # an empty cell in the file does not erase it
    assert len(store.history(conn, "ketenpartners", linde["id"])) == 2  # insert + before_update


def test_skip_for_all_pairs(conn, session, tmp_path):
    path = _write(
        tmp_path / "kaart.csv",
        [("Hap De Linde", "huisarts", {}), ("Apotheek Zuid B.V.", "apotheek", {})],
    )
    result = network.import_partners(conn, session, path, duplicaten="overslaan")
    assert (result.toegevoegd, result.bijgewerkt) == (0, 0)
    assert _names(conn, session) == ["Apotheek Zuid", "Huisartsenpraktijk De Linde"]


def test_same_organisation_twice_in_one_file_names_both_rows(conn, session, tmp_path):
    path = _write(
        tmp_path / "kaart.csv",
        [
            ("Fysiotherapie Joure", "fysiotherapie", {}),
            ("Wijkteam Joure", "sociaal wijkteam", {}),
            ("Fysiotherapiepraktijk Joure", "fysiotherapie", {}),
        ],
    )
    with pytest.raises(dup.DuplicatesFound) as caught:
        network.import_partners(conn, session, path)
    (pair,) = caught.value.pairs
    assert (pair.row, pair.other_row) == (4, 2)
    assert "rij 4" in str(caught.value) and "rij 2 van hetzelfde bestand" in str(caught.value)


def test_exact_same_name_twice_names_both_rows(conn, session, tmp_path):
    path = _write(
        tmp_path / "kaart.csv",
        [("Wijkteam Joure", "sociaal wijkteam", {}), ("Wijkteam Joure", "sociaal wijkteam", {})],
    )
    with pytest.raises(DataFileErrors, match=r"rij 3.*staat ook al op rij 2"):
        network.import_partners(conn, session, path)


def test_cli_reports_and_applies_choice(db_path, conn, session, tmp_path):
    path = _write(tmp_path / "kaart.csv", [("Hap De Linde", "huisarts", {})])
    runner = CliRunner()
    base = ["importeer", "ketenpartners", str(path), "--sessie", str(session), "--db", str(db_path)]
    stopped = runner.invoke(app, base)
    assert stopped.exit_code != 0
    assert "Hap De Linde" in str(stopped.exception) or "Hap De Linde" in stopped.output
    wrong = runner.invoke(app, [*base, "--duplicaten", "weggooien"])
    assert wrong.exit_code != 0
    done = runner.invoke(app, [*base, "--duplicaten", "toevoegen"])
    assert done.exit_code == 0, done.output
    assert "1 toegevoegd" in done.output
    assert "Hap De Linde" in _names(conn, session)
