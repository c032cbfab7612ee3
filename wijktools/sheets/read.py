"""Spreadsheets in: one reader for every import (.xlsx/.csv), Excel row numbers, Dutch errors.

Every importer (ketenpartners, relaties, stemmen, afspraken, enquête) reads through `read_sheet`,
so they share one behaviour: encodings (UTF-8, UTF-8 with BOM, UTF-16, cp1252/latin-1 as Dutch
Excel saves it, decided by charset-normalizer), Excel's `sep=;` first line, the delimiter
(csv.Sniffer), the visible data sheet of a workbook (explanation and hidden sheets skipped),
formula cells, control characters, cell lengths and duplicate headers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from wijktools.errors import DataFileError, DataFileErrors
from wijktools.sheets.grid import (
    _CONTROL,
    EXPLANATION_SHEETS,
    MAX_ROWS,
    MISSING,
    NOT_READABLE_XLSX,
    NOT_TEXT,
    _csv_grid,
    _xlsx_grid,
    column_letter,
    fold,
)

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = [
    "EXPLANATION_SHEETS",
    "MISSING",
    "NOT_READABLE_XLSX",
    "NOT_TEXT",
    "Sheet",
    "clean_cell",
    "column_letter",
    "fold",
    "read_rows",
    "read_sheet",
    "read_table",
]

# Header row is spreadsheet row 1 in the templates; rows keep the number Excel shows.
HEADER_ROWS = 1
# A cell longer than this is almost always a paste accident; documents stall on such texts.
MAX_CELL = 4000
# Per-column limits that the workshop documents depend on (titles on slides, rows in tables).
LIMITS = {
    "Knelpunt": 200,
    "Afspraak": 1000,
    "Coördinatie": 2000,
    "Evaluatie": 2000,
    "Organisatie": 200,
    "Van": 200,
    "Naar": 200,
}
_PANDERA_HINTS = {
    "not_nullable": "deze cel is leeg; vul een waarde in",
    "field_uniqueness": "deze waarde komt vaker voor in dit bestand; gebruik elke waarde één keer",
}


@dataclass
class Sheet:
    """A read table: headers as typed and the non-empty rows, each with the row number Excel shows."""

    path: Path
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """Rows as {header: text}; cells beyond the header row's width are dropped."""
        width = len(self.header)
        return [
            (n, {h: (v[i] if i < len(v) else "") for i, h in enumerate(self.header) if h})
            for n, v in self.rows
            if width
        ]


def sheet_row(index: int) -> int:
    """The row number a user sees in Excel; tables from `read_table` are indexed by it."""
    return int(index)


def clean_cell(value: Any) -> str:
    """One cell as the text a user sees: numbers without '.0', dates as ISO, controls removed."""
    if type(value) is str:
        if value.isprintable():
            return value.strip()
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL.sub("", text).strip()
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # Leading tab/CR and control characters: invisible, and spreadsheet-injection vectors.
    return _CONTROL.sub("", text).strip()


# --- the one reader ---------------------------------------------------------------------------


def read_sheet(
    path: str | Path,
    *,
    sheet: str | None = None,
    rows_of: str | None = None,
    limits: Mapping[str, int] | None = None,
) -> Sheet:
    """Read the data of an .xlsx or .csv into text cells, or say in Dutch what is wrong with it.

    The header is the first non-empty row. With `rows_of` ('ketenpartners'), a file holding only
    headers is refused with that word. `sheet` names the preferred worksheet of a workbook.
    """
    path = Path(path)
    shown = str(path)
    if path.is_dir():
        raise DataFileError(shown, "dit is een map, geen bestand. Kies het bestand zelf.")
    if not path.is_file():
        raise DataFileError(shown, MISSING)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        grid = _xlsx_grid(path, sheet)
    elif suffix in {".csv", ".txt"}:
        grid = _csv_grid(path)
    elif suffix == ".xls":
        raise DataFileError(
            shown, "dit is het oude Excel-formaat (.xls); sla het op als .xlsx en probeer opnieuw."
        )
    else:
        raise DataFileError(
            shown,
            f"bestanden van het type '{suffix or '(geen)'}' kan wijktools niet lezen; "
            "sla het op als Excel (.xlsx) of CSV (.csv).",
        )
    if len(grid) > MAX_ROWS + 1:
        raise DataFileError(
            shown,
            f"het bestand heeft meer dan {MAX_ROWS:,} rijen; splits het in delen.".replace(
                ",", "."
            ),
        )
    cells = [(n, [clean_cell(v) for v in values]) for n, values in grid]
    cells = [(n, values) for n, values in cells if any(values)]
    if not cells:
        raise DataFileError(shown, "het bestand is leeg; de kopregel ontbreekt.", row=1)
    header_row, header = cells[0]
    while header and not header[-1]:
        header.pop()
    _check_headers(shown, header_row, header)
    rows = cells[1:]
    if rows_of and not rows:
        raise DataFileError(
            shown, f"er staan geen {rows_of} in het bestand (alleen kopjes).", row=header_row + 1
        )
    _check_lengths(shown, header, rows, limits or {})
    return Sheet(path, header_row, header, rows)


def _check_headers(shown: str, header_row: int, header: list[str]) -> None:
    """Two columns with the same header (also differing only in case or spaces): never guess."""
    first: dict[str, int] = {}
    problems = []
    for col, name in enumerate(header):
        if not name:
            continue
        key = fold(name)
        if key in first:
            other = first[key]
            problems.append(
                DataFileError(
                    shown,
                    f"de kolommen {column_letter(other)} ('{header[other]}') en "
                    f"{column_letter(col)} ('{name}') hebben dezelfde kop; wijktools weet niet welke "
                    "bedoeld is. Verwijder of hernoem er één.",
                    row=header_row,
                    column=name,
                )
            )
        else:
            first[key] = col
    if problems:
        raise problems[0] if len(problems) == 1 else DataFileErrors(shown, problems)


def _check_lengths(
    shown: str, header: list[str], rows: list[tuple[int, list[str]]], limits: Mapping[str, int]
) -> None:
    folded = {fold(k): v for k, v in {**LIMITS, **limits}.items()}
    caps = [folded.get(fold(h), MAX_CELL) for h in header]
    problems = []
    for number, values in rows:
        for col, value in enumerate(values):
            cap = caps[col] if col < len(caps) else MAX_CELL
            if len(value) > cap:
                name = header[col] if col < len(header) and header[col] else column_letter(col)
                problems.append(
                    DataFileError(
                        shown,
                        f"deze cel is te lang ({len(value)} tekens, maximaal {cap}); kort de "
                        "tekst in.",
                        row=number,
                        column=name,
                    )
                )
    if problems:
        raise problems[0] if len(problems) == 1 else DataFileErrors(shown, problems)


def read_table(
    path: str | Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    rows_of: str | None = None,
    limits: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """The expected columns as text, indexed by Excel row number, or say precisely what is wrong."""
    data = read_sheet(path, rows_of=rows_of, limits=limits)
    by_fold = {fold(c): i for i, c in enumerate(data.header) if c}
    missing = [c for c in required if fold(c) not in by_fold]
    if missing:
        found = ", ".join(c for c in data.header if c) or "geen"
        raise DataFileError(
            str(path),
            f"de kolom(men) {', '.join(repr(m) for m in missing)} ontbreken in de eerste rij "
            f"(gevonden: {found}). Gebruik het sjabloon of pas de kopjes aan.",
            row=data.header_row,
        )
    wanted = [*required, *optional]
    columns = {
        name: [
            (v[col] if (col := by_fold.get(fold(name))) is not None and col < len(v) else "")
            for _, v in data.rows
        ]
        for name in wanted
    }
    # Rows with text only outside the expected columns are not data for this import.
    keep = [i for i in range(len(data.rows)) if any(columns[c][i] for c in wanted)]
    out = pd.DataFrame(
        {c: pd.Series([columns[c][i] for i in keep], dtype=object) for c in wanted},
        columns=wanted,
    )
    out.index = pd.Index([data.rows[i][0] for i in keep], dtype="int64")
    if rows_of and out.empty:
        raise DataFileError(
            str(path), f"er staan geen {rows_of} in het bestand (alleen kopjes).", row=2
        )
    return out


def duplicate_rows(df: pd.DataFrame, path: str | Path, columns: Sequence[str]) -> None:
    """Two identical rows are reported, never merged or stored twice without a word."""
    seen: dict[tuple[str, ...], int] = {}
    problems = []
    for index, row in df.iterrows():
        key = tuple(fold(str(row[c])) for c in columns)
        if key in seen:
            problems.append(
                DataFileError(
                    str(path),
                    f"deze rij is gelijk aan rij {seen[key]}; verwijder een van beide of maak ze "
                    "verschillend.",
                    row=sheet_row(index),
                    column=columns[0],
                )
            )
        else:
            seen[key] = sheet_row(index)
    if problems:
        raise problems[0] if len(problems) == 1 else DataFileErrors(str(path), problems)


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema, path: str | Path) -> None:
    """Collect every problem of a sheet at once (pandera lazy) and phrase it in Dutch."""
    import pandera.errors  # imported here: the sociale kaart's readers load no pandera (~0.3 s)

    try:
        schema.validate(df, lazy=True)
    except pandera.errors.SchemaErrors as exc:
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
                shown = str(value) if len(str(value)) <= 60 else str(value)[:57] + "..."
                hint = f"'{shown}': {hint}"
            problems.append(DataFileError(str(path), hint, row=row, column=str(case.column)))
        problems.sort(key=lambda p: (p.row or 0, str(p.column)))
        raise DataFileErrors(str(path), problems) from None


def read_rows(
    path: Path, sheet: str, *, rows_of: str | None = None
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and non-empty rows with their spreadsheet row numbers (header is row 1)."""
    data = read_sheet(path, sheet=sheet, rows_of=rows_of)
    return data.header, data.records()
