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
    room = total_pt - sum(minimum)
    extra = [d - m for d, m in zip(desired, minimum, strict=True)]
    return [m + room * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]


def print_scale(width_in: float, height_in: float) -> float:
    """How much a figure of this size is shrunk in the printed report (1 = not at all)."""
    mm = 25.4
    return min(1.0, PRINT_WIDTH_MM / (width_in * mm), FIGURE_MAX_HEIGHT_MM / (height_in * mm))
