"""Themes in open answers by keyword lists, so bottlenecks named in free text can be counted."""

from __future__ import annotations

import re

from wijktools.survey.model import norm

# Default themes for bottlenecks in primary-care collaboration; a mapping file can replace them.
DEFAULT_KEYWORDS: dict[str, list[str]] = {
    "Wachttijden en wachtlijsten": ["wachttijd", "wachtlijst", "lang wachten", "wachten"],
    "Bereikbaarheid": ["bereikbaar", "onbereikbaar", "terugbel", "telefonisch", "telefoon"],
    "Elkaar (niet) kennen": ["kennen elkaar", "ken elkaar", "niet weten wie", "wie ik moet",
                              "onbekend", "sociale kaart", "contactgegevens", "gezicht"],
    "Capaciteit en opnamestops": ["opnamestop", "capaciteit", "personeelstekort", "tekort",
                                  "werkdruk", "geen plek"],
    "Overdracht en informatie delen": ["overdracht", "informatie", "dossier", "privacy", "avg",
                                       "gegevens delen", "terugkoppeling", "terugkoppel"],
    "Tijd en financiering": ["geen tijd", "tijdgebrek", "financiering", "bekostiging",
                             "vergoeding", "declar"],
    "Verwijzen": ["verwijz", "doorverwijz"],
    "Overleg": ["overleg", "mdo", "samenkomen"],
}  # fmt: skip


def matches(answer: str, words: list[str]) -> bool:
    """A keyword matches at the start of a word, so 'verwijz' finds 'doorverwijzing' only via its own stem."""
    text = norm(answer)
    return any(re.search(r"(?<!\w)" + re.escape(norm(w)), text) for w in words)


def themes_of(answer: str, keywords: dict[str, list[str]]) -> list[str]:
    """All themes one answer touches."""
    return [theme for theme, words in keywords.items() if matches(answer, words)]


def group_answers(
    answers: list[str], keywords: dict[str, list[str]]
) -> list[tuple[str, list[str]]]:
    """Answers per theme (an answer may be in several), then the rest under 'overig'."""
    grouped = [(t, [a for a in answers if matches(a, w)]) for t, w in keywords.items()]
    grouped = sorted((g for g in grouped if g[1]), key=lambda g: -len(g[1]))
    rest = [a for a in answers if not themes_of(a, keywords)]
    return [*grouped, ("overig", rest)] if rest else grouped
