"""Analyse an imported survey: summaries per question and discipline, with the n<5 rule everywhere."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd

from wijktools.survey.deidentify import deidentify
from wijktools.survey.groups import GroupStats, answered, plan_groups, summarise
from wijktools.survey.keywords import DEFAULT_KEYWORDS, group_answers, themes_of
from wijktools.survey.knelpunten import knelpunten
from wijktools.survey.model import (
    DISCIPLINE,
    LIKERT,
    OPEN,
    OTHER_GROUP,
    UNKNOWN_DISCIPLINE,
    Question,
    Survey,
    too_few,
)
from wijktools.survey.result import QuestionResult, SurveyResult


def _groups_for(
    q: Question, values: pd.Series, disc: pd.Series, min_group: int
) -> list[GroupStats]:
    """Per-discipline summaries that cannot reveal a small group, also not by subtraction."""
    mask = answered(q, values)
    counts = disc[mask].value_counts().to_dict()
    shown, small = plan_groups({str(k): int(v) for k, v in counts.items()}, min_group)
    if not shown:
        return [GroupStats(name, None, True, too_few(min_group)) for name in small]
    groups = []
    for label, members in shown:
        stats = summarise(q, values[disc.isin(members)], label, min_group)
        if label == OTHER_GROUP:
            stats.members = sorted(members)
        groups.append(stats)
    groups += [
        GroupStats(name, None, True, too_few(min_group), merged_into=OTHER_GROUP) for name in small
    ]
    return groups


def analyse(
    survey: Survey,
    min_group: int = 5,
    disagree_threshold: float = 40.0,
    theme_threshold: float = 20.0,
    theme_min: int = 3,
    *,
    open_antwoorden_ongewijzigd: bool = False,
    plaatsen: Iterable[str] = (),
) -> SurveyResult:
    """Summaries per question and discipline; every group under min_group is suppressed.

    Open answers are de-identified (survey.deidentify) before they reach any view, unless the
    adviser explicitly asks `open_antwoorden_ongewijzigd`; `plaatsen` (the wijk's own place
    names) stay readable.
    """
    keywords = survey.keywords or DEFAULT_KEYWORDS
    questions = [q for q in survey.questions if q.type != DISCIPLINE]
    common = {
        "bestand": survey.path.name,
        "datum": survey.datum,
        "min_group": min_group,
        "discipline_column": survey.discipline,
        "keywords": keywords,
        "disagree_threshold": disagree_threshold,
        "theme_threshold": theme_threshold,
        "theme_min": theme_min,
        "dropped_count": len(survey.dropped),
        "open_deidentified": not open_antwoorden_ongewijzigd,
    }
    if survey.n < min_group:
        hidden = [
            QuestionResult(
                q.column, q.type, q.scale, GroupStats(q.column, None, True, too_few(min_group))
            )
            for q in questions
        ]
        return SurveyResult(
            n=None, disciplines=[], questions=hidden, open_themes=[], open_n=None, **common
        )  # no knelpunten: the survey is too small to show anything
    data = survey.data
    disc = (
        data[survey.discipline].fillna(UNKNOWN_DISCIPLINE).astype(str)
        if survey.discipline
        else None
    )
    disciplines: list[GroupStats] = []
    if disc is not None:
        shown, small = plan_groups(disc.value_counts().to_dict(), min_group)
        for label, members in shown:
            size = int(disc.isin(members).sum())
            g = GroupStats(label, size, distribution=[(label, size, 100 * size / survey.n)])
            g.members = sorted(members) if label == OTHER_GROUP else []
            disciplines.append(g)
        merged = OTHER_GROUP if shown else None
        disciplines += [
            GroupStats(s, None, True, too_few(min_group), merged_into=merged) for s in small
        ]
    results = []
    for q in questions:
        values = data[q.column]
        total = summarise(q, values, "alle respondenten", min_group)
        result = QuestionResult(q.column, q.type, q.scale, total)
        if disc is not None and not total.suppressed and q.type != OPEN:
            result.groups = _groups_for(q, values, disc, min_group)
        if q.type == OPEN and not total.suppressed:
            # Sorted, not in file order, so an answer cannot be linked to a row of the export.
            result.answers = sorted(values.dropna().astype(str), key=str.casefold)
        results.append(result)
    replaced: Counter[str] = Counter()
    if not open_antwoorden_ongewijzigd:
        open_results = [r for r in results if r.answers]
        if open_results:  # deduce loads only when there is text to show
            clean = deidentify([a for r in open_results for a in r.answers], plaatsen)
            replaced = clean.counts
            position = 0
            for r in open_results:
                size = len(r.answers)
                r.answers = sorted(clean.texts[position : position + size], key=str.casefold)
                position += size
    for r in results:
        if r.answers:
            r.themes = group_answers(r.answers, keywords)
    open_cols = [q.column for q in questions if q.type == OPEN]
    open_themes: list[tuple[str, int]] = []
    open_n: int | None = None
    if open_cols:
        texts = data[open_cols].apply(lambda row: " | ".join(str(v) for v in row.dropna()), axis=1)
        texts = texts[texts != ""]
        if len(texts) >= min_group:
            open_n = len(texts)
            counts = {
                t: int(texts.map(lambda s, t=t: t in themes_of(s, keywords)).sum())
                for t in keywords
            }
            open_themes = sorted(((t, c) for t, c in counts.items() if c), key=lambda tc: -tc[1])
    survey_result = SurveyResult(
        open_replaced=replaced,
        n=survey.n,
        disciplines=disciplines,
        questions=results,
        open_themes=open_themes,
        open_n=open_n,
        **common,
    )
    survey_result.draft_knelpunten = knelpunten(survey_result)
    return survey_result


__all__ = ["LIKERT", "QuestionResult", "SurveyResult", "analyse"]
