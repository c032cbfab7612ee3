"""Files to grids of raw cells: CSV (encoding, `sep=` line, delimiter) and xlsx (data sheet, formulas)."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wijktools.errors import DataFileError, DataFileErrors

MAX_ROWS = 200_000

# What defusedcsv quote-prefixes in a CSV (and what reading takes the quote off again).
_DEFUSED_START = ("=", "+", "-", "@", "|", "%")
# C0 and C1 control characters except tab and newline: invisible, and they break Word/PowerPoint.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A workbook may start with an explanation sheet (the templates have one); it is skipped.
EXPLANATION_SHEETS = {
    "lees mij",
    "leesmij",
    "lees mij eerst",
    "readme",
    "read me",
    "toelichting",
    "uitleg",
    "instructie",
    "lijsten",
}

MISSING = "het bestand bestaat niet. Controleer de naam en de map."
NOT_READABLE_XLSX = (
    "dit is geen leesbaar Excel-bestand (.xlsx): het is beschadigd, onvolledig of van een ander "
    "type. Open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx), of bewaar het als CSV."
)
NOT_TEXT = (
    "dit is geen tekstbestand (CSV): de inhoud is binair of in een onbekende tekenset. "
    "Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' of als Excel-werkmap (.xlsx)."
)


def fold(header: str) -> str:
    """Headers match without regard to case, spaces or accents ('Coordinatie' = 'Coördinatie')."""
    plain = unicodedata.normalize("NFKD", header)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


def column_letter(index: int) -> str:
    """Excel's column name for a 0-based index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- CSV --------------------------------------------------------------------------------------


def _decode(raw: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 by BOM; else charset-normalizer between cp1252/latin-1."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DataFileError(shown, NOT_TEXT) from None
    if b"\x00" in raw:
        raise DataFileError(shown, NOT_TEXT)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        # Dutch Excel saves 'CSV (puntkomma)' as Windows-1252; latin-1 is its older sibling.
        best = from_bytes(raw, cp_isolation=["cp1252", "latin_1"]).best()
        if best is None:
            raise DataFileError(shown, NOT_TEXT) from None
        text = str(best)
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, len(text[:65536]) // 100):
        raise DataFileError(shown, NOT_TEXT)
    return text


def _delimiter(lines: list[str]) -> str:
    """Dutch Excel writes ';', others ','; csv.Sniffer decides, checked against the header line."""
    sample = [line for line in lines[:50] if line.strip()]
    if not sample:
        return ","
    header = sample[0]
    try:
        found = csv.Sniffer().sniff("\n".join(sample[:20]), delimiters=";,\t").delimiter
    except csv.Error:
        found = ""
    if found and found in header:
        return found
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _undefuse(value: str) -> str:
    """CSV exports prefix formula-like text with a quote (defusedcsv); take it off again."""
    if len(value) > 1 and value[0] == "'" and value[1] in _DEFUSED_START:
        return value[1:].replace("\\|", "|")
    return value


def _csv_grid(path: Path) -> list[tuple[int, list[Any]]]:
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(
            shown, f"het bestand kan niet worden geopend ({exc.strerror})."
        ) from None
    text = _decode(raw, shown)
    lines = text.splitlines()
    first = lines[0].lstrip("\ufeff").rstrip("\r\n ") if lines else ""
    if first.lower().startswith("sep=") and len(first) == 5:
        # Excel's 'sep=;' hint line: Excel hides it, so the header stays row 1 for the user.
        delimiter = first[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = _delimiter(lines)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid = []
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            grid.append((number, [_undefuse(v) for v in row]))
            if number > MAX_ROWS + 1:
                break
    except csv.Error as exc:
        hint = (
            "een cel is veel te lang"
            if "field limit" in str(exc)
            else "een aanhalingsteken of regeleinde staat verkeerd"
        )
        raise DataFileError(
            shown,
            f"de CSV kan niet worden gelezen: {hint}. Controleer die rij of sla het bestand "
            "opnieuw op vanuit Excel.",
            row=number + 1,
        ) from None
    return grid


# --- xlsx -------------------------------------------------------------------------------------


def _visible_sheets(book: Any, wanted: str | None) -> list[Any]:
    """The data sheet: the one named `wanted` if visible, else visible non-explanation sheets."""
    visible = [ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if wanted:
        named = [ws for ws in visible if fold(ws.title) == fold(wanted)]
        if named:
            return named
    return [ws for ws in visible if fold(ws.title) not in EXPLANATION_SHEETS]


def _xlsx_grid(path: Path, wanted: str | None) -> list[tuple[int, list[Any]]]:
    """Rows of the data sheet; formula cells read as their stored result, or refused."""
    from openpyxl import load_workbook

    shown = str(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns in English about styles/extensions
            book = load_workbook(path, read_only=True, data_only=False)
            try:
                grid, formulas, title = [], [], None
                for ws in _visible_sheets(book, wanted):
                    grid, formulas = _sheet_cells(ws)
                    if any(any(v not in (None, "") for v in r) for _, r in grid):
                        title = ws.title
                        break
            finally:
                book.close()
            if formulas and title is not None:
                cached = load_workbook(path, read_only=True, data_only=True)
                try:
                    computed = {
                        (cell.row, cell.column): cell.value
                        for row in cached[title].iter_rows()
                        for cell in row
                        if getattr(cell, "row", None) is not None
                    }
                finally:
                    cached.close()
                _apply_formulas(shown, grid, formulas, computed)
    except DataFileError:
        raise
    except Exception:  # a damaged zip, XML or styles part raises many types; none is for users
        raise DataFileError(shown, NOT_READABLE_XLSX) from None
    return grid


def _sheet_cells(ws: Any) -> tuple[list[tuple[int, list[Any]]], list[tuple[int, int, str]]]:
    grid: list[tuple[int, list[Any]]] = []
    formulas: list[tuple[int, int, str]] = []
    number = 0
    for number, row in enumerate(ws.iter_rows(), start=1):
        values = []
        for col, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" and value is not None:
                formulas.append((number, col, str(value)))
            values.append(value)
        grid.append((number, values))
        if number > MAX_ROWS + 1:
            break
    return grid, formulas


def _apply_formulas(
    shown: str,
    grid: list[tuple[int, list[Any]]],
    formulas: list[tuple[int, int, str]],
    computed: Mapping[tuple[int, int], Any],
) -> None:
    """A formula's stored result is what Excel shows; without one (other tools) it is refused."""
    by_number = {n: values for n, values in grid}
    problems = []
    for number, col, formula in formulas:
        result = computed.get((number, col + 1))
        if result is None or (isinstance(result, str) and result.startswith("=")):
            short = formula if len(formula) <= 60 else formula[:57] + "..."
            problems.append(
                DataFileError(
                    shown,
                    f"deze cel bevat een formule ({short}) zonder opgeslagen uitkomst; typ de "
                    "tekst zelf in de cel (zonder '=' vooraan), of open het bestand in Excel en "
                    "sla het opnieuw op.",
                    row=number,
                    column=column_letter(col),
                )
            )
        else:
            by_number[number][col] = result
    if problems:
        raise problems[0] if len(problems) == 1 else DataFileErrors(shown, problems)
