"""Draft knelpunten from the survey, each with its rule and value visible, in the profile's dict shape."""

from __future__ import annotations

from wijktools.nl import fmt_number
from wijktools.survey.model import LIKERT, NEGATIVE_WORDS
from wijktools.survey.result import SurveyResult

MAX_STATEMENTS = 5
MAX_THEMES = 5


def _pct(value: float) -> str:
    """Dutch percentage as in the rest of the workbook: '62 %'."""
    return f"{fmt_number(value, 0)} %"


def negative_words(scale: str | None) -> tuple[str, str, str]:
    """How the low end of a scale is named in a knelpunt: title start, phrase, rule template."""
    return NEGATIVE_WORDS.get(scale or "cijfer", NEGATIVE_WORDS["eens"])


def knelpunten(result: SurveyResult) -> list[dict]:
    """Statements most disagreed with and bottleneck themes most named; empty when suppressed."""
    if result.suppressed:
        return []
    items: list[dict] = []
    statements = [
        q
        for q in result.questions
        if q.type == LIKERT
        and not q.total.suppressed
        and (q.total.negative_pct or 0) >= result.disagree_threshold
    ]
    statements.sort(key=lambda q: -(q.total.negative_pct or 0))
    for q in statements[:MAX_STATEMENTS]:
        title, phrase, rule = negative_words(q.scale)
        pct = q.total.negative_pct or 0.0
        items.append(
            {
                "titel": f"{title} '{q.column}'",
                "toelichting": f"{_pct(pct)} {phrase} '{q.column}' (n = {q.total.n}).",
                "bron": "enquête",
                "regel": rule.format(t=_pct(result.disagree_threshold)),
                "waarde": round(pct, 1),
            }
        )
    if result.open_n is not None:
        for theme, count in result.open_themes[:MAX_THEMES]:
            share = 100 * count / result.open_n
            if count < result.theme_min or share < result.theme_threshold:
                continue
            words = ", ".join(result.keywords[theme])
            items.append(
                {
                    "titel": f"Genoemd knelpunt: {theme}",
                    "toelichting": (
                        f"{count} van de {result.open_n} respondenten met een open antwoord "
                        f"({_pct(share)}) noemen het thema '{theme}' (trefwoorden: {words})."
                    ),
                    "bron": "enquête",
                    "regel": (
                        f"thema in open antwoorden genoemd door ten minste "
                        f"{_pct(result.theme_threshold)} en minstens {result.theme_min} respondenten"
                    ),
                    "waarde": count,
                }
            )
    return items
