"""Reading survey exports: every tool's file shape, inference, mapping, and each kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, copy_fixture
from wijktools import survey
from wijktools.errors import DataFileError, DataFileErrors, WijktoolsError
from wijktools.survey.infer import infer_type, is_metadata

S1 = "Ik weet wie ik moet bellen bij zorgen over een patiënt"


def types(s: survey.Survey) -> dict[str, str]:
    return {q.column: q.type for q in s.questions}


def test_forms_xlsx_dutch_headers_drops_metadata_and_skips_readme_sheet():
    s = survey.read(FIXTURES / "enquete_forms_nl.xlsx")
    assert s.n == 12
    assert s.discipline == "Wat is uw functie?"
    for personal in (
        "ID",
        "Begintijd",
        "Tijd van voltooiing",
        "E-mail",
        "Naam",
        "Tijd van laatste wijziging",
    ):
        assert personal not in s.data.columns
        assert personal in s.dropped
    assert types(s)[S1] == "likert"
    assert types(s)["Met welke disciplines werkt u samen?"] == "meerdere_keuzes"
    assert types(s)["Wat is het grootste knelpunt?"] == "open"
    # 'Huisarts' and 'huisarts' are one discipline; Forms' 'a;b;' becomes a list.
    assert s.data["Wat is uw functie?"].value_counts()["Huisarts"] == 5
    assert s.data["Met welke disciplines werkt u samen?"].iloc[0] == ["Apotheek", "Wijkverpleging"]
    # Excel row numbers as the user sees them: header is row 1.
    assert list(s.data.index[:2]) == [2, 3]
    assert s.datum.isoformat() == "2026-10-01"


def test_no_opinion_counts_as_not_answered():
    s = survey.read(FIXTURES / "enquete_forms_nl.xlsx")
    assert s.data[S1].notna().sum() == 11  # one 'Weet niet'


def test_google_forms_csv_english_headers_bom_and_comma():
    s = survey.read(FIXTURES / "enquete_google_en.csv")
    assert s.n == 8
    assert s.discipline == "What is your profession?"
    assert "Timestamp" in s.dropped and "Email Address" in s.dropped
    assert types(s)["I know whom to call, when I am worried"] == "likert"
    assert s.datum.isoformat() == "2026-10-08"


def test_google_forms_multiple_choice_with_mapping_splits_on_comma():
    s = survey.read(FIXTURES / "enquete_google_en.csv", FIXTURES / "enquete_google_mapping.yaml")
    column = "Which disciplines do you meet monthly?"
    assert types(s)[column] == "meerdere_keuzes"
    assert s.data[column].iloc[0] == ["Pharmacy", "District nurse"]


def test_limesurvey_csv_semicolon_numeric_likert():
    s = survey.read(FIXTURES / "enquete_limesurvey.csv")
    assert s.n == 6
    assert s.discipline == "Beroep"
    assert set(s.dropped) >= {
        "Antwoord ID",
        "Datum verstuurd",
        "Laatste pagina",
        "Starttaal",
        "Seed",
    }
    assert s.question(S1).type == "likert" and s.question(S1).scale == "cijfer"
    assert types(s)["Aantal jaren werkzaam in de wijk"] == "getal"
    # A ';' inside a quoted open answer neither splits the cell nor makes it multiple choice.
    assert types(s)["Toelichting"] == "open"


def test_typed_paper_list_skips_empty_rows_and_knows_frequency_scale():
    s = survey.read(FIXTURES / "enquete_papier.xlsx")
    assert s.n == 6
    assert "Nr" in s.dropped
    assert s.discipline == "Functie"
    assert s.question("Hoe vaak overlegt u met de huisarts?").scale == "frequentie"
    assert 5 not in s.data.index  # the empty typed row
    assert list(s.data.index)[-1] == 8


def test_example_survey_reads_with_and_without_mapping_the_same():
    example, mapping = survey.demo_paths()
    assert "FICTIEF" in example.name and "FICTIEF" in mapping.name
    with_map, without = survey.read(example, mapping), survey.read(example)
    assert with_map.n == without.n == 30
    assert types(with_map) == types(without)
    assert with_map.keywords and without.keywords is None


def test_example_file_says_it_is_fictional_inside():
    from openpyxl import load_workbook

    wb = load_workbook(survey.demo_paths()[0], read_only=True)
    first = wb.worksheets[0]
    assert first.title == "LEES MIJ"
    assert "FICTIEF" in next(first.iter_rows(values_only=True))[0]
    wb.close()


@pytest.mark.parametrize(
    ("header", "values", "expected"),
    [
        ("Wat is uw beroep?", ["Huisarts", "Apotheek"], "discipline"),
        (
            "Stelling",
            ["Helemaal mee eens", "mee oneens", "Neutraal", "eens", "weet niet"],
            "likert",
        ),
        ("Stelling", ["1", "2", "5", "4", "3"], "likert"),
        ("Aantal jaren in de wijk", ["1", "2", "5", "4", "3"], "getal"),
        ("Aantal cliënten", ["12", "3,5", "40"], "getal"),
        ("Wie?", ["a;b;", "b;"], "meerdere_keuzes"),
        ("MDO", ["Nooit", "Maandelijks", "Nooit", "Maandelijks", "Nooit", "Nooit"], "enkele_keuze"),
        (
            "Wat gaat er mis?",
            ["Lange wachttijd bij de GGZ voor jongeren", "Niemand belt terug na verwijzing"],
            "open",
        ),
        # remarks stay remarks, however short and alike: "Opmerking s" is not merged into "Opmerking S"
        ("Opmerking", ["Opmerking S", "Opmerking s"], "open"),
        ("Toelichting", ["ok", "ok", "OK", "ok"], "open"),
    ],
)
def test_inference(header, values, expected):
    assert infer_type(header, values)[0] == expected


@pytest.mark.parametrize(
    "header",
    ["ID", "Begintijd", "Tijd van voltooiing", "E-mail", "Naam", "Tijd van laatste wijziging",
     "Start time", "Completion time", "Email", "Name", "Last modified time", "Tijdstempel", "Timestamp"],
)  # fmt: skip
def test_metadata_headers_recognised(header):
    assert is_metadata(header)
    assert not is_metadata("Wat is uw naam voor de workshop-badge en functie?")


# --- bad input: Dutch message naming file, row, column and what to do; nothing imported ---------


def test_missing_mapped_column_names_file_row_column():
    with pytest.raises(DataFileError) as info:
        survey.read(
            FIXTURES / "enquete_forms_nl.xlsx", FIXTURES / "enquete_mapping_kolom_ontbreekt.yaml"
        )
    err = info.value
    assert err.row == 1 and err.column == "Hoe tevreden bent u over het MDO?"
    assert "enquete_forms_nl.xlsx" in str(err) and "rij 1" in str(err)
    assert "Pas de kolomkop" in str(err)


def test_mapping_discipline_column_missing():
    with pytest.raises(DataFileError, match="discipline van de respondent") as info:
        survey.read(
            FIXTURES / "enquete_forms_nl.xlsx",
            FIXTURES / "enquete_mapping_discipline_ontbreekt.yaml",
        )
    assert info.value.column == "Wat is uw beroepsgroep?"


def test_mapping_unknown_type_names_mapping_file():
    with pytest.raises(DataFileError, match="onbekend vraagtype 'schuifregelaar'") as info:
        survey.read(
            FIXTURES / "enquete_forms_nl.xlsx", FIXTURES / "enquete_mapping_onbekend_type.yaml"
        )
    assert info.value.path.endswith("enquete_mapping_onbekend_type.yaml")


@pytest.mark.parametrize("mapping", [None, "enquete_likert_buiten_schaal_mapping.yaml"])
def test_likert_value_outside_scale_lists_every_cell(mapping):
    with pytest.raises(DataFileErrors) as info:
        survey.read(
            FIXTURES / "enquete_likert_buiten_schaal.csv", FIXTURES / mapping if mapping else None
        )
    problems = {(p.row, p.column) for p in info.value.problems}
    assert problems == {(3, S1), (4, "De samenwerking in de wijk verloopt goed")}
    text = str(info.value)
    assert "'heel erg eens' valt buiten de schaal" in text and "'7' valt buiten de schaal" in text
    assert "er is niets opgeslagen" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("enquete_leeg.csv", "het bestand is leeg"),
        ("enquete_alleen_koppen.csv", "alleen kolomkoppen"),
        ("enquete_kapot.xlsx", "geen leesbaar Excel-bestand"),
        ("enquete_verkeerd_type.pdf", "exporteer de enquête als .xlsx of .csv"),
    ],
)
def test_unreadable_or_empty_file(name, expected):
    with pytest.raises(DataFileError, match=expected) as info:
        survey.read(FIXTURES / name)
    assert name in str(info.value)


def test_missing_file_and_old_xls(tmp_path: Path):
    with pytest.raises(DataFileError, match="bestaat niet"):
        survey.read(tmp_path / "weg.xlsx")
    old = tmp_path / "oud.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DataFileError, match=r"\.xls\)"):
        survey.read(old)


def test_cp1252_csv_from_old_excel(tmp_path: Path):
    path = tmp_path / "enquete.csv"
    rows = ["Functie;Stelling;Opmerking"] + [f"Huisarts;mee eens;cliënt {i}" for i in range(5)]
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    s = survey.read(path)
    assert s.n == 5 and "cliënt 0" in list(s.data["Opmerking"])


def test_errors_are_wijktools_errors_and_pickle():
    import pickle

    with pytest.raises(WijktoolsError) as info:
        survey.read(FIXTURES / "enquete_likert_buiten_schaal.csv")
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)


def test_reading_never_changes_the_file(tmp_path: Path):
    path = copy_fixture("enquete_forms_nl.xlsx", tmp_path)
    before = path.read_bytes()
    survey.read(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "header", ["Uw naam", "E-mailadres (optioneel)", "Telefoonnummer", "Punten - Vraag 1"]
)
def test_personal_questions_are_dropped_too(header):
    assert is_metadata(header)


def test_statement_mentioning_a_name_is_kept():
    assert not is_metadata("Ik weet de naam van de wijkverpleegkundige")


def test_excel_sep_line_is_skipped_and_rows_still_match_excel(tmp_path: Path):
    path = tmp_path / "enquete.csv"
    rows = ["sep=;", "Functie;Stelling"] + ["Huisarts;eens"] * 4 + ["Huisarts;heel eens"]
    path.write_text("\n".join(rows), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        survey.read(path)
    assert info.value.row == 6 and info.value.column == "Stelling"


@pytest.mark.parametrize("header", ["Tijdstip van voltooiing", "Tijdstip van begin"])
def test_forms_time_of_completion_spelled_tijdstip_is_metadata_and_dates_the_survey(
    tmp_path: Path, header: str
):
    # FICTIEF: a Forms export whose time columns say 'Tijdstip van ...'; the times must not
    # become an open question, and the completion time (not the file date) dates the survey.
    from datetime import date, datetime

    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.append(["Id", header, "Wat is uw beroep?", S1])
    for i in range(5):
        sheet.append([i + 1, datetime(2026, 11, 2 + i, 10, 7), "Huisarts", "Mee eens"])
    path = tmp_path / "enquete_FICTIEF.xlsx"
    wb.save(path)
    s = survey.read(path)
    assert header not in types(s) and header in s.dropped
    if "voltooiing" in header:
        assert s.datum == date(2026, 11, 6)
