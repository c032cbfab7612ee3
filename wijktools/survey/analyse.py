"""Analyse an imported survey: summaries per question and discipline, with the n<5 rule everywhere."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from wijktools.survey.deidentify import deidentify, statement
from wijktools.survey.groups import GroupStats, answered, plan_groups, summarise
from wijktools.survey.keywords import DEFAULT_KEYWORDS, group_answers, themes_of
from wijktools.survey.model import (
    DISCIPLINE,
    LIKERT,
    NEGATIVE_WORDS,
    OPEN,
    OTHER_GROUP,
    UNKNOWN_DISCIPLINE,
    Question,
    Survey,
    too_few,
)

SOURCE = "enquête onder professionals"


@dataclass
class QuestionResult:
    """One question: the whole group, the discipline groups, and (open questions) the answers."""

    column: str
    type: str
    scale: str | None
    total: GroupStats
    groups: list[GroupStats] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    themes: list[tuple[str, list[str]]] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON shape; suppressed parts carry only the message."""
        out: dict = {"vraag": self.column, "type": self.type, "totaal": self.total.to_dict()}
        if self.scale:
            out["schaal"] = self.scale
        if self.groups:
            out["per_discipline"] = [g.to_dict() for g in self.groups]
        if self.type == OPEN and not self.total.suppressed:
            out["antwoorden"] = list(self.answers)
            out["themas"] = [
                {"thema": t, "aantal": len(a), "antwoorden": a} for t, a in self.themes
            ]
        return out


@dataclass
class SurveyResult:
    """Everything a view needs; views never see raw answers, only what may be shown."""

    bestand: str
    datum: date
    n: int | None  # None when the whole survey is too small
    min_group: int
    discipline_column: str | None
    disciplines: list[GroupStats]
    questions: list[QuestionResult]
    keywords: dict[str, list[str]]
    open_themes: list[tuple[str, int]]
    open_n: int | None
    disagree_threshold: float = 40.0
    theme_threshold: float = 20.0
    theme_min: int = 3
    dropped_count: int = 0
    open_deidentified: bool = True
    open_replaced: Counter[str] = field(default_factory=Counter)

    @property
    def open_statement(self) -> str:
        """Whether open answers were de-identified (and what was replaced), in Dutch."""
        return statement(self.open_deidentified, self.open_replaced)

    @property
    def suppressed(self) -> bool:
        """The whole survey has fewer respondents than min_group: nothing is shown."""
        return self.n is None

    @property
    def message(self) -> str:
        """The text shown instead of any too-small group."""
        return too_few(self.min_group)

    @property
    def source_line(self) -> str:
        """Source line under every figure and table."""
        from babel.dates import format_date

        count = f"n = {self.n}" if self.n is not None else f"n < {self.min_group}"
        return f"Bron: {SOURCE}, {format_date(self.datum, format='long', locale='nl_NL')}; {count}"

    def knelpunten(self) -> list[dict]:
        """Draft knelpunten from the field, in the profile's shape with bron 'enquête'."""
        from wijktools.survey.knelpunten import knelpunten

        return knelpunten(self)

    def to_dict(self) -> dict:
        """JSON-serialisable; no personal columns, no counts of groups under min_group."""
        out: dict = {
            "bron": SOURCE,
            "bestand": self.bestand,
            "datum": self.datum.isoformat(),
            "bronregel": self.source_line,
            "min_groep": self.min_group,
            "onderdrukt": self.suppressed,
            "aantal_respondenten": self.n,
            "aantal_verwijderde_metagegevenskolommen": self.dropped_count,
            "open_antwoorden_gedeidentificeerd": self.open_deidentified,
            "open_antwoorden_vervangen": dict(sorted(self.open_replaced.items())),
            "open_antwoorden_melding": self.open_statement,
        }
        if self.suppressed:
            out["melding"] = self.message
            out["vragen"] = [
                {"vraag": q.column, "type": q.type, "onderdrukt": True, "melding": self.message}
                for q in self.questions
            ]
            out["knelpunten"] = []
            return out
        out["disciplinekolom"] = self.discipline_column
        out["disciplines"] = [g.to_dict() for g in self.disciplines]
        out["vragen"] = [q.to_dict() for q in self.questions]
        out["open_antwoorden"] = (
            {
                "respondenten": self.open_n,
                "themas": [{"thema": t, "aantal": c} for t, c in self.open_themes],
            }
            if self.open_n is not None
            else {"onderdrukt": True, "melding": self.message}
        )
        out["regels"] = {
            "oneens_drempel_percentage": self.disagree_threshold,
            "thema_drempel_percentage": self.theme_threshold,
            "thema_minimum_aantal": self.theme_min,
        }
        out["knelpunten"] = self.knelpunten()
        return out


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
        )
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
    return SurveyResult(
        open_replaced=replaced,
        n=survey.n,
        disciplines=disciplines,
        questions=results,
        open_themes=open_themes,
        open_n=open_n,
        **common,
    )


def negative_words(scale: str | None) -> tuple[str, str, str]:
    """How the low end of a scale is named in a knelpunt: title start, phrase, rule template."""
    return NEGATIVE_WORDS.get(scale or "cijfer", NEGATIVE_WORDS["eens"])


__all__ = ["LIKERT", "QuestionResult", "SurveyResult", "analyse", "negative_words"]
