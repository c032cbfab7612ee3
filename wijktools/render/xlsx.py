"""The sociale kaart as an Excel workbook the practice assistant keeps: safe text, filters, source sheet."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from wijktools.network.vocab import partner_validations
from wijktools.report.model import Report, Table, clean
from wijktools.sheets.write import add_pick_lists, is_formula_like, new_workbook, with_quoted

MAX_WIDTH_PX = 360  # autofit stops here; longer text wraps off the edge as in any sheet
VALIDATION_ROWS = 500  # rows below the last partner that keep the pick lists for new entries
SHEET = "Sociale kaart"
SOURCE_SHEET = "Bron en datum"
HEADER_ROW = 3  # rows 0-1 carry the title and the contact-details statement


def _print_setup(sheet: Any, header_row: int, title: str) -> None:
    """A4 landscape, one page wide, the header row on every printed page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_header(f"&L&8{title.replace('&', '&&')}")
    sheet.set_footer("&R&8pagina &P van &N")


def _properties(book: Any, report: Report) -> None:
    """File > Properties in Excel: title, subject, author and the real creation date."""
    meta = report.meta
    book.set_properties(
        {
            "title": clean(f"Sociale kaart — {meta.session_name}"),
            "subject": clean(meta.area_label),
            "author": "wijktools",
            "company": "",
            "keywords": "sociale kaart, wijkgerichte samenwerking",
            "comments": clean(meta.contact_statement),
            "created": dt.datetime.fromisoformat(meta.generated),
        }
    )
    book.set_custom_property("Contactgegevens", bool(meta.met_contactgegevens))
    book.set_custom_property("Werksessie", int(meta.session_id))


def _pick_lists(book: Any, sheet: Any, header: list[str], first: int, last: int) -> None:
    """The drop-downs of the empty template, so the exported kaart can be kept up to date."""
    rules = [r for r in partner_validations() if r.column in header]
    if not rules:
        return
    add_pick_lists(book, sheet, header, rules, first, last)


def _typed_cells(table: Table | None) -> dict[tuple[int, int], dt.date | float]:
    """(row, column) -> date or number for the columns the report also gives typed (dates, FTE)."""
    if table is None:
        return {}
    cells: dict[tuple[int, int], dt.date | float] = {}
    for label, values in [*table.dates.items(), *table.numbers.items()]:
        if label in table.header:
            col = table.header.index(label)
            cells.update({(r, col): v for r, v in enumerate(values) if v is not None})
    return cells


def _writer(sheet: Any, formats: dict[str, Any]) -> Any:
    """Every cell goes through here: numbers as numbers, text always as text."""

    def write(row: int, col: int, value: Any, fmt: str = "text") -> None:
        if isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, formats[f"{fmt}_date"])
            return
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
            "text_date": {**base, "num_format": "d-m-yyyy", "align": "left"},
            "stop_date": {**base, "bg_color": "#FDE2C4", "bold": True, "num_format": "d-m-yyyy"},
        },
    )
    _properties(book, report)
    table = report.sociale_kaart
    meta = report.meta

    sheet = book.add_worksheet(SHEET)
    write = _writer(sheet, formats)
    title = f"Sociale kaart — {meta.session_name} — {meta.area_label} — {meta.generated_label}"
    header = table.header if table else ["Organisatie", "Discipline"]
    rows = table.rows if table else []
    typed = _typed_cells(table)
    stop_col = header.index("Opnamestop") if "Opnamestop" in header else None
    for col, label in enumerate(header):
        write(HEADER_ROW, col, label, "header")
    for i, row in enumerate(rows):
        stopped = stop_col is not None and str(row[stop_col]).startswith("ja")
        for col, value in enumerate(row):
            value = typed.get((i, col), value)
            write(HEADER_ROW + 1 + i, col, value, "stop" if stopped else "text")
    # Widths from the table itself; title and notes are written afterwards so they do not count.
    sheet.autofit(max_width=MAX_WIDTH_PX)
    write(0, 0, title, "title")
    write(1, 0, meta.contact_statement, "note")
    last_row = HEADER_ROW + max(len(rows), 1)
    sheet.autofilter(HEADER_ROW, 0, last_row, len(header) - 1)
    sheet.freeze_panes(HEADER_ROW + 1, 1)
    _print_setup(sheet, HEADER_ROW, title)
    kaart = sheet
    if not rows:
        write(HEADER_ROW + 1, 0, "Er zijn nog geen ketenpartners vastgelegd.", "note")
    if stop_col is not None:
        write(last_row + 2, 0, "Regels met een oranje achtergrond hebben een opnamestop.", "note")

    afspraken = report.find_table("afspraken")
    if afspraken is not None and afspraken.rows:
        sheet = book.add_worksheet("Afspraken")
        write = _writer(sheet, formats)
        afspraken_title = f"Samenwerkingsafspraken — {meta.session_name}"
        afspraken_typed = _typed_cells(afspraken)
        for col, label in enumerate(afspraken.header):
            write(2, col, label, "header")
        for i, row in enumerate(afspraken.rows):
            for col, value in enumerate(row):
                write(3 + i, col, afspraken_typed.get((i, col), value))
        sheet.autofit(max_width=MAX_WIDTH_PX)
        write(0, 0, afspraken_title, "title")
        sheet.autofilter(2, 0, 2 + len(afspraken.rows), len(afspraken.header) - 1)
        sheet.freeze_panes(3, 0)
        _print_setup(sheet, 2, afspraken_title)

    info = book.add_worksheet(SOURCE_SHEET)
    write = _writer(info, formats)
    lines = [
        ("Werksessie", meta.session_name),
        ("Sessienummer", meta.session_id),
        ("Gebied", meta.area_label),
        *([("Bestaat uit", ", ".join(meta.members))] if meta.members else []),
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
    info.set_portrait()
    info.set_paper(9)
    info.fit_to_pages(1, 0)
    # The hidden sheet with the choices comes last, after every sheet people see.
    _pick_lists(book, kaart, header, HEADER_ROW + 1, last_row + VALIDATION_ROWS)
    book.close()
    return buffer.getvalue()
