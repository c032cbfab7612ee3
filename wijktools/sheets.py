"""Spreadsheets in and out: .xlsx/.csv read with Excel row numbers, written so user text never runs.

One module for every table a user fills in or gets back (afspraken, paper votes, sociale kaart,
relations, the exported sociale kaart): reading with Dutch, row-precise errors; writing through
XlsxWriter with formulas and links off and formula-like text quote-prefixed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import xlsxwriter
from defusedcsv import csv as defused_csv
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from xlsxwriter.utility import xl_col_to_name

from wijktools.errors import DataFileError, DataFileErrors
from wijktools.paths import atomic_write, write_bytes_atomic

# Header row is spreadsheet row 1, so data row i (0-based) is spreadsheet row i + 2.
HEADER_ROWS = 1
# OWASP: a spreadsheet runs text starting with these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What defusedcsv quote-prefixes in a CSV (and what reading takes the quote off again).
_DEFUSED_START = ("=", "+", "-", "@", "|", "%")
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
MISSING = "het bestand bestaat niet. Controleer de naam en de map."

_PANDERA_HINTS = {
    "not_nullable": "deze cel is leeg; vul een waarde in",
    "field_uniqueness": "deze waarde komt vaker voor in dit bestand; gebruik elke waarde één keer",
}


def is_formula_like(value: Any) -> bool:
    """True for text a spreadsheet would run; such cells are written with a quote prefix."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def new_workbook(target: Any) -> xlsxwriter.Workbook:
    """An XlsxWriter workbook that never turns a string into a formula, link or number."""
    return xlsxwriter.Workbook(target, dict(WORKBOOK_OPTIONS))


def with_quoted(
    book: xlsxwriter.Workbook, specs: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Formats by name, each with a '<name>_quoted' twin for formula-like text."""
    formats = {}
    for name, spec in specs.items():
        formats[name] = book.add_format(dict(spec))
        formats[f"{name}_quoted"] = book.add_format({**spec, "quote_prefix": True})
    return formats


def list_source(sheet: str, col: int, first: int, last: int) -> str:
    """Data-validation source for a choice list kept in one column of a (hidden) sheet."""
    letter = xl_col_to_name(col)
    return f"={sheet}!${letter}${first}:${letter}${last}"


def sheet_row(index: int) -> int:
    """The row number a user sees in Excel for a 0-based data row."""
    return int(index) + HEADER_ROWS + 1


def _fold(header: str) -> str:
    """Headers match without regard to case, spaces or accents ('Coordinatie' = 'Coördinatie')."""
    plain = unicodedata.normalize("NFKD", header)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


def _cell_text(value: Any) -> str:
    """Excel gives numbers and dates; users think in the text they typed."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_separator(path: Path) -> str:
    """Dutch Excel writes ';', others ','; let the stdlib sniffer decide from the first lines."""
    sample = path.read_text(encoding="utf-8-sig", errors="replace")[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        return ","


def read_table(
    path: str | Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    rows_of: str | None = None,
) -> pd.DataFrame:
    """Read .xlsx or .csv into text columns with the expected headers, or say precisely what is wrong.

    With `rows_of` ('afspraken'), a sheet holding only headers is refused with that word.
    """
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise DataFileError(shown, MISSING)
    suffix = path.suffix.lower()
    try:
        if suffix in {".xlsx", ".xlsm"}:
            raw = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
        elif suffix == ".csv":
            raw = pd.read_csv(
                path,
                dtype=str,
                sep=_csv_separator(path),
                encoding="utf-8-sig",
                keep_default_na=False,
                # Keep blank lines so error rows match what Excel shows (pandas' own separator
                # sniffing, sep=None, would drop them silently).
                skip_blank_lines=False,
            )
        else:
            raise DataFileError(
                shown,
                f"bestanden van het type '{suffix or '?'}' kan wijktools niet lezen; "
                "sla het op als Excel (.xlsx) of CSV (.csv).",
            )
    except DataFileError:
        raise
    except Exception as exc:  # openpyxl/csv raise many types for damaged files
        raise DataFileError(
            shown,
            f"het bestand is niet te lezen als {suffix} ({type(exc).__name__}). "
            "Open het in Excel en sla het opnieuw op.",
        ) from exc
    raw.columns = [str(c).strip() for c in raw.columns]
    by_lower = {_fold(c): c for c in raw.columns}
    missing = [c for c in required if _fold(c) not in by_lower]
    if missing:
        found = ", ".join(c for c in raw.columns if not c.startswith("Unnamed")) or "geen"
        raise DataFileError(
            shown,
            f"de kolom(men) {', '.join(repr(m) for m in missing)} ontbreken in de eerste rij "
            f"(gevonden: {found}). Gebruik het sjabloon of pas de kopjes aan.",
            row=1,
        )
    out = pd.DataFrame(index=range(len(raw)))
    for name in [*required, *optional]:
        source = by_lower.get(_fold(name))
        values = raw[source].tolist() if source is not None else [""] * len(raw)
        out[name] = pd.Series([_cell_text(v).strip() for v in values], dtype=object)
    # Rows left completely empty (often formatting at the bottom of a sheet) are not data.
    filled = out.apply(lambda r: any(str(v) for v in r), axis=1) if len(out) else pd.Series([])
    out = out[filled.astype(bool)] if len(out) else out
    if rows_of and out.empty:
        raise DataFileError(
            shown, f"er staan geen {rows_of} in het bestand (alleen kopjes).", row=2
        )
    return out


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema, path: str | Path) -> None:
    """Collect every problem of a sheet at once (pandera lazy) and phrase it in Dutch."""
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems = []
        cases = exc.failure_cases
        for case in cases.itertuples(index=False):
            hint = _PANDERA_HINTS.get(str(case.check), str(case.check))
            index = case.index
            row = sheet_row(index) if index is not None and index == index else None
            value = case.failure_case
            if (
                value is not None
                and value == value
                and str(value) != ""
                and case.check != "not_nullable"
            ):
                hint = f"'{value}': {hint}"
            problems.append(DataFileError(str(path), hint, row=row, column=str(case.column)))
        problems.sort(key=lambda p: (p.row or 0, str(p.column)))
        raise DataFileErrors(str(path), problems) from None


def read_rows(path: Path, sheet: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Header and non-empty rows with their spreadsheet row numbers (header is row 1)."""
    path = Path(path)
    if not path.exists():
        raise DataFileError(str(path), MISSING)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_grid(path, sheet)
    elif suffix in (".csv", ".txt"):
        grid = _csv_grid(path)
    else:
        raise DataFileError(str(path), "gebruik een Excel-bestand (.xlsx) of CSV-bestand (.csv).")
    if not grid:
        raise DataFileError(str(path), "het bestand is leeg; de kopregel ontbreekt.", row=1)
    header = [("" if v is None else str(v)).strip() for v in grid[0]]
    while header and not header[-1]:
        header.pop()
    out = []
    for number, values in enumerate(grid[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        out.append(
            (number, {h: (values[i] if i < len(values) else None) for i, h in enumerate(header)})
        )
    return header, out


def _xlsx_grid(path: Path, sheet: str) -> list[list[Any]]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DataFileError(
            str(path), f"dit is geen leesbaar Excel-bestand ({exc}). Sla het op als .xlsx."
        ) from None
    try:
        ws = book[sheet] if sheet in book.sheetnames else book.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        book.close()


def _undefuse(value: str) -> str:
    """CSV exports prefix formula-like text with a quote (defusedcsv); take it off again."""
    if len(value) > 1 and value[0] == "'" and value[1] in _DEFUSED_START:
        return value[1:].replace("\\|", "|")
    return value


def _csv_grid(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.splitlines()[0] if text else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[_undefuse(v) for v in row] for row in reader]


def write_xlsx(
    path: str | Path,
    sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]],
    *,
    lists: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    notes: Sequence[str] = (),
) -> Path:
    """Write sheets atomically: no live formulas or links, user text stays text when edited."""
    path = Path(path)
    with atomic_write(path, "wb") as handle:
        book = new_workbook(handle)
        header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
        text = book.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"})
        pending: list[tuple[Any, int, int, list[str]]] = []
        for name, (headers, body) in sheets.items():
            sheet = book.add_worksheet(name[:31])
            for col, title in enumerate(headers):
                sheet.write_string(0, col, title, header)
                sheet.set_column(col, col, max(14, min(45, len(title) + 10)))
            last = 0
            for r, values in enumerate(body, start=1):
                last = r
                for col, value in enumerate(values):
                    if value is None or value == "":
                        continue
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        sheet.write_number(r, col, value)
                    else:
                        sheet.write_string(r, col, str(value), text)
            sheet.freeze_panes(1, 0)
            for column_title, choices in (lists or {}).get(name, {}).items():
                col = list(headers).index(column_title)
                pending.append((sheet, col, max(last, 1) + 500, list(choices)))
        if notes:
            info = book.add_worksheet("Toelichting")
            info.set_column(0, 0, 110)
            for r, line in enumerate(notes):
                info.write_string(r, 0, line)
        if pending:
            # Choices live on a hidden sheet: inline lists are limited to 255 characters.
            hidden = book.add_worksheet("Lijsten")
            for n, (sheet, col, until, choices) in enumerate(pending):
                for r, choice in enumerate(choices):
                    hidden.write_string(r, n, str(choice))
                sheet.data_validation(
                    1,
                    col,
                    until,
                    col,
                    {
                        "validate": "list",
                        "source": list_source("Lijsten", n, 1, max(len(choices), 1)),
                        "error_type": "warning",
                        "error_title": "Onbekende waarde",
                        "error_message": "Kies een waarde uit de lijst of typ een nieuwe.",
                    },
                )
            hidden.hide()
        book.close()
    return path


@dataclass(frozen=True)
class Validation:
    """A data-validation rule on one template column."""

    column: str
    options: Sequence[str] = ()
    message: str = ""
    strict: bool = False


def xlsx_bytes(
    sheet: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    validations: Sequence[Validation] = (),
    notes: Sequence[tuple[str, str]] = (),
    title_note: str = "",
) -> bytes:
    """One data sheet (plus optional 'Toelichting' and hidden 'Lijsten'), built in memory."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    quoted = book.add_format({"quote_prefix": True})
    ws = book.add_worksheet(sheet)
    ws.write_row(0, 0, list(headers), bold)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            value = "" if value is None else value
            if is_formula_like(value):
                ws.write_string(r, c, value, quoted)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write(r, c, value)
    for c, header in enumerate(headers):
        longest = max([len(str(header))] + [len(str(row[c] or "")) for row in rows] or [10])
        ws.set_column(c, c, min(max(longest + 2, 12), 60))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    if validations:
        lists = book.add_worksheet("Lijsten")
        col = 0
        for rule in validations:
            c = list(headers).index(rule.column)
            spec: dict[str, Any] = {"validate": "any"}
            if rule.options:
                lists.write_string(0, col, rule.column)
                for i, option in enumerate(rule.options, start=1):
                    lists.write_string(i, col, option)
                spec = {
                    "validate": "list",
                    "source": list_source("Lijsten", col, 2, len(rule.options) + 1),
                    "error_type": "stop" if rule.strict else "information",
                    "error_title": rule.column,
                    "error_message": rule.message[:255] or "Kies een waarde uit de lijst.",
                }
                col += 1
            if rule.message:
                spec.update(input_title=rule.column[:32], input_message=rule.message[:255])
            ws.data_validation(1, c, 1000, c, spec)
        lists.hide()
    if notes or title_note:
        info = book.add_worksheet("Toelichting")
        info.set_column(0, 0, 24)
        info.set_column(1, 1, 100)
        if title_note:
            info.write_string(0, 0, title_note)
        for r, (name, text) in enumerate(notes, start=2):
            info.write_string(r, 0, name, bold)
            info.write_string(r, 1, text)
    book.close()
    return buffer.getvalue()


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Semicolon CSV with BOM (what Dutch Excel opens), formula-like text defused."""
    buffer = io.StringIO(newline="")
    writer = defused_csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(list(headers))
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_table(
    path: Path, sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], **xlsx: Any
) -> Path:
    """Write .xlsx or .csv by suffix, atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        data = xlsx_bytes(sheet, headers, rows, **xlsx)
    elif suffix == ".csv":
        data = csv_bytes(headers, rows)
    else:
        raise DataFileError(str(path), "kies een bestandsnaam die eindigt op .xlsx of .csv.")
    return write_bytes_atomic(path, data)
