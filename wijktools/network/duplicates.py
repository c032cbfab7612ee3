"""Likely duplicate organisations on the sociale kaart: the same partner under a slightly other name.

Names are compared after normalisation (lower case, accents and punctuation gone, Dutch legal forms
such as B.V. dropped, generic words such as Huisartsenpraktijk/HAP mapped to one word, articles
dropped) with rapidfuzz's `token_sort_ratio`. Two names are a likely duplicate when that score is at
least THRESHOLD. The score is taken over the distinctive words (the kind words such as huisarts or
apotheek set apart), and names that differ in kind, in a number or in a compass word never match
("Apotheek Zuid" is not "Apotheek Noord", "Apotheek De Linde" is not "Huisartsenpraktijk De Linde",
"Praktijk 1" is not "Praktijk 2"). THRESHOLD = 88 was chosen on the names in
tests/test_network_duplicates.py: the true pairs there score 100 after normalisation, the closest
non-duplicate ("Van der Meer"/"Van der Veen") 50; a one-letter typo in a longer name ("Haskerlan"
for "Haskerland") still scores above 88.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from wijktools import nl
from wijktools.errors import DuplicatesFound, ValidationError

THRESHOLD = 88.0
__all__ = ["CHOICES", "THRESHOLD", "DuplicatePair", "DuplicatesFound", "is_likely_duplicate"]
CHOICES = ("samenvoegen", "overslaan", "toevoegen")
CHOICE_LABELS = {
    "samenvoegen": "samenvoegen",
    "overslaan": "overslaan",
    "toevoegen": "als nieuw toevoegen",
}

# Legal forms and filler words that say nothing about which organisation it is.
_DROP = {
    "bv", "b v", "nv", "vof", "v o f", "cv", "ua", "u a", "bvba", "holding",
    "de", "het", "t", "en", "van", "der", "den", "voor", "te", "in",
}  # fmt: skip
# Generic words for the same kind of organisation, mapped to one canonical word.
_GENERIC = {
    "huisarts": "huisarts", "huisartsen": "huisarts", "huisartsenpraktijk": "huisarts",
    "huisartspraktijk": "huisarts", "hap": "huisarts", "huisartsenpost": "huisarts",
    "gezondheidscentrum": "gezondheidscentrum", "gc": "gezondheidscentrum",
    "apotheek": "apotheek", "apotheken": "apotheek",
    "fysiotherapie": "fysio", "fysiotherapiepraktijk": "fysio", "fysio": "fysio",
    "fysiotherapeut": "fysio", "fysiopraktijk": "fysio",
    "praktijk": "praktijk", "maatschap": "praktijk",
    "stichting": "stichting", "st": "stichting",
    "thuiszorg": "thuiszorg", "wijkverpleging": "wijkverpleging",
}  # fmt: skip
_COMPASS = {"noord", "zuid", "oost", "west", "centrum", "midden"}
_WORD = re.compile(r"[a-z0-9]+")


def _plain(text: str) -> str:
    """Lower case without accents: 'Huisartsenpraktijk Één' -> 'huisartsenpraktijk een'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(name: str) -> str:
    """The distinctive words of an organisation name, in a comparable spelling."""
    text = _plain(name)
    # "B.V." / "b.v" / "V.O.F." -> "bv" / "vof" before splitting on punctuation.
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.?)", r"\1", text)
    words = []
    for word in _WORD.findall(text):
        if word in _DROP:
            continue
        words.append(_GENERIC.get(word, word))
    return " ".join(words)


def _markers(normalised: str) -> tuple[frozenset[str], frozenset[str]]:
    """Numbers and compass words: names that differ in these are different organisations."""
    words = normalised.split()
    return (
        frozenset(w for w in words if w.isdigit()),
        frozenset(w for w in words if w in _COMPASS),
    )


def _split(normalised: str) -> tuple[frozenset[str], str]:
    """The kind words (huisarts, apotheek, …) apart from the distinctive rest of the name."""
    kinds = set(_GENERIC.values())
    words = normalised.split()
    return frozenset(w for w in words if w in kinds), " ".join(w for w in words if w not in kinds)


def similarity(a: str, b: str) -> float:
    """0-100 over the distinctive words; 0 when kind, number or compass word differ."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb or _markers(na) != _markers(nb):
        return 0.0
    (kinds_a, rest_a), (kinds_b, rest_b) = _split(na), _split(nb)
    if kinds_a and kinds_b and kinds_a != kinds_b:
        return 0.0  # "Apotheek De Linde" is not "Huisartsenpraktijk De Linde"
    if not rest_a or not rest_b:
        return float(fuzz.token_sort_ratio(na, nb))
    return float(fuzz.token_sort_ratio(rest_a, rest_b))


def is_likely_duplicate(a: str, b: str, threshold: float = THRESHOLD) -> bool:
    """Whether two different spellings probably name one organisation."""
    return a.casefold() != b.casefold() and similarity(a, b) >= threshold


def _blocking_keys(name: str) -> set[str]:
    """Keys two likely duplicates share: one of their words, or its first four letters (a typo later)."""
    words = normalise(name).split()
    return set(words) | {w[:4] + "~" for w in words if len(w) > 4}


class NameIndex:
    """Names that may resemble a name, found without comparing it with every name.

    An import compares each row with the earlier rows and with the sociale kaart; comparing all pairs
    grows with the square of the file (a 50,000-row file would never finish). Only names that share a
    word (or its first four letters) are compared; words shared by more than MAX_BLOCK names (such as
    "apotheek" in a very large file) say nothing about identity and are not used as a key.
    """

    MAX_BLOCK = 200

    def __init__(self) -> None:
        self._names: list[tuple[int, str]] = []
        self._keys: dict[str, list[int]] = defaultdict(list)

    def add(self, item: int, name: str) -> None:
        """Remember `name` under `item` (a row number or a partner id)."""
        index = len(self._names)
        self._names.append((item, name))
        for key in _blocking_keys(name):
            self._keys[key].append(index)

    def best(self, name: str, threshold: float = THRESHOLD) -> tuple[int, str, float] | None:
        """The most similar remembered name at or above the threshold (earliest on a tie)."""
        seen: set[int] = set()
        for key in _blocking_keys(name):
            block = self._keys.get(key, ())
            if len(block) <= self.MAX_BLOCK:
                seen.update(block)
        found: tuple[int, str, float] | None = None
        for index in sorted(seen):
            item, other = self._names[index]
            score = similarity(name, other)
            if score >= threshold and (found is None or score > found[2]):
                found = (item, other, score)
        return found


@dataclass(frozen=True)
class DuplicatePair:
    """A file row that looks like an earlier row of the file or a partner already in the session."""

    row: int  # row number in the file of the newcomer
    name: str  # its organisation name as in the file
    other_name: str  # the name it resembles
    score: float
    other_row: int | None = None  # when the other is an earlier row of the same file
    partner_id: int | None = None  # when the other is already on the sociale kaart

    def describe(self) -> str:
        """One Dutch line for the CLI report and the widget."""
        where = (
            f"rij {self.other_row} van hetzelfde bestand"
            if self.other_row is not None
            else "al op de sociale kaart van deze sessie"
        )
        return (
            f"rij {self.row}: '{self.name}' lijkt op '{self.other_name}' ({where}; "
            f"overeenkomst {nl.percent(self.score)})"
        )


def check_choice(choice: str | None) -> str | None:
    """A --duplicaten value, checked with a Dutch message."""
    if choice is None or choice in CHOICES:
        return choice
    raise ValidationError(
        f"Onbekende keuze '{choice}' voor --duplicaten; kies samenvoegen, overslaan of toevoegen."
    )
