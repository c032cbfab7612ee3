"""The result of a survey analysis: what a view may show, never raw answers (the n<5 rule applied)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from wijktools.survey.deidentify import statement
from wijktools.survey.groups import GroupStats
from wijktools.survey.model import OPEN, too_few

SOURCE = "enquête onder professionals"
# The open-answer line of a survey kept with a werksessie: its answers were never stored.
STATEMENT_NOT_KEPT = (
    "De open antwoorden zelf zijn niet bij de werksessie bewaard en staan niet in deze uitvoer; "
    "alleen de thema's en hoe vaak ze genoemd zijn."
)


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
        if self.type == OPEN and not self.total.suppressed and (self.answers or self.themes):
            out["antwoorden"] = list(self.answers)
            out["themas"] = [
                {"thema": t, "aantal": len(a), "antwoorden": a} for t, a in self.themes
            ]
        return out

    @classmethod
    def from_dict(cls, data: dict) -> QuestionResult:
        """Read back the to_dict shape; a question of a suppressed survey keeps only its name."""
        total = data.get("totaal") or {
            "groep": "",
            "onderdrukt": True,
            "melding": data.get("melding"),
        }
        return cls(
            data["vraag"],
            data.get("type", ""),
            data.get("schaal"),
            GroupStats.from_dict(total),
            [GroupStats.from_dict(g) for g in data.get("per_discipline", [])],
            list(data.get("antwoorden", [])),
            [(t["thema"], list(t["antwoorden"])) for t in data.get("themas", [])],
        )


@dataclass
class SurveyResult:
    """Everything a view needs; views never see raw answers, only what may be shown."""

    bestand: str
    datum: date | None  # None only when read back from JSON without a date
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
    draft_knelpunten: list[dict] = field(default_factory=list)
    open_deidentified: bool = True
    open_replaced: Counter[str] = field(default_factory=Counter)
    note: str = ""  # the message as read back from JSON (from_dict); empty: too_few(min_group)
    open_answers_kept: bool = True  # False: the text of every open answer was left out

    @property
    def open_statement(self) -> str:
        """Whether open answers were de-identified (and what was replaced), in Dutch."""
        if not self.open_answers_kept:
            return STATEMENT_NOT_KEPT
        return statement(self.open_deidentified, self.open_replaced)

    def without_answer_text(self) -> SurveyResult:
        """The result to keep with a session: counts, themes and knelpunten, no answer's text."""
        return replace(
            self,
            questions=[replace(q, answers=[], themes=[]) for q in self.questions],
            open_replaced=Counter(),
            open_answers_kept=False,
        )

    @property
    def suppressed(self) -> bool:
        """The whole survey has fewer respondents than min_group: nothing is shown."""
        return self.n is None

    @property
    def message(self) -> str:
        """The text shown instead of any too-small group."""
        return self.note or too_few(self.min_group)

    @property
    def source_line(self) -> str:
        """Source line under every figure and table."""
        from babel.dates import format_date

        count = f"n = {self.n}" if self.n is not None else f"n < {self.min_group}"
        if self.datum is None:  # read back from JSON without a date
            return f"Bron: {SOURCE}; {count}"
        return f"Bron: {SOURCE}, {format_date(self.datum, format='long', locale='nl_NL')}; {count}"

    def knelpunten(self) -> list[dict]:
        """Draft knelpunten from the field, in the profile's shape with bron 'enquête'."""
        return list(self.draft_knelpunten)

    def to_dict(self) -> dict:
        """JSON-serialisable; no personal columns, no counts of groups under min_group."""
        out: dict = {
            "bron": SOURCE,
            "bestand": self.bestand,
            "datum": self.datum.isoformat() if self.datum else None,
            "bronregel": self.source_line,
            "min_groep": self.min_group,
            "onderdrukt": self.suppressed,
            "aantal_respondenten": self.n,
            "aantal_verwijderde_metagegevenskolommen": self.dropped_count,
            "open_antwoorden_gedeidentificeerd": self.open_deidentified,
            "open_antwoorden_vervangen": dict(sorted(self.open_replaced.items())),
            "open_antwoorden_melding": self.open_statement,
        }
        if not self.open_answers_kept:
            out["open_antwoorden_bewaard"] = False
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

    @classmethod
    def from_dict(cls, data: dict) -> SurveyResult:
        """Read back the to_dict shape (its JSON form), one field name each."""
        open_part = data.get("open_antwoorden") or {}
        rules = data.get("regels") or {}
        return cls(
            bestand=data.get("bestand", ""),
            datum=date.fromisoformat(data["datum"]) if data.get("datum") else None,
            n=None if data.get("onderdrukt") else data.get("aantal_respondenten"),
            min_group=data.get("min_groep", 5),
            discipline_column=data.get("disciplinekolom"),
            disciplines=[GroupStats.from_dict(g) for g in data.get("disciplines", [])],
            questions=[QuestionResult.from_dict(q) for q in data.get("vragen", [])],
            keywords={},
            open_themes=[(t["thema"], t["aantal"]) for t in open_part.get("themas", [])],
            open_n=None if open_part.get("onderdrukt") else open_part.get("respondenten"),
            disagree_threshold=rules.get("oneens_drempel_percentage", 40.0),
            theme_threshold=rules.get("thema_drempel_percentage", 20.0),
            theme_min=rules.get("thema_minimum_aantal", 3),
            dropped_count=data.get("aantal_verwijderde_metagegevenskolommen", 0),
            draft_knelpunten=list(data.get("knelpunten", [])),
            open_deidentified=data.get("open_antwoorden_gedeidentificeerd", True),
            open_replaced=Counter(data.get("open_antwoorden_vervangen", {})),
            note=data.get("melding", ""),
            open_answers_kept=data.get("open_antwoorden_bewaard", True),
        )
