"""Dutch numbers as the source publishes them, checked against real values from the shipped data."""

import decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from wijktools import nl
from wijktools.profile.rules import pct


def test_a_half_rounds_up_as_the_source_rounds():
    # RIVM 50090NED, BU05991926 Nieuw Mathenesse (Rotterdam), 18+, 2012: ErnstigZeerErnstigEenzaam 12.5
    assert pct(12.5) == "13 %"
    assert nl.fmt_number(0.25, 1) == "0,3"
    assert nl.fmt_number(2.5) == "3"
    assert nl.fmt_number(-2.5) == "\u22123"


def test_other_values_round_to_nearest():
    assert pct(12.4) == "12 %"
    assert nl.fmt_number(1234.56, 1) == "1.234,6"
    assert nl.fmt_number(2.675, 2) == "2,68"


def test_negatives_carry_a_true_minus_sign_and_zero_has_none():
    # A capacity table printed '-0,1' with a hyphen; in print that reads as a dash.
    assert nl.fmt_number(-0.1, 1) == "\u22120,1"
    assert nl.fmt_number(-1234.56, 1) == "\u22121.234,6"
    assert "-" not in nl.fmt_number(-0.1, 1)
    assert nl.fmt_number(-0.04, 1) == "0,0" and nl.fmt_number(-0.0) == "0"


def test_a_change_shows_its_direction():
    assert nl.signed(0.7, 1) == "+0,7"
    assert nl.signed(-1.3, 1) == "\u22121,3"
    assert nl.signed(0.04, 1) == "0,0" and nl.signed(-0.04, 1) == "0,0"
    assert nl.signed(None) == "–"


def test_a_percentage_has_a_space_before_the_sign():
    assert nl.percent(45) == "45 %"
    assert nl.percent(-2.25, 1) == "\u22122,3 %"
    assert nl.percent(None) == "–"


def _outcome(formatter, value, decimals):
    try:
        return formatter(value, decimals)
    except Exception as exc:  # babel's own errors (a value beyond the decimal context) are kept
        return type(exc)


_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e7, max_value=1e7).map(lambda v: round(v, 4)),  # ties like 2.675, 0.25
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(width=32).map(np.float32),
    st.floats(min_value=-1e9, max_value=1e9).map(np.float64),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(np.int64),
    st.sampled_from([0.0, -0.0, 0.05, -0.05, 0.5, -0.5, 0.0005, -0.0049, 1e16, 1e22, 1e-7, 2.5]),
)


@settings(max_examples=3000, deadline=None)
@given(value=_NUMBERS, decimals=st.integers(min_value=0, max_value=3))
def test_fast_number_formatting_is_babels(value, decimals):
    # The fast path must print what babel's format_decimal prints (half up, the nl symbols).
    fast = _outcome(nl._fmt_number.__wrapped__, value, decimals)
    assert fast == _outcome(nl._babel_number, value, decimals)
    if isinstance(fast, str) and np.isfinite(float(value)):
        assert "-" not in fast and fast.count(",") == (1 if decimals else 0)


def test_fast_number_formatting_matches_babel_on_the_edges():
    with decimal.localcontext() as context:  # babel rounds half up only inside nl's own context
        context.rounding = decimal.ROUND_HALF_EVEN
        assert nl._babel_number(12.5, 0) == nl.fmt_number(12.5) == "13"
    assert nl.fmt_number(float("nan"), 2) == nl.fmt_number(np.float64("nan")) == "–"
    assert nl.fmt_number(1e20) == "100.000.000.000.000.000.000"
    assert nl.fmt_number(float("inf")) == nl._babel_number(float("inf"), 0)


def test_separators_kept_in_data_derived_are_babels_and_a_broken_file_is_replaced(
    tmp_path, monkeypatch
):
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from wijktools import paths

    monkeypatch.setattr(paths, "derived_dir", lambda: tmp_path)
    expected = (get_decimal_symbol(nl.LOCALE), get_group_symbol(nl.LOCALE))
    assert expected == (",", ".")
    assert nl._symbols() == expected  # computed by babel, then stored
    [stored] = tmp_path.glob("getalnotatie-*.json")
    assert nl._symbols() == expected  # read back
    stored.write_text("{", encoding="utf-8")  # a half-written file from a crash
    assert nl._symbols() == expected
    assert [p.name for p in tmp_path.glob("getalnotatie-*.json")] == [stored.name]
