"""Column widths for Word and PowerPoint tables: the longest word fits, long texts share the rest."""

from __future__ import annotations

# A4 print of the HTML report (WeasyPrint): side margins and the tallest a figure may be.
PAGE_WIDTH_MM = 210
PAGE_SIDE_MARGIN_MM = 16
PRINT_WIDTH_MM = PAGE_WIDTH_MM - 2 * PAGE_SIDE_MARGIN_MM
FIGURE_MAX_HEIGHT_MM = 230  # tall health charts are shrunk by width, not to a third of a page

PADDING_PT = 16.0  # cell margins left + right, with some slack
CHAR_EM = 0.6  # average character width of DejaVu/Carlito in em, rounded up
DESIRED_CHARS = 40  # beyond this a column wraps anyway


def columns(header: list[str], rows: list[list[str]]) -> list[list[str]]:
    """A table's texts by column, each with its header first (what column_widths measures)."""
    return [[h] + [r[c] for r in rows] for c, h in enumerate(header)]


def column_widths(columns: list[list[str]], total_pt: float, font_pt: float) -> list[float]:
    """Widths in points that add up to total_pt; each column's texts include its header."""
    char_pt = CHAR_EM * font_pt
    minimum = [
        max((len(w) for t in texts for w in t.split()), default=1) * char_pt + PADDING_PT
        for texts in columns
    ]
    desired = [
        max(m, min(DESIRED_CHARS, max((len(t) for t in texts), default=1)) * char_pt + PADDING_PT)
        for m, texts in zip(minimum, columns, strict=True)
    ]
    if sum(desired) <= total_pt:
        return [d * total_pt / sum(desired) for d in desired]
    if sum(minimum) >= total_pt:
        return [m * total_pt / sum(minimum) for m in minimum]
    # Crowded: every column wraps anyway, so the room goes where the text is. A column of long
    # texts (a knelpunt's figures) beside short ones gets the most, and the rows stay low.
    room = total_pt - sum(minimum)
    amount = [sum(len(t) for t in texts[1:]) or 1 for texts in columns]  # without the header
    return [m + room * a / sum(amount) for m, a in zip(minimum, amount, strict=True)]


def print_scale(width_in: float, height_in: float) -> float:
    """How much a figure of this size is shrunk in the printed report (1 = not at all)."""
    mm = 25.4
    return min(1.0, PRINT_WIDTH_MM / (width_in * mm), FIGURE_MAX_HEIGHT_MM / (height_in * mm))


LINE_HEIGHT = 1.2  # a text line's height in units of the font size
CELL_PAD_V_PT = 7.2  # a table cell's top + bottom margin (PowerPoint's default 0,05 inch each)


def wrapped_lines(text: str, width_pt: float, font_pt: float, char_em: float = CHAR_EM) -> int:
    """Lines a cell's text takes when wrapped at word boundaries (average width char_em)."""
    room = max(1, int((width_pt - PADDING_PT) / (char_em * font_pt)))
    count = 0
    for paragraph in str(text).split("\n"):
        line = 0
        count += 1
        for word in paragraph.split():
            need = len(word) if line == 0 else line + 1 + len(word)
            if need <= room or line == 0:
                line = need
                while line > room:  # a word longer than the column breaks inside itself
                    count += 1
                    line -= room
            else:
                count += 1
                line = len(word)
    return count


def row_height(
    row: list[str],
    widths: list[float],
    font_pt: float,
    char_em: float = CHAR_EM,
    line_height: float = LINE_HEIGHT,
    pad_pt: float = CELL_PAD_V_PT,
) -> float:
    """Points a table row needs: its tallest cell (PowerPoint's line height and cell margins)."""
    lines = max(wrapped_lines(t, w, font_pt, char_em) for t, w in zip(row, widths, strict=True))
    return lines * line_height * font_pt + pad_pt


def table_pages(
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
    font_pt: float,
    height_pt: float,
    char_em: float = CHAR_EM,
    line_height: float = LINE_HEIGHT,
    pad_pt: float = CELL_PAD_V_PT,
) -> list[list[int]]:
    """Row numbers per page so that no page (its header repeated) is taller than height_pt.

    A row taller than a whole page gets a page of its own; it is never split or dropped.
    """
    metrics = (font_pt, char_em, line_height, pad_pt)
    head = row_height(header, widths, *metrics)
    pages: list[list[int]] = [[]]
    used = head
    for index, row in enumerate(rows):
        need = row_height(row, widths, *metrics)
        if pages[-1] and used + need > height_pt:
            pages.append([])
            used = head
        pages[-1].append(index)
        used += need
    return pages


def table_layout(
    header: list[str],
    rows: list[list[str]],
    width_pt: float,
    font_pt: float,
    height_pt: float,
    char_em: float = CHAR_EM,
    line_height: float = LINE_HEIGHT,
    pad_pt: float = CELL_PAD_V_PT,
) -> tuple[list[float], list[list[int]]]:
    """A slide table's column widths and its rows per page (see table_pages), texts as shown."""
    widths = column_widths(columns(header, rows), width_pt, font_pt)
    pages = table_pages(header, rows, widths, font_pt, height_pt, char_em, line_height, pad_pt)
    return widths, pages
