"""Relation quality as PARTNER-style network surveys ask it: vertrouwen and meerwaarde, each 1-4.

The PARTNER Tool (Program to Analyze, Record, and Track Networks to Enhance Relationships; Varda,
Chandra, Stern & Lurie 2008, J Public Health Manag Pract 14(5):E1-E7) scores every relation on trust
(reliability, shared mission, openness to discussion) and value (power and influence, level of
involvement, resource contribution), each answered on a four-point scale from "not at all" to "a
great deal". wijktools asks one summary score per scale, not the six sub-questions: a light
variant for a workshop, not the validated PARTNER measurement. See docs/netwerk-over-tijd.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wijktools import nl
from wijktools.errors import ValidationError

SCORES = ("vertrouwen", "meerwaarde")
HEADERS = {"vertrouwen": "Vertrouwen (1-4)", "meerwaarde": "Meerwaarde (1-4)"}
MEAN_LABELS = {"vertrouwen": "Gemiddeld vertrouwen", "meerwaarde": "Gemiddelde meerwaarde"}
LABELS = {1: "helemaal niet", 2: "een beetje", 3: "redelijk", 4: "in hoge mate"}
QUESTIONS = {
    "vertrouwen": "Hoeveel vertrouwen is er in deze samenwerking (betrouwbaar, zelfde doel, open "
    "voor overleg)?",
    "meerwaarde": "Hoeveel meerwaarde heeft deze samenwerking (invloed, betrokkenheid, "
    "inbreng van middelen en kennis)?",
}
SCALE_TEXT = (
    "1 = helemaal niet, 2 = een beetje, 3 = redelijk, 4 = in hoge mate; leeg = niet gescoord"
)
SOURCE = (
    "Schaal naar de PARTNER Tool (vertrouwen en meerwaarde, 1-4; Varda e.a. 2008, "
    "J Public Health Manag Pract 14(5):E1-E7); één samenvattende score per relatie"
)
# A mean of one or two scores says more about who answered than about the network.
MIN_SCORED = 3


def score(value: object, name: str) -> int | None:
    """1-4 as a number or its label; empty means not scored. Anything else is refused, never guessed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(_message(value, name))
    if isinstance(value, int | float) and float(value) in (1, 2, 3, 4):
        return int(value)
    text = str(value).strip().casefold()
    for number, label in LABELS.items():
        if text in (str(number), f"{number}.0", label):
            return number
    raise ValidationError(_message(value, name))


def _message(value: object, name: str) -> str:
    return (
        f"{name.capitalize()} '{value}' is ongeldig; gebruik een heel getal van 1 tot en met 4 "
        f"({SCALE_TEXT})."
    )


@dataclass(frozen=True)
class ScoreMean:
    """One scale over a network's relations: how many were scored and, with enough, their mean."""

    name: str
    scored: int
    relations: int
    mean: float | None  # None below MIN_SCORED scored relations

    @property
    def mean_text(self) -> str:
        """The mean in Dutch notation with one decimal ('3,1'), empty without a mean."""
        return "" if self.mean is None else nl.fmt_number(self.mean, 1)

    @property
    def label(self) -> str:
        """'3,2 (8 van 12 relaties gescoord)' or why there is no mean."""
        if self.mean is None:
            if not self.scored:
                return "niet gescoord"
            return (
                f"te weinig gescoord ({self.scored} van {self.relations}; "
                f"een gemiddelde vanaf {MIN_SCORED})"
            )
        return f"{self.mean_text} ({self.scored} van {self.relations} relaties gescoord)"


def means(relations: Iterable[Mapping[str, Any]]) -> dict[str, ScoreMean]:
    """Mean vertrouwen and meerwaarde over the relations that carry one, per scale."""
    rows = list(relations)
    out = {}
    for name in SCORES:
        values = [r[name] for r in rows if r.get(name) is not None]
        mean = sum(values) / len(values) if len(values) >= MIN_SCORED else None
        out[name] = ScoreMean(name, len(values), len(rows), mean)
    return out
