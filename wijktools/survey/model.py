"""Survey data model: question types, answer scales and the imported survey (no personal columns)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

SINGLE, MULTIPLE, LIKERT, NUMBER, OPEN, DISCIPLINE, IGNORE = (
    "enkele_keuze",
    "meerdere_keuzes",
    "likert",
    "getal",
    "open",
    "discipline",
    "negeren",
)
QUESTION_TYPES = (SINGLE, MULTIPLE, LIKERT, NUMBER, OPEN, DISCIPLINE)

# Mapping files may use Dutch or English type names; all land on the Dutch constants above.
TYPE_ALIASES = {
    SINGLE: SINGLE,
    "enkelvoudig": SINGLE,
    "keuze": SINGLE,
    "single": SINGLE,
    "single_choice": SINGLE,
    MULTIPLE: MULTIPLE,
    "meervoudig": MULTIPLE,
    "multiple": MULTIPLE,
    "multiple_choice": MULTIPLE,
    LIKERT: LIKERT,
    NUMBER: NUMBER,
    "number": NUMBER,
    "numeriek": NUMBER,
    OPEN: OPEN,
    "tekst": OPEN,
    "open_tekst": OPEN,
    "text": OPEN,
    "open_text": OPEN,
    DISCIPLINE: DISCIPLINE,
    "beroep": DISCIPLINE,
    "functie": DISCIPLINE,
    IGNORE: IGNORE,
    "ignore": IGNORE,
    "overslaan": IGNORE,
}

# Each scale: display labels for levels 1..5 and the spellings survey tools write for each level.
SCALES: dict[str, dict[str, list]] = {
    "eens": {
        "labels": [
            "helemaal mee oneens",
            "mee oneens",
            "neutraal",
            "mee eens",
            "helemaal mee eens",
        ],
        "variants": [
            [
                "helemaal mee oneens",
                "helemaal oneens",
                "zeer mee oneens",
                "volledig mee oneens",
                "strongly disagree",
                "totally disagree",
            ],
            [
                "mee oneens",
                "oneens",
                "niet mee eens",
                "eerder mee oneens",
                "disagree",
                "somewhat disagree",
            ],
            [
                "neutraal",
                "niet mee eens, niet mee oneens",
                "niet eens, niet oneens",
                "niet eens/niet oneens",
                "noch eens, noch oneens",
                "noch eens noch oneens",
                "neither agree nor disagree",
                "neutral",
            ],
            ["mee eens", "eens", "eerder mee eens", "agree", "somewhat agree"],
            [
                "helemaal mee eens",
                "helemaal eens",
                "zeer mee eens",
                "volledig mee eens",
                "strongly agree",
                "totally agree",
            ],
        ],
    },
    "frequentie": {
        "labels": ["nooit", "zelden", "soms", "vaak", "altijd"],
        "variants": [
            ["nooit", "never"],
            ["zelden", "rarely", "seldom"],
            ["soms", "sometimes"],
            ["vaak", "often", "regelmatig"],
            ["altijd", "always", "heel vaak", "zeer vaak", "very often"],
        ],
    },
    "cijfer": {"labels": ["1", "2", "3", "4", "5"], "variants": [[], [], [], [], []]},
}
# Answers that are not an opinion: the respondent skipped the statement.
NO_OPINION = {
    "weet niet", "weet ik niet", "geen mening", "n.v.t.", "nvt", "n.v.t", "niet van toepassing",
    "don't know", "dont know", "not applicable", "n/a", "no opinion",
}  # fmt: skip

# How the low end of each scale is named in a knelpunt: title, phrase before the statement, rule.
NEGATIVE_WORDS = {
    "eens": (
        "Oneens met",
        "(helemaal) mee oneens met",
        "stelling waarmee ten minste {t} van de respondenten (helemaal) mee oneens is",
    ),
    "frequentie": (
        "Nooit of zelden",
        "antwoordt nooit of zelden op",
        "vraag waarop ten minste {t} van de respondenten nooit of zelden antwoordt",
    ),
    "cijfer": (
        "Lage score op",
        "geeft een 1 of 2 op",
        "vraag (schaal 1 tot en met 5) waarop ten minste {t} van de respondenten een 1 of 2 geeft",
    ),
}
OTHER_GROUP = "overige disciplines"
UNKNOWN_DISCIPLINE = "discipline onbekend"


def too_few(min_group: int = 5) -> str:
    """The one text every view shows instead of a group that is too small."""
    return f"te weinig respondenten (minder dan {min_group})"


def norm(text: object) -> str:
    """Compare headers and answers the way a reader would: case, accents of spaces, punctuation ends."""
    value = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").replace("\xa0", " ")
    value = re.sub(r"\s+", " ", value).strip().casefold()
    return value.strip(" ;:.")


def level_of(value: str, scale: str) -> int | None:
    """Level 1..5 of an answer on a scale; numbers 1..5 count on every scale."""
    key = norm(value)
    if re.fullmatch(r"[1-5](\.0+)?", key):
        return int(float(key))
    for level, variants in enumerate(SCALES[scale]["variants"], start=1):
        if key in variants:
            return level
    return None


@dataclass
class Question:
    """One survey column that is kept: its header as in the file and how it is analysed."""

    column: str
    type: str
    scale: str | None = None
    options: list[str] = field(default_factory=list)


@dataclass
class Survey:
    """An imported survey: answers only, metadata and personal columns already dropped."""

    path: Path
    datum: date
    questions: list[Question]
    data: pd.DataFrame  # index = row number as the user sees it in Excel (header = row 1)
    discipline: str | None = None
    keywords: dict[str, list[str]] | None = None
    dropped: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        """Number of respondents (rows with at least one kept answer)."""
        return len(self.data)

    def question(self, column: str) -> Question:
        """Look up a question by its column header."""
        for q in self.questions:
            if q.column == column:
                return q
        raise KeyError(column)
