import datetime as dt

import openpyxl
import pytest

from tests.conftest import copy_fixture
from tests.support.workshop import NASTY, new_session
from wijktools.errors import DataFileError, DataFileErrors
from wijktools.store import connection as store
from wijktools.workshop import afspraken_io, agreements, knelpunten

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def sid(sid, conn):
    knelpunten.add_knelpunt(conn, sid, "Lange wachttijd GGZ")
    return sid


def test_export_neutralises_text_and_imports_back_exactly(conn, sid, tmp_path):
    kid = knelpunten.add_knelpunt(conn, sid, NASTY)
    agreements.add_afspraak(
        conn,
        sid,
        NASTY,
        knelpunt_id=kid,
        trekker="nieuw: " + NASTY,
        betrokken=["Apotheek Centrum (FICTIEF)", "nieuw: Bieb"],
        deadline="1-3-2027",
        coordination="=1+1",
        evaluation="@SUM(A1)",
        status="loopt",
    )
    path = afspraken_io.export_afspraken(conn, sid, tmp_path / "afspraken.xlsx")
    sheet = openpyxl.load_workbook(path)["Afspraken"]
    assert [c.value for c in sheet[1]] == list(afspraken_io.HEADERS)
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula
    assert sheet["B2"].value == NASTY and sheet["F2"].value == "=1+1"
    other = new_session(conn, "tweede")
    result = afspraken_io.import_afspraken(conn, other, path, today=TODAY)
    assert result["afspraken"] == 1 and result["nieuwe_knelpunten"] == 1
    (a,) = agreements.afspraken(conn, other)
    assert (a["wat"], a["knelpunt"], a["trekker"], a["coordination"], a["evaluation"]) == (
        NASTY,
        NASTY,
        NASTY,
        "=1+1",
        "@SUM(A1)",
    )
    assert a["trekker_is_nieuw"] and a["betrokken_namen"] == ["Apotheek Centrum (FICTIEF)", "Bieb"]
    assert a["deadline"] == "2027-03-01" and a["status"] == "loopt"


def test_every_problem_is_named_by_row_and_column_and_nothing_is_imported(conn, sid, tmp_path):
    path = copy_fixture("afspraken_fouten_per_cel_FICTIEF.csv", tmp_path)
    with pytest.raises(DataFileErrors) as info:
        afspraken_io.import_afspraken(conn, sid, path)
    places = [(p.row, p.column) for p in info.value.problems]
    assert places == [
        (2, "Afspraak"),
        (2, "Deadline"),
        (2, "Status"),
        (3, "Trekker"),
        (3, "Betrokken partners"),
        (4, "Deadline"),
    ]
    text = str(info.value)
    assert "rij 3, kolom 'Trekker'" in text and "nieuw: Bestaat Niet BV" in text
    assert store.rows(conn, "afspraken") == []


def test_missing_columns_are_listed(conn, sid, tmp_path):
    path = copy_fixture("afspraken_kolommen_ontbreken_FICTIEF.csv", tmp_path)
    with pytest.raises(DataFileError, match="'Deadline', 'Status' ontbreken"):
        afspraken_io.import_afspraken(conn, sid, path)


def test_import_warns_about_past_deadlines_and_new_knelpunten(conn, sid, tmp_path):
    path = tmp_path / "afspraken.csv"
    path.write_text(
        "Knelpunt;Afspraak;Trekker;Deadline;Status;Coordinatie\n"
        "Nieuw probleem;Overleg starten;Apotheek Centrum (FICTIEF);1-1-2025;;maandelijks\n",
        encoding="utf-8",
    )
    result = afspraken_io.import_afspraken(conn, sid, path, today=TODAY)
    assert any("rij 2: knelpunt 'Nieuw probleem'" in w for w in result["waarschuwingen"])
    assert any(
        "rij 2: de deadline 1 januari 2025 ligt in het verleden" in w
        for w in result["waarschuwingen"]
    )
    (a,) = agreements.afspraken(conn, sid)
    assert (
        a["status"] == "voorgesteld" and a["coordination"] == "maandelijks"
    )  # header without accent


def test_template_has_headers_pick_lists_and_explanation(conn, sid, tmp_path):
    path = afspraken_io.write_template(tmp_path / "sjabloon.xlsx", conn, sid)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Afspraken", "Toelichting", "Lijsten"]
    assert [c.value for c in book["Afspraken"][1]] == list(afspraken_io.HEADERS)
    assert book["Afspraken"].max_row == 1
    formulas = sorted(v.formula1 for v in book["Afspraken"].data_validations.dataValidation)
    assert len(formulas) == 3 and all(f.startswith("Lijsten!") for f in formulas)
    assert "Apotheek Centrum (FICTIEF)" in [c.value for c in book["Lijsten"]["B"]]
    assert any("FICTIEF" in (c.value or "") for c in book["Toelichting"]["A"])
    assert book["Lijsten"].sheet_state == "hidden"
