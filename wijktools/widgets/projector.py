"""How the workbook's tables look on the projector (presenteer): for reading, not for analysis.

`presenteer` runs `projector_display()` in the served copy of a notebook; from then on every
DataFrame the notebook shows has no index column, text left and numbers right in Dutch format, and a
summary dict is a small table instead of its Python text.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

WIDE_TABLE = 7  # more columns than this: a smaller type on a 1280-pixel projector
LONG_TOKEN = re.compile(r"[^\s<>&]{18,}")  # addresses and e-mail in a narrow column
NUMBER_TEXT = re.compile(r"^[-–]?\d[\d.]*(,\d+)?\s?(%|km|jaar)?$")


def _blank(value: object) -> bool:
    return value is None or value != value or str(value).strip() in ("", "–", "None")


def _is_number_column(values: list[object]) -> bool:
    """Numbers, or texts that are Dutch numbers ('28,0%', '1.234'): right-aligned when read."""
    shown = [v for v in values if not _blank(v)]
    if not shown:
        return False
    return all(
        (isinstance(v, int | float) and not isinstance(v, bool)) or bool(NUMBER_TEXT.match(str(v)))
        for v in shown
    )


def frame_html(frame: Any) -> str:
    """A table as the room reads it: no index column, text left, numbers right in Dutch format."""
    import pandas as pd

    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    empty = [c for c in frame.columns if all(_blank(v) for v in frame[c])]
    if len(empty) < len(frame.columns):  # a column with nothing in it is only width on a projector
        frame = frame.drop(columns=empty)
    numeric = [c for c in frame.columns if _is_number_column(list(frame[c]))]

    styler = frame.style.hide(axis="index")
    for column in frame.columns:
        styler = styler.format(partial(_cell, year="jaar" in str(column).lower()), subset=[column])
    styles = [{"selector": "th, td", "props": "text-align: left; vertical-align: top;"}]
    for i, column in enumerate(frame.columns):
        if column in numeric:
            styles.append({"selector": f".col{i}", "props": "text-align: right;"})
    wide = " breed" if len(frame.columns) > WIDE_TABLE else ""
    styler = styler.set_table_styles(styles).set_table_attributes(f'class="wijktools-tabel{wide}"')
    return styler.to_html()


def _cell(value: object, year: bool = False) -> str:
    """One cell as HTML: a number in Dutch format (a year without a thousands dot), text escaped."""
    from wijktools.nl import fmt_number

    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        if year and float(value).is_integer():
            return str(int(value))
        return fmt_number(value, 0 if float(value).is_integer() else 1)
    return "–" if _blank(value) else _breakable(str(value))


def _breakable(text: str) -> str:
    """Escaped text; a long address or e-mail may wrap after / . @ (never inside a word)."""
    from markupsafe import escape

    def soft(match: re.Match[str]) -> str:
        return re.sub(r"([/.@])", r"\1<wbr>", match.group(0))

    return LONG_TOKEN.sub(soft, str(escape(text)))


def mapping_html(data: dict[Any, Any]) -> str:
    """A summary dict as a two-column table ('zonder_relatie' reads 'Zonder relatie')."""
    from markupsafe import escape

    rows = []
    for key, value in data.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list | tuple | set) else value
        label = str(key).replace("_", " ").capitalize()
        cell = _cell(shown, year="jaar" in label.lower() or "code" in label.lower())
        rows.append(f"<tr><th>{escape(label)}</th><td>{cell}</td></tr>")
    return f'<table class="wijktools-tabel"><tbody>{"".join(rows)}</tbody></table>'


def projector_display() -> None:
    """In the served copy only: every DataFrame the workbook shows is drawn by frame_html."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    import pandas as pd

    html = shell.display_formatter.formatters["text/html"]
    html.for_type(pd.DataFrame, frame_html)
    html.for_type(dict, mapping_html)  # a summary shown as its Python text is a notebook leftover
