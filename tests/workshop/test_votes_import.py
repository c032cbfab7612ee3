import pytest

from tests.conftest import copy_fixture
from tests.support.workshop import NASTY
from wijktools.errors import DataFileError, DataFileErrors
from wijktools.sheets import write as sheets_write
from wijktools.store import connection as store
from wijktools.workshop import knelpunten, priorities, votes_import


@pytest.fixture
def sid(sid, conn):
    for title in ("Veel eenzaamheid onder ouderen", "Lange wachttijd GGZ"):
        knelpunten.add_knelpunt(conn, sid, title)
    return sid


def test_paper_votes_in_two_rounds_add_unknown_knelpunten(conn, sid, tmp_path):
    path = copy_fixture("stemmen_papier_twee_rondes_FICTIEF.csv", tmp_path)
    summary = votes_import.import_paper_votes(conn, sid, path)
    assert summary == {"rijen": 5, "stemmen": 29, "nieuwe_knelpunten": 1, "rondes": 2}
    first, second = priorities.session_results(conn, sid)
    assert [(r.title, r.score, r.rank_label) for r in first.rows] == [
        ("Lange wachttijd GGZ", 7.0, "1="),
        ("Veel eenzaamheid onder ouderen", 7.0, "1="),
        ("Parkeren bij de praktijk", 2.0, "3"),
    ]
    assert second.rows[0].title == "Veel eenzaamheid onder ouderen"
    assert knelpunten.find_knelpunt(conn, sid, "parkeren bij de praktijk")["origin"] == "papier"


def test_reimport_replaces_paper_votes_instead_of_doubling(conn, sid, tmp_path):
    path = copy_fixture("stemmen_papier_twee_rondes_FICTIEF.csv", tmp_path)
    votes_import.import_paper_votes(conn, sid, path)
    votes_import.import_paper_votes(conn, sid, path)
    first = priorities.session_results(conn, sid)[0]
    assert first.rows[0].score == 7.0
    assert len(priorities.rounds(conn, sid)) == 2


def test_xlsx_without_ronde_counts_for_round_one_and_keeps_text(conn, sid, tmp_path):
    path = tmp_path / "stemmen.xlsx"
    # Written as text cells (as Excel stores typed text); pandas would write a live formula.
    sheets_write.write_xlsx(
        path, {"Stemmen": (["Knelpunt", "Stemmen"], [[NASTY, 3], ["Lange wachttijd GGZ", 0]])}
    )
    votes_import.import_paper_votes(conn, sid, path)
    (result,) = priorities.session_results(conn, sid)
    assert result.number == 1 and result.rows[0].title == NASTY


def test_every_cell_problem_is_reported_with_row_and_column_and_nothing_is_stored(
    conn, sid, tmp_path
):
    path = copy_fixture("stemmen_fouten_per_cel_FICTIEF.csv", tmp_path)
    before = store.rows(conn, "knelpunten")
    with pytest.raises(DataFileErrors) as info:
        votes_import.import_paper_votes(conn, sid, path)
    places = {(p.row, p.column) for p in info.value.problems}
    assert places == {(2, "Knelpunt"), (3, "Stemmen"), (4, "Stemmen"), (4, "Ronde")}
    assert "niets opgeslagen" in str(info.value)
    assert store.rows(conn, "knelpunten") == before and store.rows(conn, "votes") == []


def test_duplicate_rows_and_matrix_round_numbers_are_refused(conn, sid, tmp_path):
    priorities.open_round(conn, sid, "matrix")
    path = tmp_path / "dubbel.csv"
    path.write_text(
        "Knelpunt,Stemmen,Ronde\nLange wachttijd GGZ,1,2\nlange wachttijd ggz,2,2\nA,1,1\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileErrors) as info:
        votes_import.import_paper_votes(conn, sid, path)
    found = {(p.row, p.column): p.hint for p in info.value.problems}
    assert "rij 2" in found[(3, "Knelpunt")]
    assert "impact × haalbaarheid" in found[(4, "Ronde")]
    assert store.rows(conn, "votes") == []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("stemmen.pdf", "x", "type '.pdf'"),
        ("leeg.csv", "Knelpunt,Stemmen\n", "geen stemmen"),
        ("kapot.xlsx", "dit is geen excel", "geen leesbaar Excel-bestand"),
    ],
)
def test_unreadable_or_empty_files_get_a_dutch_message(
    conn, sid, tmp_path, name, content, expected
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=expected):
        votes_import.import_paper_votes(conn, sid, path)


def test_missing_column_and_missing_file(conn, sid, tmp_path):
    path = copy_fixture("stemmen_kolom_ontbreekt_FICTIEF.csv", tmp_path)
    with pytest.raises(DataFileError, match=r"'Stemmen' ontbreken.*gevonden: Knelpunt, Aantal"):
        votes_import.import_paper_votes(conn, sid, path)
    with pytest.raises(DataFileError, match="bestaat niet"):
        votes_import.import_paper_votes(conn, sid, tmp_path / "weg.xlsx")


def test_csv_blank_line_keeps_error_rows_as_excel_shows_them(conn, sid, tmp_path):
    path = tmp_path / "stemmen.csv"
    path.write_text("Knelpunt;Stemmen\n\nLange wachttijd GGZ;veel\n", encoding="utf-8")
    with pytest.raises(DataFileErrors) as info:
        votes_import.import_paper_votes(conn, sid, path)
    assert {(p.row, p.column) for p in info.value.problems} == {(3, "Stemmen")}
