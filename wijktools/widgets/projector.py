"""How the workbook's tables look on the projector (presenteer): for reading, not for analysis.

`presenteer` runs `projector_display()` in the served copy of a notebook; from then on every
DataFrame (or Styler, e.g. from `tables.show`) the notebook shows has no index column, text left and
numbers right in Dutch format, and a summary dict is a small table instead of its Python text.

The room sees no personal contact details: a column of contactpersoon, telefoon or e-mail is left
out of every table on the projector (privacy: contact details only where asked for). The adviser's
own notebook in JupyterLab does not run `projector_display()` and keeps showing them.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

WIDE_TABLE = 7  # more columns than this: a smaller type on a 1280-pixel projector
LONG_TOKEN = re.compile(r"[^\s<>&]{18,}")  # addresses and e-mail in a narrow column
NUMBER_TEXT = re.compile(r"^[-–−+]?\d[\d.]*(,\d+)?\s?(%|km|jaar)?$")
_active = False  # set by projector_display(): this kernel serves the room


def active() -> bool:
    """True in the served copy on the projector (after `projector_display()`)."""
    return _active


def personal_columns() -> frozenset[str]:
    """Headers (and field names) of a person's contact details, lower case."""
    from wijktools.network.partners import FIELD_LABELS, PERSONAL_FIELDS

    return frozenset(name.lower() for f in PERSONAL_FIELDS for name in (f, FIELD_LABELS.get(f, f)))


def without_personal(frame: Any) -> Any:
    """The frame without contactpersoon, telefoon and e-mail columns (what the room may see)."""
    personal = personal_columns()
    return frame.drop(columns=[c for c in frame.columns if str(c).strip().lower() in personal])


def _blank(value: object) -> bool:
    return value is None or value != value or str(value).strip() in ("", "–", "None")


def _is_number_column(values: list[object]) -> bool:
    """Numbers, or texts that are Dutch numbers ('28,0 %', '−0,1', '1.234'): right-aligned when read."""
    shown = [v for v in values if not _blank(v)]
    if not shown:
        return False
    return all(
        (isinstance(v, int | float) and not isinstance(v, bool)) or bool(NUMBER_TEXT.match(str(v)))
        for v in shown
    )


def frame_html(frame: Any, caption: str | None = None) -> str:
    """A table as the room reads it: no index column, no contact details, text left, numbers right."""
    import pandas as pd

    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    frame = without_personal(frame)
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
    if caption:
        styler = styler.set_caption(caption)
    return styler.to_html()


def styler_html(styler: Any) -> str:
    """A Styler (`tables.show`) on the projector: its data drawn by frame_html, contact details out."""
    caption = styler.caption if isinstance(styler.caption, str) else None
    return frame_html(styler.data, caption=caption)


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
    global _active
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    import pandas as pd
    from pandas.io.formats.style import Styler

    _active = True
    html = shell.display_formatter.formatters["text/html"]
    html.for_type(pd.DataFrame, frame_html)
    html.for_type(Styler, styler_html)  # its own HTML would show every column, contacts too
    html.for_type(dict, mapping_html)  # a summary shown as its Python text is a notebook leftover
