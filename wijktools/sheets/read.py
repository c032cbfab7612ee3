"""Spreadsheets in: .xlsx/.csv read with Excel row numbers and Dutch, row-precise errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from wijktools.errors import DataFileError, DataFileErrors

# Header row is spreadsheet row 1, so data row i (0-based) is spreadsheet row i + 2.
HEADER_ROWS = 1


# What defusedcsv quote-prefixes in a CSV (and what reading takes the quote off again).
_DEFUSED_START = ("=", "+", "-", "@", "|", "%")


MISSING = "het bestand bestaat niet. Controleer de naam en de map."


_PANDERA_HINTS = {
    "not_nullable": "deze cel is leeg; vul een waarde in",
    "field_uniqueness": "deze waarde komt vaker voor in dit bestand; gebruik elke waarde één keer",
}


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
