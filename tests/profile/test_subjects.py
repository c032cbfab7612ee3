"""One knelpunt per subject, also across level and trend: a trend is told in the level knelpunt of its subject.

Real wijken from the shipped data; expected figures are read from data/raw here, not from the code under
test. Before, 293 of 3.123 wijken (>= 200 inwoners) had a level and a trend knelpunt of one subject, e.g.
Veendam-kern (WK004700): 'Laag aandeel: normaal gewicht' and 'Overgewicht: ongunstige trend'.
"""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijktools.knelpunt import Knelpunt
from wijktools.paths import raw_dir
from wijktools.profile import build as profile
from wijktools.profile.rules import MAX_LEVEL, MAX_TREND, capped
from wijktools.profile.subjects import SUBJECT_OF, subject_of

RIVM = raw_dir() / "rivm-gezondheid-50090NED" / "rivm_50090NED_2012_2016_2020_alle_niveaus.parquet"


@pytest.fixture(scope="module")
def rivm():
    frame = pd.read_parquet(RIVM)
    frame["code"] = frame["Codering_3"].str.strip()
    return frame


def _raw(rivm, code, column, age, year):
    rows = rivm[(rivm["code"] == code) & (rivm["leeftijdsgroep"] == age) & (rivm["jaar"] == year)]
    return float(rows[column].iloc[0])


def _rise_share(rivm, code, column, age, fall=False):
    """% of wijken whose figure rose (or fell) 2012-2020 at least as much as `code`'s, from data/raw."""
    wijken = rivm[(rivm["SoortRegio_2"].str.strip() == "Wijk") & (rivm["leeftijdsgroep"] == age)]
    wide = wijken.pivot_table(index="code", columns="jaar", values=column)
    change = (wide[2020] - wide[2012]).dropna()
    return 100 * ((change <= change[code]) if fall else (change >= change[code])).mean()


def _worst_share(rivm, code, column, age):
    """% of wijken (2020) with a figure at least as high as `code`'s, from the raw file."""
    wijken = rivm[
        (rivm["SoortRegio_2"].str.strip() == "Wijk")
        & (rivm["jaar"] == 2020)
        & (rivm["leeftijdsgroep"] == age)
    ]
    values = wijken.set_index("code")[column].dropna()
    return 100 * (values >= values[code]).mean()


def _subjects(p, kind):
    return {subject_of(k.key) for k in p.knelpunten if k.regel_id.startswith(f"{kind}:")}


def test_level_and_trend_of_one_subject_are_one_knelpunt_with_both_facts(rivm):
    # Veendam-kern: normaal gewicht 18+ 36,7 % (NL 47,4 %) is among the lowest of all wijken, and
    # overgewicht 18+ rose from 54,4 % (2012) to 61,8 % (2020) while NL went from 48,5 % to 50,8 %.
    assert _raw(rivm, "WK004700", "NormaalGewicht_8", "18+", 2020) == 36.7
    assert _raw(rivm, "NL01", "NormaalGewicht_8", "18+", 2020) == 47.4
    assert _raw(rivm, "GM0047", "NormaalGewicht_8", "18+", 2020) == 37.4  # gemeente Veendam
    first, last = (_raw(rivm, "WK004700", "Overgewicht_9", "18+", y) for y in (2012, 2020))
    nl_first, nl_last = (_raw(rivm, "NL01", "Overgewicht_9", "18+", y) for y in (2012, 2020))
    assert (first, last, nl_first, nl_last) == (54.4, 61.8, 48.5, 50.8)
    share = _rise_share(rivm, "WK004700", "Overgewicht_9", "18+")
    assert share <= 5  # among the strongest deteriorations: the trend rule fired on its own
    # normaal gewicht fell as much (its complement): named beside it, with its own share
    fell = _rise_share(rivm, "WK004700", "NormaalGewicht_8", "18+", fall=True)
    over, obese = (
        _worst_share(rivm, "WK004700", c, "18+") for c in ("Overgewicht_9", "ErnstigOvergewicht_10")
    )

    built = profile.build("WK004700")
    weight = [k for k in built.knelpunten if subject_of(k.key) == "gewicht"]
    assert len(weight) == 1  # was two: one level, one trend knelpunt
    (k,) = weight
    assert k.regel_id.startswith("niveau:") and k.titel == "Laag aandeel: normaal gewicht"
    assert "18+ 37 % (gemeente 37 %; landelijk 47 %; laagste 1 % van de wijken)" in k.tekst
    assert (
        "Ook een ongunstige trend: Overgewicht (18+) steeg van 54 % in 2012 naar 62 % in 2020 "
        f"(landelijk van 49 % naar 51 %); bij de {math.ceil(share)} % sterkste verslechteringen "
        "van de wijken; ook bij de "
        f"{math.ceil(fell)} % sterkste verslechteringen: Normaal gewicht (18+)."
    ) in k.tekst
    assert (
        f"Zelfde onderwerp (gewicht), ook bij de {math.ceil(over)} % meest ongunstige: Overgewicht "
        f"(18+); bij de {math.ceil(obese)} %: Ernstig overgewicht (obesitas) (18+)."
    ) in k.tekst
    assert (
        "verwante indicatoren van één onderwerp (gewicht), niveau en ongunstige trend (2012-2020), "
        "vormen één knelpunt"
    ) in k.regel
    assert "trend: zelf minstens 1 procentpunt ongunstiger" in k.drempel
    told = k.extra["trend"]
    assert told["regel_id"] == "trend:Overgewicht" and told["leeftijd"] == "18+"
    assert told["waarden"] == [first, last] and told["landelijk"] == [nl_first, nl_last]
    assert told["jaren"] == [2012, 2020] and k.extra["onderwerp"] == "gewicht"
    assert k.jaar == 2020 and k.waarde == 36.7  # the level's figure stays the knelpunt's figure


def test_a_good_thing_that_fell_is_told_as_a_fall(rivm):
    # Mussel, Stadskanaal (WK003704): overgewicht among the highest; normaal gewicht 65+ fell from
    # 36,6 % to 32,3 % while NL went from 39,6 % to 40,0 %: 'daalde', not 'steeg'.
    own = [_raw(rivm, "WK003704", "NormaalGewicht_8", "65+", y) for y in (2012, 2020)]
    nl = [_raw(rivm, "NL01", "NormaalGewicht_8", "65+", y) for y in (2012, 2020)]
    assert own[1] < own[0] - 1 and nl[1] >= nl[0]
    (k,) = [k for k in profile.build("WK003704").knelpunten if subject_of(k.key) == "gewicht"]
    assert k.regel_id == "niveau:Overgewicht"
    assert "Normaal gewicht (65+) daalde van" in k.tekst and k.extra["trend"]["waarden"] == own


# Wijken where a level and a trend knelpunt of one subject both stood before: each subject group, an
# indicator without subject (Roker, ervaren gezondheid) and wijken where the cap of 6 level knelpunten bit.
BOTH_BEFORE = (
    "WK004700",  # gewicht: level normaal gewicht, trend overgewicht
    "WK004702",  # gewicht: overgewicht both
    "WK001401",  # angst en depressie
    "WK001410",  # lichamelijke beperkingen; 8 knelpunten, capped
    "WK008060",  # lichamelijke beperkingen; capped
    "WK008609",  # alcoholgebruik: zware drinker both
    "WK009600",  # Roker both
    "WK011421",  # eenzaamheid
    "WK053105",  # ervaren gezondheid both
    "WK085531",  # three subjects at once
)


@pytest.mark.parametrize("code", BOTH_BEFORE)
def test_no_profile_has_a_level_and_a_trend_knelpunt_of_one_subject(code):
    p = profile.build(code)
    assert not _subjects(p, "niveau") & _subjects(p, "trend")
    # the trend is not lost: a level knelpunt tells it
    assert any("trend" in k.extra for k in p.knelpunten)
    levels = [k for k in p.knelpunten if k.regel_id.startswith("niveau:")]
    trends = [k for k in p.knelpunten if k.regel_id.startswith("trend:")]
    assert len(levels) <= MAX_LEVEL and len(trends) <= MAX_TREND


# Real RIVM indicator keys: every key of a subject, and some that are a subject of their own.
KEYS = [*sorted(SUBJECT_OF), "Roker", "ErvarenGezondheidGoedZeerGoed", "WekelijkseSporters"]


def _draft(key: str, kind: str, percentiel: float) -> Knelpunt:
    """A knelpunt as the level or trend rule leaves it; only the fields the merging reads."""
    extra: dict[str, object] = {"soort": kind}
    if kind == "trend":
        extra |= {"jaren": [2012, 2020], "landelijk": [40.0, 41.0]}
    return Knelpunt(
        titel=key if kind == "niveau" else f"{key}: ongunstige trend",
        key=key,
        age_group="18+",
        waarde=50.0,
        referentie=45.0,
        regel=f"{kind}regel",
        drempel=f"{kind}drempel",
        regel_id=f"{kind}:{key}",
        percentiel=percentiel,
        vergelijking="wijken",
        extra=extra,
    )


fired = st.dictionaries(st.sampled_from(KEYS), st.floats(0, 5), max_size=len(KEYS))


@settings(max_examples=200, deadline=None)
@given(level=fired, trend=fired)
def test_one_knelpunt_per_subject_within_the_caps(level, trend):
    shown, left_out = capped(
        [_draft(k, "niveau", p) for k, p in level.items()],
        [_draft(k, "trend", p) for k, p in trend.items()],
    )
    levels = [k for k in shown if k.extra["soort"] == "niveau"]
    trends = [k for k in shown if k.extra["soort"] == "trend"]
    level_subjects = [subject_of(k.key) for k in levels]
    assert len(levels) <= MAX_LEVEL and len(trends) <= MAX_TREND
    assert len(set(level_subjects)) == len(levels)  # one per subject
    assert not set(level_subjects) & {subject_of(k.key) for k in trends}
    # every subject that fired is shown, told in its level knelpunt, or counted as left out
    level_groups, trend_groups = {subject_of(k) for k in level}, {subject_of(k) for k in trend}
    told = trend_groups & set(level_subjects)
    assert len(level_groups) + len(trend_groups) - len(told) == len(shown) + left_out
    for k in levels:
        if subject_of(k.key) in told:
            keys = [k.extra["trend"]["regel_id"].removeprefix("trend:"), *k.extra["trend"]["ook"]]
            assert sorted(keys) == sorted(t for t in trend if subject_of(t) == subject_of(k.key))
            assert "Ook een ongunstige trend:" in k.tekst
        else:
            assert "trend" not in k.extra


def test_the_longest_knelpunt_with_its_trend_still_fits_one_slide():
    # Wierdense Hoek, Almelo (WK014114): the longest text of all wijken once its trend is told (beperking
    # in horen with zien, bewegen and their trends: 863 characters when each indicator said its own
    # share). The profile deck shows titel, tekst and regel in one table row at 18 pt, four knelpunten
    # to a slide; a row taller than the slide gets a slide of its own and runs off it.
    from pptx.util import Emu

    from wijktools.render.layout import column_widths, row_height
    from wijktools.render.pptx import CALIBRI_EM, CONTENT_BOTTOM, CONTENT_TOP, MARGIN, MIN_PT, WIDTH
    from wijktools.report.deck_knelpunten import KNELPUNTEN_PER_SLIDE

    knelpunten = profile.build("WK014114").knelpunten
    assert any("trend" in k.extra for k in knelpunten)
    room = Emu(CONTENT_BOTTOM - CONTENT_TOP).pt
    header = ["Knelpunt", "Cijfers", "Regel"]
    for start in range(0, len(knelpunten), KNELPUNTEN_PER_SLIDE):
        rows = [
            [k.titel, k.tekst, k.regel] for k in knelpunten[start : start + KNELPUNTEN_PER_SLIDE]
        ]
        columns = [[h, *(r[c] for r in rows)] for c, h in enumerate(header)]
        widths = column_widths(columns, Emu(WIDTH - 2 * MARGIN).pt, MIN_PT)
        head = row_height(header, widths, MIN_PT, CALIBRI_EM)
        for row in rows:
            assert head + row_height(row, widths, MIN_PT, CALIBRI_EM) <= room, row[0]
