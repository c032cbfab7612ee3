"""Dutch numbers as the source publishes them, checked against real values from the shipped data."""

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
