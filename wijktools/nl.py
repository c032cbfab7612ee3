"""Dutch for the reader in one place: numbers, dates and plurals (babel, never the system locale or strftime)."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from wijktools.errors import ValidationError

if TYPE_CHECKING:
    from babel import Locale

# babel is imported inside the functions: `wijktools --help` and fast commands start without it.

LOCALE = "nl_NL"
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$")


@cache
def _locale() -> Locale:
    from babel import Locale

    return Locale.parse(LOCALE)


MINUS = "\u2212"  # the minus sign; CLDR's Dutch data gives the hyphen-minus, a dash in print


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """Dutch number formatting (1.234,5; −0,1) without the system locale; '–' when missing.

    Negatives carry a true minus sign (U+2212) in every document; a value that rounds to zero
    has no sign at all ('0,0', never '−0,0').
    """
    if value is None or value != value:  # NaN
        return "–"
    return _fmt_number(value, decimals)


def signed(value: float | None, decimals: int = 0) -> str:
    """A change with its direction: '+0,7', '−1,3', '0' (rounded to nothing: no sign)."""
    text = fmt_number(value, decimals)
    if value is None or value != value or value <= 0 or not any(c in "123456789" for c in text):
        return text
    return "+" + text


def percent(value: float | None, decimals: int = 0) -> str:
    """'45 %': the Dutch style (a space before the sign) every output uses; '–' when missing."""
    text = fmt_number(value, decimals)
    return text if text == "–" else f"{text} %"


# The pattern every number is written with: groups of three, `decimals` digits after the comma.
PATTERN = "#,##0"


@cache
def _separators() -> dict[int, str]:
    """Babel's decimal and group symbols of the locale, as a translation of Python's '1,234.5'."""
    decimal_symbol, group_symbol = _symbols()
    return str.maketrans({".": decimal_symbol, ",": group_symbol})


def _symbols() -> tuple[str, str]:
    """The two symbols from babel, kept in data/derived keyed by babel's data files of the locale.

    Loading babel's locale data for two characters costs about 25 ms a run; they are read from
    babel again when its data of the locale (root, nl, nl_NL) change, as any derived cache is.
    """
    import importlib.util

    from wijktools.paths import derived_json

    def from_babel() -> list[str]:
        from babel.numbers import get_decimal_symbol, get_group_symbol

        return [get_decimal_symbol(LOCALE), get_group_symbol(LOCALE)]

    spec = importlib.util.find_spec("babel")
    if spec and spec.origin:
        folder = Path(spec.origin).parent / "locale-data"
        files = [folder / f"{name}.dat" for name in ("root", *_parents(LOCALE))]
        found = derived_json(f"getalnotatie-{LOCALE}", files, from_babel, SYMBOLS_SCHEMA)
    else:
        found = from_babel()
    return str(found[0]), str(found[1])


def _parents(locale: str) -> list[str]:
    """'nl_NL' -> ['nl', 'nl_NL']: the locale-data files babel merges over root."""
    parts = locale.split("_")
    return ["_".join(parts[: i + 1]) for i in range(len(parts))]


# Bump when _symbols() changes what it stores, so an older file in data/derived is not reused.
SYMBOLS_SCHEMA = "1"


# Half rounds away from zero, as CBS and RIVM round and as a reader checks against the source
# (babel's default, half to even, printed RIVM's 12,5 % as '12 %').
_HALF_UP = decimal.Context(rounding=decimal.ROUND_HALF_UP)
_QUANTUM = [decimal.Decimal(1).scaleb(-n) for n in range(10)]


@lru_cache(maxsize=8192)
def _fmt_number(value: float, decimals: int) -> str:
    """Babel's `format_decimal(value, PATTERN + decimals)` with half-up rounding, about 10x faster.

    Babel parses the pattern and looks the locale's symbols up on every call (38 µs, 500 a profile);
    here the symbols are read from babel once and the number goes through babel's own steps:
    `Decimal(str(value))`, sign apart, quantized, grouped by three. Values babel cannot quantize
    (infinity, more digits than the decimal context holds) go to babel itself.
    """
    if not 0 <= decimals < len(_QUANTUM):
        return _babel_number(value, decimals)
    number = decimal.Decimal(str(value))
    try:
        rounded = abs(number).normalize(_HALF_UP).quantize(_QUANTUM[decimals], context=_HALF_UP)
    except decimal.InvalidOperation:
        return _babel_number(value, decimals)
    if not rounded.is_finite():
        return _babel_number(value, decimals)
    text = format(rounded, ",f").translate(_separators())
    if not number.is_signed():
        return text
    return MINUS + text if any(c in "123456789" for c in text) else text


def _babel_number(value: float, decimals: int) -> str:
    """The same formatting through babel (the reference of `_fmt_number`, and its rare cases)."""
    from babel.numbers import format_decimal

    pattern = PATTERN + ("." + "0" * decimals if decimals else "")
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        text = format_decimal(value, format=pattern, locale=LOCALE)
    if not text.startswith("-"):
        return text
    return MINUS + text[1:] if any(c in "123456789" for c in text) else text[1:]


number = fmt_number  # the short name used beside plural() and date()


def plural(count: int, one: str, other: str) -> str:
    """'1 knelpunt', '6 knelpunten', '0 knelpunten': the CLDR plural rule for Dutch via babel."""
    word = one if _locale().plural_form(count) == "one" else other
    return f"{number(count)} {word}"


LEVEL_PLURALS = {"wijk": "wijken", "buurt": "buurten", "gemeente": "gemeenten"}


def level_plural(level: str | None) -> str:
    """'wijken', 'buurten', 'gemeenten': an area level as the reader says it; 'gebieden' without one."""
    return LEVEL_PLURALS.get(level or "", "gebieden")


def ngettext(one: str, other: str, count: int) -> str:
    """Gettext's signature, Dutch CLDR rule: the word only, for sentences that place the number."""
    return one if _locale().plural_form(count) == "one" else other


def parse_date(value: object) -> str:
    """ISO (2027-03-01), Dutch (1-3-2027, 1/3/2027) or a date object to an ISO string."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if len(text) > 10 and "T" in text:
        text = text[:10]
    if _DATE_LIKE.match(text):
        from babel.dates import ParseError
        from babel.dates import parse_date as _babel_parse_date

        try:
            return _babel_parse_date(text, locale=LOCALE, format="short").isoformat()
        except (ParseError, ValueError):
            pass
    raise ValidationError(
        f"'{text}' is geen geldige datum. Schrijf bijvoorbeeld 2027-03-01 of 1-3-2027."
    )


def date(value: str | dt.date | None) -> str:
    """'12 maart 2026' for an ISO date or date; anything else is shown as given."""
    if not value:
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=LOCALE)


def short_date(value: str | dt.date) -> str:
    """'1-3-2027', how advisers type a date in a spreadsheet cell."""
    from babel.dates import format_date

    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return format_date(day, "d-M-y", locale=LOCALE)
