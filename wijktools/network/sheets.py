"""Reading and writing the sociale-kaart spreadsheets (xlsx/csv), neutralised against formulas."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from defusedcsv import csv as defused_csv
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from wijktools.errors import DataFileError
from wijktools.paths import write_bytes_atomic

FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Validation:
    """A data-validation rule on one template column."""

    column: str
    options: Sequence[str] = ()
    message: str = ""
    strict: bool = False


def read_rows(path: Path, sheet: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Header and non-empty rows with their spreadsheet row numbers (header is row 1)."""
    path = Path(path)
    if not path.exists():
        raise DataFileError(str(path), "het bestand bestaat niet. Controleer de naam en de map.")
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
    if len(value) > 1 and value[0] == "'" and value[1] in (*FORMULA_START, "|", "%"):
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


def _neutral(value: Any) -> Any:
    """Text stays text: no formulas, and a leading = + - @ gets a quote prefix in Excel."""
    return "" if value is None else value


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
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    book = xlsxwriter.Workbook(buffer, options)
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    quoted = book.add_format({"quote_prefix": True})
    ws = book.add_worksheet(sheet)
    ws.write_row(0, 0, list(headers), bold)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            value = _neutral(value)
            if isinstance(value, str) and value.startswith(FORMULA_START):
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
                letter = xlsxwriter.utility.xl_col_to_name(col)
                spec = {
                    "validate": "list",
                    "source": f"=Lijsten!${letter}$2:${letter}${len(rule.options) + 1}",
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
        writer.writerow([_neutral(v) for v in row])
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
