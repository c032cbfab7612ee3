"""Dutch numbers as the source publishes them, checked against real values from the shipped data."""

from wijktools import nl
from wijktools.profile.rules import pct


def test_a_half_rounds_up_as_the_source_rounds():
    # RIVM 50090NED, BU05991926 Nieuw Mathenesse (Rotterdam), 18+, 2012: ErnstigZeerErnstigEenzaam 12.5
    assert pct(12.5) == "13 %"
    assert nl.fmt_number(0.25, 1) == "0,3"
    assert nl.fmt_number(2.5) == "3"
    assert nl.fmt_number(-2.5) == "-3"


def test_other_values_round_to_nearest():
    assert pct(12.4) == "12 %"
    assert nl.fmt_number(1234.56, 1) == "1.234,6"
    assert nl.fmt_number(2.675, 2) == "2,68"
