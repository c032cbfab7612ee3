"""Dutch for the reader, in one place: number formatting (1.234,5) independent of the system locale."""

from __future__ import annotations

from functools import lru_cache


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """Dutch number formatting (1.234,5) without depending on the system locale."""
    if value is None or value != value:  # NaN
        return "–"
    return _fmt_number(value, decimals)


@lru_cache(maxsize=8192)
def _fmt_number(value: float, decimals: int) -> str:
    """Babel is slow per call and tick labels repeat: cached."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale="nl_NL")
