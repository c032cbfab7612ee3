"""Reading filled-in spreadsheets and writing safe ones: Dutch, row-precise errors and neutralised text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from wijktools.errors import DataFileError, DataFileErrors

# Header row is spreadsheet row 1, so data row i (0-based) is spreadsheet row i + 2.
HEADER_ROWS = 1
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

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


def read_table(
    path: str | Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
) -> pd.DataFrame:
    """Read .xlsx or .csv into text columns with the expected headers, or say precisely what is wrong."""
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise DataFileError(shown, "het bestand bestaat niet. Controleer de naam en de map.")
    suffix = path.suffix.lower()
    try:
        if suffix in {".xlsx", ".xlsm"}:
            raw = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
        elif suffix == ".csv":
            raw = pd.read_csv(
                path,
                dtype=str,
                sep=None,
                engine="python",
                encoding="utf-8-sig",
                keep_default_na=False,
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
    return out[filled.astype(bool)] if len(out) else out


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


def clean_text(value: str | None) -> str:
    """Keep text as typed except control characters, which break Word and PowerPoint files."""
    return _CONTROL.sub("", value or "")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe-like quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_xlsx(
    path: str | Path,
    sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]],
    *,
    lists: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    notes: Sequence[str] = (),
) -> Path:
    """Write sheets atomically: no live formulas or links, user text stays text when edited."""
    import xlsxwriter
    from xlsxwriter.utility import xl_col_to_name

    from wijktools.paths import atomic_write

    path = Path(path)
    with atomic_write(path, "wb") as handle:
        book = xlsxwriter.Workbook(
            handle, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
        )
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
                letter = xl_col_to_name(n)
                sheet.data_validation(
                    1,
                    col,
                    until,
                    col,
                    {
                        "validate": "list",
                        "source": f"=Lijsten!${letter}$1:${letter}${max(len(choices), 1)}",
                        "error_type": "warning",
                        "error_title": "Onbekende waarde",
                        "error_message": "Kies een waarde uit de lijst of typ een nieuwe.",
                    },
                )
            hidden.hide()
        book.close()
    return path
