"""Notebook tables as people read them: Dutch numbers, no pandas index, user text HTML-escaped."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler


def _number(value: Any, decimals: int) -> str:
    """1.234,5 whatever the system locale (nl_NL is rarely generated on Debian/CI)."""
    from babel.numbers import format_decimal

    if value is None or value != value:  # None or NaN
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale="nl_NL")


def _is_year(column: object) -> bool:
    """A year is a label, not an amount: 2024, never 2.024."""
    return "jaar" in str(column).lower()


def _number_formatter(values: pd.Series, decimals: int) -> Callable[[Any], str]:
    """Whole numbers without decimals; otherwise the same number of decimals down the column."""
    numbers = values.dropna()
    whole = bool(len(numbers)) and bool((numbers == numbers.round(0)).all())
    places = 0 if whole else decimals
    return lambda v: _number(v, places)


def show(frame: pd.DataFrame, decimals: int = 1, caption: str | None = None) -> Styler:
    """A pandas Styler for display; the frame itself is left as it was, for analysts."""
    import pandas as pd

    formatters: dict[object, Callable[[Any], str]] = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            formatters[column] = lambda v: "ja" if v else "nee"
        elif pd.api.types.is_numeric_dtype(values):
            if _is_year(column):
                formatters[column] = lambda v: "–" if pd.isna(v) else str(int(v))
            else:
                formatters[column] = _number_formatter(values, decimals)
    styler = frame.style.format(formatters, escape="html", na_rep="–")
    styler = styler.format_index(escape="html", axis=1).hide(axis="index")
    if caption:
        styler = styler.set_caption(caption)
    return styler
