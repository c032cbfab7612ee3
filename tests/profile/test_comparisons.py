"""Profile.comparisons: what an area is compared with, in the order and words an adviser sees.

Gemeenten of the areas from data/raw/cbs-kwb-2024-85984NED (gemeentenaam): WK026200 Wijk 00 Lochem
kern in Lochem, BU05991926 Nieuw Mathenesse in Rotterdam, WK189503/WK189504 (kern Beerta) in
Oldambt, WK192601 Pijnacker in Pijnacker-Nootdorp (a wijk redrawn after 2020: no RIVM figures),
WK003415 Stichtsekant in Almere (0 inwoners: no age structure, so no group of similar wijken).
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from wijktools.opendata import areas, comparison
from wijktools.profile import build, peers
from wijktools.profile.model import Profile

GEMEENTE_NL = ["gemeente", "nederland"]


@cache
def _built(code: str) -> Profile:
    if code == "kern":
        return build.build(areas.kern("Beerta", ["WK189503", "WK189504"]))
    return build.build(areas.lookup(code))


def _seen(profile: Profile) -> list[tuple[str, str, str, str]]:
    """Key, column header, name in a report and word in a sentence of each comparison."""
    return [(c.key, c.kop, c.naam, c.woord) for c in profile.comparisons]


def _with_rivm(profile: Profile) -> int:
    """How many areas of the group have any RIVM figure, counted from the level's own table."""
    group = profile.vergelijkbaar
    wide = comparison.wide(group.level)
    rivm = [c for c in wide.columns if "|" in c]
    return int(wide.loc[group.codes, rivm].notna().any(axis=1).sum())


def _peers_legend(profile: Profile, plural: str) -> None:
    """'20 vergelijkbare wijken (15 met RIVM-cijfers)': the group's size and its RIVM part."""
    legend = profile.comparisons[-1].legenda
    match = re.fullmatch(rf"(\d+) vergelijkbare {plural}(?: \((\d+) met RIVM-cijfers\))?", legend)
    assert match, legend
    assert int(match[1]) == len(profile.vergelijkbaar.codes) == peers.N_PEERS
    with_rivm = _with_rivm(profile)
    assert int(match[2] or match[1]) == with_rivm
    assert (match[2] is None) == (with_rivm == peers.N_PEERS)  # '(n met RIVM)' only when fewer


@pytest.mark.parametrize(
    ("code", "gemeente", "plural"),
    [
        ("WK026200", "Lochem", "wijken"),
        ("BU05991926", "Rotterdam", "buurten"),
        ("kern", "Oldambt", "wijken"),  # a kern is compared with wijken
    ],
)
def test_a_wijk_buurt_or_kern_stands_beside_its_gemeente_nederland_and_similar_areas(
    code, gemeente, plural
):
    p = _built(code)
    assert _seen(p) == [
        ("gemeente", "Gemeente", gemeente, "gemeente"),
        ("nederland", "Nederland", "Nederland", "Nederland"),
        ("peers", "Vergelijkbaar", f"Vergelijkbare {plural}", "vergelijkbare gebieden"),
    ]
    assert [c.legenda for c in p.comparisons[:2]] == [f"Gemeente {gemeente}", "Nederland"]
    _peers_legend(p, plural)


@pytest.mark.parametrize("code", ["GM0277", "GM0014"])
def test_a_gemeente_stands_beside_nederland_and_similar_gemeenten_not_itself(code):
    p = _built(code)
    assert _seen(p) == [
        ("nederland", "Nederland", "Nederland", "Nederland"),
        ("peers", "Vergelijkbaar", "Vergelijkbare gemeenten", "vergelijkbare gebieden"),
    ]
    assert p.comparisons[-1].legenda == "20 vergelijkbare gemeenten"  # every gemeente has RIVM
    _peers_legend(p, "gemeenten")


def test_nederland_stands_beside_nothing():
    assert _built("NL00").comparisons == []


def test_a_wijk_without_rivm_figures_keeps_every_comparison():
    p = _built("WK192601")
    assert not [r for r in p.indicatoren if r.age_group]  # really no RIVM figures
    assert [c.key for c in p.comparisons] == [*GEMEENTE_NL, "peers"]
    assert p.comparisons[0].legenda == "Gemeente Pijnacker-Nootdorp"
    _peers_legend(p, "wijken")


def test_a_wijk_without_similar_wijken_has_no_empty_peer_comparison():
    p = _built("WK003415")
    assert not p.vergelijkbaar.codes
    assert _seen(p) == [
        ("gemeente", "Gemeente", "Almere", "gemeente"),
        ("nederland", "Nederland", "Nederland", "Nederland"),
    ]
