"""Column widths for Word and PowerPoint tables: the longest word fits, long texts share the rest."""

from __future__ import annotations

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
