"""Hostile input for all five importers through the one reader: no traceback, no half-import, no wrong read.

Every workshop name below is FICTIEF. Each class of hostile file is built by a named builder
(`binair_afval.csv`, `werkblad_ontbreekt.xlsx`, ...) so a failure names the situation.
"""

from __future__ import annotations

import codecs
import io
import re
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.support.workshop import new_session
from wijktools import survey
from wijktools.errors import DataFileError, DataFileErrors, WijktoolsError
from wijktools.network import io as network_io
from wijktools.network import relations_io
from wijktools.network.partners import HEADERS as PARTNER_HEADERS
from wijktools.workshop import afspraken_io, votes_import

# --- the five importers, each with a header and two valid rows -------------------------------


def partner_row(organisatie: str, discipline: str) -> list[str]:
    return [organisatie, discipline] + [""] * (len(PARTNER_HEADERS) - 2)


IMPORTERS: dict[str, dict] = {
    "ketenpartners": {
        "header": PARTNER_HEADERS,
        "rows": [
            partner_row("Fysiotherapie Éénhoorn (FICTIEF)", "fysiotherapie"),
            partner_row("Wijkverpleging Zuid (FICTIEF)", "wijkverpleging"),
        ],
        "key": "Organisatie",
    },
    "relaties": {
        "header": ["Van", "Naar", "Soort", "Intensiteit"],
        "rows": [
            ["Welzijn Voorbeeld (FICTIEF)", "Apotheek Centrum (FICTIEF)", "overleg", "2"],
            [
                "Huisartsenpraktijk De Linde (FICTIEF)",
                "Apotheek Centrum (FICTIEF)",
                "verwijzen",
                "1",
            ],
        ],
        "key": "Van",
    },
    "stemmen": {
        "header": ["Knelpunt", "Stemmen", "Ronde"],
        "rows": [
            ["Eenzaamheid onder ouderen (FICTIEF)", "7", "1"],
            ["Wachttijd GGZ (FICTIEF)", "3", "1"],
        ],
        "key": "Knelpunt",
    },
    "afspraken": {
        "header": ["Knelpunt", "Afspraak", "Trekker", "Deadline", "Status"],
        "rows": [
            [
                "Eenzaamheid onder ouderen (FICTIEF)",
                "Huisarts verwijst naar welzijn op recept",
                "Welzijn Voorbeeld (FICTIEF)",
                "Q2 2027",
                "afgesproken",
            ],
            ["Wachttijd GGZ (FICTIEF)", "Wekelijks MDO", "", "1-3-2027", ""],
        ],
        "key": "Afspraak",
    },
    "enquête": {
        "header": ["Discipline", "Ik weet wie ik kan bellen in de wijk"],
        "rows": [["huisarts", "eens"], ["apotheek", "oneens"]],
        "key": "Discipline",
    },
}


def run_import(kind: str, conn: sqlite3.Connection, sid: int, path: Path) -> object:
    """Call the importer a user runs for `kind` (the enquête is read, not stored)."""
    if kind == "ketenpartners":
        return network_io.import_partners(conn, sid, path)
    if kind == "relaties":
        return relations_io.import_relations(conn, sid, path)
    if kind == "stemmen":
        return votes_import.import_paper_votes(conn, sid, path)
    if kind == "afspraken":
        return afspraken_io.import_afspraken(conn, sid, path)
    return survey.read(path)


def snapshot(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of every table: a refused import must leave all of them as they were."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


ENGLISH = re.compile(
    r"Traceback|Error\b|Exception|KeyError|ValueError|zip file|invalid literal|codec|"
    r"UnicodeDecode|BadZip|\(File is"
)


def assert_refused(kind: str, conn: sqlite3.Connection, sid: int, path: Path, *needles: str) -> str:
    before = snapshot(conn)
    with pytest.raises(WijktoolsError) as info:
        run_import(kind, conn, sid, path)
    text = str(info.value)
    assert not ENGLISH.search(text), text
    for needle in needles:
        assert needle.casefold() in text.casefold(), text
    assert snapshot(conn) == before
    return text


# --- file builders ----------------------------------------------------------------------------


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    sep_line: bool = False,
) -> Path:
    out = io.StringIO()
    if sep_line:
        out.write(f"sep={delimiter}\r\n")
    for row in [header, *rows]:
        out.write(
            delimiter.join(
                '"' + v.replace('"', '""') + '"' if re.search(r'[;,\t"\n]', v) else v for v in row
            )
            + "\r\n"
        )
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: list[tuple[str, list[list[object]], str]]) -> Path:
    """Sheets as (title, rows, state); openpyxl stores '=...' strings as formulas without a result."""
    book = Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        ws = book.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def rewrite_zip(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item, data)
    return target


def valid_xlsx(kind: str, tmp_path: Path) -> Path:
    spec = IMPORTERS[kind]
    return write_xlsx(
        tmp_path / "goed.xlsx", [("Gegevens", [spec["header"], *spec["rows"]], "visible")]
    )


BROKEN_FILES: dict[str, Callable[[str, Path], Path]] = {
    "binair_afval.csv": lambda kind, d: _bytes(d / "binair_afval.csv", bytes(range(256)) * 40),
    "binair_zonder_nul.csv": lambda kind, d: _bytes(
        d / "binair_zonder_nul.csv", bytes((i * 37 + 11) % 255 + 1 for i in range(6000))
    ),
    "map_met_naam_x.csv": lambda kind, d: _dir(d / "x.csv"),
    "afgebroken.xlsx": lambda kind, d: _bytes(
        d / "afgebroken.xlsx", valid_xlsx(kind, d).read_bytes()[:1500]
    ),
    "werkblad_ontbreekt.xlsx": lambda kind, d: rewrite_zip(
        valid_xlsx(kind, d),
        d / "werkblad_ontbreekt.xlsx",
        lambda name, data: None if name.startswith("xl/worksheets/") else data,
    ),
    "stijlen_kapot.xlsx": lambda kind, d: rewrite_zip(
        valid_xlsx(kind, d),
        d / "stijlen_kapot.xlsx",
        lambda name, data: b"<styleSheet><kapot" if name == "xl/styles.xml" else data,
    ),
    "werkblad_kapotte_xml.xlsx": lambda kind, d: rewrite_zip(
        valid_xlsx(kind, d),
        d / "werkblad_kapotte_xml.xlsx",
        lambda name, data: data[: len(data) // 2] if name.startswith("xl/worksheets/") else data,
    ),
    "leeg.csv": lambda kind, d: _bytes(d / "leeg.csv", b""),
    "pdf_als_xlsx.xlsx": lambda kind, d: _bytes(d / "pdf_als_xlsx.xlsx", b"%PDF-1.4\n%\xe2\xe3"),
}


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _dir(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.fixture
def session(conn):
    return new_session(conn)


# --- classes of hostile files, for every importer ---------------------------------------------


@pytest.mark.parametrize("kind", list(IMPORTERS))
@pytest.mark.parametrize("broken", list(BROKEN_FILES))
def test_broken_files_get_a_dutch_message_and_change_nothing(kind, broken, conn, session, tmp_path):
    path = BROKEN_FILES[broken](kind, tmp_path)
    assert_refused(kind, conn, session, path, str(path.name))


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_header_only_file_is_refused_with_the_same_words(kind, conn, session, tmp_path):
    path = write_csv(tmp_path / "alleen_koppen.csv", IMPORTERS[kind]["header"], [])
    text = assert_refused(kind, conn, session, path)
    assert re.search(r"alleen (kopjes|kolomkoppen)", text)


@pytest.mark.parametrize("kind", list(IMPORTERS))
@pytest.mark.parametrize("twin", ["{} ", " {}", "{}  ", "{}".upper()])
def test_duplicate_headers_name_both_columns(kind, twin, conn, session, tmp_path):
    spec = IMPORTERS[kind]
    key = spec["key"]
    header = [*spec["header"], twin.format(key)]
    rows = [[*r, "iets anders (FICTIEF)"] for r in spec["rows"]]
    path = write_csv(tmp_path / "dubbele_kop.csv", header, rows)
    text = assert_refused(kind, conn, session, path, "dezelfde kop")
    letter = chr(ord("A") + spec["header"].index(key))
    assert f"{letter} ('{key}')" in text
    assert f"{chr(ord('A') + len(header) - 1)} ('" in text


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_formula_without_stored_result_is_named_a_formula(kind, conn, session, tmp_path):
    spec = IMPORTERS[kind]
    rows = [list(r) for r in spec["rows"]]
    col = spec["header"].index(spec["key"])
    rows[0][col] = '=HYPERLINK("http://evil.example","Praktijk (FICTIEF)")'
    path = write_xlsx(tmp_path / "formule.xlsx", [("Gegevens", [spec["header"], *rows], "visible")])
    text = assert_refused(kind, conn, session, path, "formule", "HYPERLINK", "rij 2")
    assert "verplicht" not in text


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_cp1252_with_sep_line_reads_like_utf8(kind, conn, session, tmp_path):
    spec = IMPORTERS[kind]
    latin = write_csv(
        tmp_path / "excel_nl.csv", spec["header"], spec["rows"], encoding="cp1252", sep_line=True
    )
    result = run_import(kind, conn, session, latin)
    assert result is not None
    if kind == "ketenpartners":
        names = {p["organisatie"] for p in network_io.kp.partners(conn, session)}
        assert "Fysiotherapie Éénhoorn (FICTIEF)" in names
    if kind == "enquête":
        assert list(result.data.columns) == spec["header"]


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_explanation_sheet_first_and_hidden_sheet_skipped(kind, conn, session, tmp_path):
    spec = IMPORTERS[kind]
    decoy = [["Organisatie", "Knelpunt", "Van", "Discipline"], ["VERBORGEN (FICTIEF)"] * 4]
    path = write_xlsx(
        tmp_path / "met_toelichting.xlsx",
        [
            ("Verborgen", decoy, "hidden"),
            ("Toelichting", [["Vul het tweede blad in."]], "visible"),
            ("Gegevens", [spec["header"], *spec["rows"]], "visible"),
        ],
    )
    result = run_import(kind, conn, session, path)
    stored = repr(result) + repr([tuple(r) for r in conn.execute("SELECT * FROM history")])
    assert "VERBORGEN" not in stored


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_over_long_cell_is_refused_with_its_place(kind, conn, session, tmp_path):
    spec = IMPORTERS[kind]
    rows = [list(r) for r in spec["rows"]]
    col = spec["header"].index(spec["key"])
    rows[1][col] = "x" * 100_000
    path = write_csv(tmp_path / "lange_cel.csv", spec["header"], rows)
    assert_refused(kind, conn, session, path, "te lang", "rij 3", spec["key"])


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_control_characters_are_stripped_the_same_way(kind, conn, session, tmp_path):
    spec = IMPORTERS[kind]
    rows = [list(r) for r in spec["rows"]]
    col = spec["header"].index(spec["key"])
    clean = rows[0][col]
    rows[0][col] = "\x00\x07" + clean[:3] + "\x1b\x0b" + clean[3:] + "\x7f\x85"
    path = write_csv(tmp_path / "stuurtekens.csv", spec["header"], rows, encoding="utf-8")
    # NUL bytes make a CSV binary: refused; without them the text is read with controls removed.
    assert_refused(kind, conn, session, path, "geen tekstbestand")
    rows[0][col] = "\t" + clean[:3] + "\x1b\x0b" + clean[3:] + "\x7f\x85"
    path = write_csv(tmp_path / "stuurtekens2.csv", spec["header"], rows)
    result = run_import(kind, conn, session, path)
    stored = repr([tuple(r) for r in conn.execute("SELECT data FROM history")]) + repr(result)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", stored)
    if kind != "enquête":
        assert clean in stored or clean.casefold() in stored.casefold()


@pytest.mark.parametrize("kind", ["ketenpartners", "relaties", "stemmen", "afspraken"])
def test_duplicate_rows_are_reported_not_merged(kind, conn, session, tmp_path):
    spec = IMPORTERS[kind]
    rows = [spec["rows"][0], spec["rows"][1], list(spec["rows"][0])]
    path = write_csv(tmp_path / "dubbele_rij.csv", spec["header"], rows)
    assert_refused(kind, conn, session, path, "rij 4", "rij 2")


@pytest.mark.parametrize(
    ("value", "column"),
    [
        ("99999999999999999999999", "Stemmen"),
        ("18446744073709551616", "Stemmen"),
        ("9223372036854775808", "Ronde"),
        ("1e308", "Stemmen"),
        ("²", "Stemmen"),
        ("٣", "Ronde"),
    ],
)
def test_votes_beyond_64_bit_or_odd_digits_are_refused(value, column, conn, session, tmp_path):
    header = ["Knelpunt", "Stemmen", "Ronde"]
    row = ["Eenzaamheid onder ouderen (FICTIEF)", "7", "1"]
    row[header.index(column)] = value
    path = write_csv(tmp_path / "groot_getal.csv", header, [row])
    assert_refused("stemmen", conn, session, path, column, "rij 2")


@pytest.mark.parametrize("value", ["1e308", "9" * 400, "-1" + "0" * 20, "1,5e10"])
def test_survey_numbers_beyond_reason_are_refused(value, tmp_path):
    header = ["Discipline", "Hoeveel cliënten ziet u per week?"]
    rows = [["huisarts", "12"], ["apotheek", value], ["fysiotherapie", "30"]]
    path = write_csv(tmp_path / "enquete_groot_getal.csv", header, rows)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "kolommen:\n  Discipline: discipline\n  Hoeveel cliënten ziet u per week?: getal\n",
        encoding="utf-8",
    )
    try:
        result = survey.read(path, mapping)
    except WijktoolsError as exc:
        assert "rij 3" in str(exc) and not ENGLISH.search(str(exc))
    else:  # not taken as a number question: then the text is kept as typed, never as infinity
        assert value in set(result.data.iloc[:, -1].astype(str))


def test_one_unparseable_date_does_not_flip_the_others(tmp_path):
    header = ["Tijd van voltooiing", "Discipline", "Ik weet wie ik kan bellen"]
    rows = [
        ["2026-10-01 10:00", "huisarts", "eens"],
        ["2026-10-02 11:00", "apotheek", "oneens"],
        ["gisteren", "fysiotherapie", "eens"],
    ]
    survey_date = survey.read(write_csv(tmp_path / "datums.csv", header, rows)).datum
    assert survey_date.isoformat() == "2026-10-02"
    rows[2][0] = "12-10-2026"  # Dutch day-first beside ISO values
    survey_date = survey.read(write_csv(tmp_path / "datums2.csv", header, rows)).datum
    assert survey_date.isoformat() == "2026-10-12"


def test_bom_utf16_csv_from_excel_unicode_text_is_read(conn, session, tmp_path):
    spec = IMPORTERS["stemmen"]
    text = "\t".join(spec["header"]) + "\r\n" + "\r\n".join("\t".join(r) for r in spec["rows"])
    path = _bytes(tmp_path / "unicode.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert votes_import.import_paper_votes(conn, session, path)["stemmen"] == 10


def test_refusals_are_data_file_errors_naming_the_file(conn, session, tmp_path):
    path = BROKEN_FILES["binair_afval.csv"]("stemmen", tmp_path)
    with pytest.raises((DataFileError, DataFileErrors)) as info:
        votes_import.import_paper_votes(conn, session, path)
    assert info.value.path == str(path)
