"""Spreadsheets out: XlsxWriter with formulas and links off, formula-like user text quote-prefixed."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from defusedcsv import csv as defused_csv
from xlsxwriter.utility import xl_col_to_name

from wijktools.errors import DataFileError
from wijktools.paths import atomic_write, write_bytes_atomic

# OWASP: a spreadsheet runs text starting with these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
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
