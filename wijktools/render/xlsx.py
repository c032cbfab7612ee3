"""The sociale kaart as an Excel workbook the practice assistant keeps: safe text, filters, source sheet."""

from __future__ import annotations

import io
from typing import Any

from wijktools.report.model import Report, clean
from wijktools.sheets.write import is_formula_like, new_workbook, with_quoted

MAX_WIDTH = 50
SHEET = "Sociale kaart"
SOURCE_SHEET = "Bron en datum"
HEADER_ROW = 3  # rows 0-1 carry the title and the contact-details statement


def _width(values: list[Any], label: str) -> int:
    longest = max([len(str(v or "")) for v in values] + [len(label)])
    return min(MAX_WIDTH, max(10, longest + 2))


def _writer(sheet: Any, formats: dict[str, Any]) -> Any:
    """Every cell goes through here: numbers as numbers, text always as text."""

    def write(row: int, col: int, value: Any, fmt: str = "text") -> None:
        if isinstance(value, bool) or value is None:
            value = "" if value is None else ("ja" if value else "nee")
        if isinstance(value, int | float):
            sheet.write_number(row, col, value, formats.get(fmt))
            return
        text = clean(value)
        if not text:
            sheet.write_blank(row, col, None, formats[fmt])
            return
        if is_formula_like(text) or is_formula_like(str(value)):
            fmt = f"{fmt}_quoted"
        sheet.write_string(row, col, text, formats[fmt])

    return write


def render_xlsx(report: Report) -> bytes:
    """Workbook bytes; no string ever becomes a formula or hyperlink."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    base = {"text_wrap": False, "valign": "top"}
    formats = with_quoted(
        book,
        {
            "text": base,
            "stop": {**base, "bg_color": "#FDE2C4", "bold": True},
            "header": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#0072B2", "border": 1},
            "title": {"bold": True, "font_size": 14, "font_color": "#0072B2"},
            "note": {"italic": True, "font_color": "#5F5F5F"},
        },
    )
    table = report.sociale_kaart
    meta = report.meta

    sheet = book.add_worksheet(SHEET)
    write = _writer(sheet, formats)
    write(
        0,
        0,
        f"Sociale kaart — {meta.session_name} — {meta.area_label} — {meta.generated_label}",
        "title",
    )
    write(1, 0, meta.contact_statement, "note")
    header = table.header if table else ["Organisatie", "Discipline"]
    rows = table.rows if table else []
    stop_col = header.index("Opnamestop") if "Opnamestop" in header else None
    for col, label in enumerate(header):
        write(HEADER_ROW, col, label, "header")
        values = [row[col] for row in rows]
        sheet.set_column(col, col, _width(values, label))
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        stopped = stop_col is not None and str(row[stop_col]).startswith("ja")
        for col, value in enumerate(row):
            write(r, col, value, "stop" if stopped else "text")
    last_row = HEADER_ROW + max(len(rows), 1)
    sheet.autofilter(HEADER_ROW, 0, last_row, len(header) - 1)
    sheet.freeze_panes(HEADER_ROW + 1, 1)
    if not rows:
        write(HEADER_ROW + 1, 0, "Er zijn nog geen ketenpartners vastgelegd.", "note")
    if stop_col is not None:
        write(last_row + 2, 0, "Regels met een oranje achtergrond hebben een opnamestop.", "note")

    afspraken = report.find_table("afspraken")
    if afspraken is not None and afspraken.rows:
        sheet = book.add_worksheet("Afspraken")
        write = _writer(sheet, formats)
        write(0, 0, f"Samenwerkingsafspraken — {meta.session_name}", "title")
        for col, label in enumerate(afspraken.header):
            write(2, col, label, "header")
            sheet.set_column(col, col, _width(afspraken.column(label), label))
        for r, row in enumerate(afspraken.rows, start=3):
            for col, value in enumerate(row):
                write(r, col, value)
        sheet.autofilter(2, 0, 2 + len(afspraken.rows), len(afspraken.header) - 1)
        sheet.freeze_panes(3, 0)

    info = book.add_worksheet(SOURCE_SHEET)
    write = _writer(info, formats)
    lines = [
        ("Werksessie", meta.session_name),
        ("Sessienummer", meta.session_id),
        ("Gebied", meta.area_label),
        ("Sessiedatum", meta.dates_label),
        ("Gemaakt op", meta.generated_label),
        ("Contactgegevens", "opgenomen" if meta.met_contactgegevens else "niet opgenomen"),
        ("Toelichting", meta.contact_statement),
        ("Bron sociale kaart", "Ingevoerd tijdens de werksessie met wijktools"),
    ]
    lines += [("Bron open data", line) for line in report.attribution_lines]
    write(0, 0, "Bron en datum", "title")
    for r, (label, value) in enumerate(lines, start=2):
        write(r, 0, label, "header")
        write(r, 1, value)
    info.set_column(0, 0, 22)
    info.set_column(1, 1, 100)
    book.close()
    return buffer.getvalue()
