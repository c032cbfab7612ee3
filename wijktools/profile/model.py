"""The Profile and its rows: the typed seam between computing a wijkgezondheidsprofiel and rendering it."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

from wijktools.knelpunt import Knelpunt
from wijktools.nl import level_plural
from wijktools.opendata.areas import Area
from wijktools.profile import demand, peers


class CapacityLike(Protocol):
    """'Capaciteit en zorgvraag' of a session (workshop.capacity.Capacity), attached for its outputs."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready capacity figures, sentence and limits."""
        ...


class SurveyLike(Protocol):
    """What the survey section (issue 4) hands to build(): plain data and optional knelpunten."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready survey summary (groups under 5 already removed)."""
        ...


@dataclass
class IndicatorRow:
    """One indicator of the area with its comparisons, trend and meaning."""

    key: str
    age_group: str
    label: str
    unit: str
    theme: str
    direction: str
    kind: str
    source: str
    table: str
    year: int | None
    value: float | None
    gemeente: float | None
    nederland: float | None
    peers: float | None
    jaar_gemeente: int | None = None
    jaar_nederland: int | None = None
    trend: dict[int, float] = field(default_factory=dict)
    trend_gemeente: dict[int, float] = field(default_factory=dict)
    trend_nl: dict[int, float] = field(default_factory=dict)
    # 95 %-interval of `value` where the table publishes one (RIVM 50120NED), and the marks it allows:
    # 'hoger' / 'lager' / '' against gemeente and Nederland (rule in profile/significance.py).
    ondergrens: float | None = None
    bovengrens: float | None = None
    significant_gemeente: str = ""
    significant_nederland: str = ""


@dataclass
class Missing:
    """An indicator the profile cannot show, with the reason in Dutch."""

    key: str
    label: str
    reden: str


@dataclass(frozen=True)
class Comparison:
    """One area a profile's figures stand beside, with the Dutch words every output names it by."""

    key: str  # the IndicatorRow field with its value: 'gemeente', 'nederland' or 'peers'
    kop: str  # column header of the full indicator table: 'Gemeente', 'Nederland', 'Vergelijkbaar'
    naam: str  # its name in a report header or a 'naam: waarde' note: 'Lochem', 'Nederland'
    legenda: str  # legend entry of a figure: 'Gemeente Lochem', '20 vergelijkbare wijken'
    woord: str  # inside a sentence: 'gemeente', 'Nederland', 'vergelijkbare gebieden'


PEERS = "peers"  # Comparison.key of the group of similar areas (outputs without it leave it out)


def comparisons_of(
    level: str | None, gemeente_name: str | None = None, group: peers.Peers | None = None
) -> list[Comparison]:
    """What an area of this level is compared with, in the order every output shows it.

    A wijk, buurt or kern: its gemeente, Nederland and (when found) its similar areas; a gemeente:
    Nederland and similar gemeenten, never itself; Nederland: nothing. An empty comparison beside
    the area would suggest missing data, so a group without areas is left out too.
    """
    if level == "land":
        return []
    out = []
    if level != "gemeente":
        name = gemeente_name or "gemeente"
        legend = f"Gemeente {gemeente_name}" if gemeente_name else "Gemeente"
        out.append(Comparison("gemeente", "Gemeente", name, legend, "gemeente"))
    out.append(Comparison("nederland", "Nederland", "Nederland", "Nederland", "Nederland"))
    if group is not None and group.codes:
        n, with_rivm = len(group.codes), group.aantal_met_rivm
        legend = f"{n} vergelijkbare {level_plural(group.level)}"
        if with_rivm < n:  # RIVM means rest on fewer areas than the group holds
            legend += f" ({with_rivm} met RIVM-cijfers)"
        name = f"Vergelijkbare {level_plural(group.level)}"
        out.append(Comparison(PEERS, "Vergelijkbaar", name, legend, "vergelijkbare gebieden"))
    return out


def spoken(comparisons: list[Comparison]) -> str:
    """'gemeente, Nederland en vergelijkbare gebieden'; '' when the area stands beside nothing."""
    words = [c.woord for c in comparisons]
    return f"{', '.join(words[:-1])} en {words[-1]}" if len(words) > 1 else "".join(words)


@dataclass
class Profile:
    """Everything a renderer needs; no renderer queries data itself."""

    gebied: dict[str, Any]
    gemeente: dict[str, Any] | None
    nederland: dict[str, Any]
    indicatoren: list[IndicatorRow]
    zorgvraag: demand.Demand | None
    vergelijkbaar: peers.Peers
    knelpunten: list[Knelpunt]
    ontbreekt: list[Missing]
    bronnen: list[str]
    opmerkingen: list[str]
    enquete: dict[str, Any] | None = None
    gebiedskoppeling: dict[str, Any] = field(default_factory=dict)  # see docs/gebiedskoppeling.md
    survey: SurveyLike | None = field(
        default=None, repr=False
    )  # rendered by render/; not in profiel.json
    # A session's capacity against demand; None for a profile made without a session.
    capaciteit: CapacityLike | None = field(default=None, repr=False)

    @property
    def area(self) -> Area:
        """The Area again (for figures such as the map)."""
        g = self.gebied
        return Area(
            code=g["code"],
            name=g["naam"],
            level=g["soort"],
            gemeente_code=g["gemeente_code"],
            gemeente_name=g["gemeentenaam"],
            inwoners=g["inwoners"],
            inwoners_jaar=g.get("inwoners_jaar"),
            members=tuple(g["leden"]),
            member_names=tuple(g.get("leden_namen") or g["leden"]),
        )

    @property
    def comparisons(self) -> list[Comparison]:
        """What this area is compared with, in order (the one decision every output follows)."""
        g = self.gebied
        return comparisons_of(g.get("soort"), g.get("gemeentenaam"), self.vergelijkbaar)

    def row(self, key: str, age_group: str = "") -> IndicatorRow | None:
        """One indicator row, or None when the profile has none."""
        return next(
            (r for r in self.indicatoren if r.key == key and r.age_group == age_group), None
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (NaN becomes null)."""
        data = asdict(replace(self, survey=None, capaciteit=None))
        data.pop("survey")
        data["capaciteit"] = self.capaciteit.to_dict() if self.capaciteit is not None else None
        return _clean(data)


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def to_json(profile: Profile) -> str:
    """profiel.json: stable, readable, UTF-8."""
    return json.dumps(profile.to_dict(), ensure_ascii=False, indent=2, allow_nan=False)
