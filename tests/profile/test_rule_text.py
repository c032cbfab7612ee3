"""A knelpunt reads right in the room: it names the unfavourable fact, one precision per sentence."""

from __future__ import annotations

import re

import pytest

from wijktools.opendata import areas
from wijktools.profile.build import build
from wijktools.profile.rule_text import pcts, title


@pytest.fixture(scope="module")
def beerta():
    # Kern Beerta (Oldambt): in the 1 % of wijken with the lowest share of good health, normal
    # weight and weekly sport (RIVM 2020), and with trends getting worse.
    return build(areas.kern("Beerta", ["WK189503", "WK189504"]))


def test_a_good_thing_the_area_lacks_is_titled_as_a_low_share(beerta):
    titles = {k.titel for k in beerta.knelpunten}
    assert "Laag aandeel: ervaren gezondheid goed/zeer goed" in titles
    assert "Laag aandeel: normaal gewicht" in titles
    # before: the bare indicator name, as if good health were the problem
    assert not titles & {"Ervaren gezondheid goed/zeer goed", "Normaal gewicht"}
    assert "Ernstig beperkt vanwege gezondheid" in titles  # a problem's name stays as it is


def test_every_share_in_a_knelpunt_names_the_part_of_the_ranking(beerta):
    for k in beerta.knelpunten:
        assert re.search(r"hoort bij de \d+ % (wijken|buurten)", k.tekst, re.IGNORECASE) is None
        if "oort bij" in k.tekst:
            assert re.search(r"oort bij de \d+ % van de (wijken|buurten|gemeenten)", k.tekst)


def test_shares_compared_in_one_sentence_have_one_precision(beerta):
    severe = next(k for k in beerta.knelpunten if k.titel == "Ernstig beperkt vanwege gezondheid")
    # RIVM 2020 for the kern: 18+ 10,6 % beside gemeente 8,5 % and landelijk 5,1 % (was "11 %")
    assert "18+ 10,6 % (gemeente 8,5 %; landelijk 5,1 %" in severe.tekst
    for k in beerta.knelpunten:
        for a, b in re.findall(r"van (\d+(?:,\d)?) % \(?\d*\)? ?naar (\d+(?:,\d)?) %", k.tekst):
            assert ("," in a) == ("," in b), k.tekst


def test_pcts_and_title_on_their_own():
    assert pcts(8.04, 11.0) == ["8,0 %", "11,0 %"]
    assert pcts(38.0, 53.4) == ["38 %", "53 %"]
    assert pcts(None, 12.0) == ["–", "12 %"]
    assert (
        title("Wekelijkse sporters (65 jaar e.o.)", "hoger_beter")
        == "Laag aandeel: wekelijkse sporters"
    )
    assert title("Eenzaam (18 jaar e.o.)", "hoger_slechter") == "Eenzaam"


def test_a_low_share_named_beside_its_subjects_lead_reads_as_the_indicator():
    # Overgewicht leads the weight subject; normaal gewicht (a good thing, titled 'Laag aandeel:')
    # is named in its text by the indicator, not as 'ook: Laag aandeel: normaal gewicht'; the share
    # of the wijken is said once for the indicators that share it.
    from wijktools.knelpunt import Knelpunt
    from wijktools.profile.subjects import one_per_subject

    lead = Knelpunt("Overgewicht", "Overgewicht: ...", key="Overgewicht", age_group="18+")
    lead.percentiel, lead.extra = 0.5, {"soort": "niveau"}
    other = Knelpunt(title("Normaal gewicht", "hoger_beter"), key="NormaalGewicht", age_group="18+")
    other.percentiel, other.extra = 1.2, {"soort": "niveau"}
    (merged,) = one_per_subject([lead, other])
    assert merged.tekst.endswith("ook bij de 2 % meest ongunstige: Normaal gewicht (18+).")
