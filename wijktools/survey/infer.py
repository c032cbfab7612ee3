"""Recognise what a survey column is without a mapping: metadata to drop, discipline, question type."""

from __future__ import annotations

import re

from wijktools.survey.model import (
    DISCIPLINE,
    LIKERT,
    MULTIPLE,
    NO_OPINION,
    NUMBER,
    OPEN,
    SCALES,
    SINGLE,
    level_of,
    norm,
)

# Headers as Microsoft Forms (nl/en), Google Forms (nl/en), LimeSurvey (nl/en) and paper lists write
# them for respondent metadata. They are dropped on import and never kept: they identify persons.
METADATA_HEADERS = {
    # Microsoft Forms
    "id", "begintijd", "tijd van voltooiing", "e-mail", "email", "naam", "name",
    "tijd van laatste wijziging", "tijdstip van begin", "tijdstip van voltooiing",
    "tijdstip van laatste wijziging", "start time", "completion time", "last modified time",
    # Google Forms
    "tijdstempel", "timestamp", "e-mailadres", "emailadres", "email address", "e-mail address",
    # LimeSurvey
    "antwoord id", "response id", "datum verstuurd", "date submitted", "submitdate",
    "laatste pagina", "last page", "lastpage", "starttaal", "start language", "startlanguage",
    "seed", "datum gestart", "date started", "startdate", "datum laatste actie",
    "date last action", "datestamp", "ip-adres", "ip address", "ipaddr", "referrer url",
    "verwijzende url", "refurl", "token", "toegangscode", "access code", "totale tijd",
    "total time", "interviewtime",
    # typed paper lists
    "nr", "nr.", "nummer", "volgnummer", "respondent", "respondentnummer", "formulier",
    "ingevoerd door", "invoerder", "datum invoer", "telefoon", "telefoonnummer", "adres",
    "voornaam", "achternaam", "naam respondent", "organisatie naam",
    # Forms quizzes
    "punten", "totaal aantal punten", "total points", "quiz feedback", "feedback van de quiz",
    "tijd waarop cijfers zijn gepost", "grade posted time",
}  # fmt: skip
# The date of the survey is taken from these before they are dropped (date only, no times).
COMPLETION_HEADERS = (
    "tijd van voltooiing",
    "tijdstip van voltooiing",
    "completion time",
    "tijdstempel",
    "timestamp",
    "datum verstuurd",
    "date submitted",
    "submitdate",
)
DISCIPLINE_WORDS = ("discipline", "beroep", "functie", "profession", "occupation")
NUMBER_WORDS = (
    "aantal",
    "hoeveel",
    "jaren",
    "jaar",
    "leeftijd",
    "uren",
    "uur",
    "number",
    "how many",
)
# Questions starting like this ask for free text; their answers are open unless very short.
OPEN_WORDS = ("wat ", "waarom", "hoe zou", "welke verbeter", "toelichting", "opmerking", "suggestie",
              "beschrijf", "what ", "why", "comment", "any other")  # fmt: skip
# A column headed like this holds remarks, however short or alike: never options to merge.
REMARK_WORDS = ("toelichting", "opmerking", "suggestie", "comment")
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


# Quiz scoring columns Forms adds per question, LimeSurvey timings: not answers.
METADATA_PREFIXES = ("grouptime", "groeptijd", "vraagtijd", "punten - ", "points - ", "feedback - ")
# Short headers that ask who the respondent is ('Uw naam', 'E-mailadres (optioneel)').
_PERSONAL = re.compile(
    r"^(uw |jouw |your )?(volledige |full )?(naam|name|e-?mail(adres| address)?|"
    r"telefoon(nummer)?|phone( number)?|mobiel(e nummer)?)\b"
)


def is_metadata(header: str) -> bool:
    """Metadata and personal columns, by the headers the tools write; never kept."""
    key = norm(header)
    if key in METADATA_HEADERS or key.startswith(METADATA_PREFIXES):
        return True
    return len(key) <= 40 and _PERSONAL.match(key) is not None


def is_discipline(header: str) -> bool:
    """The respondent's discipline, by the words surveys use for it."""
    key = norm(header)
    return any(word in key for word in DISCIPLINE_WORDS)


def parse_number(value: str) -> float | None:
    """Numbers as typed in Dutch (3,5) or English (3.5); None when it is not a number."""
    text = norm(value).replace(" ", "")
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text.replace(",", "."))
    # 400 typed nines become infinity; no survey answer is beyond a trillion.
    return number if abs(number) <= 1e12 else None


def likert_scale(values: list[str]) -> str | None:
    """The scale every substantive answer fits on, preferring labelled scales over bare digits."""
    answers = [v for v in values if norm(v) not in NO_OPINION]
    if not answers:
        return None
    for scale in ("eens", "frequentie"):
        texts = [v for v in answers if not re.fullmatch(r"[1-5](\.0+)?", norm(v))]
        if texts and all(level_of(v, scale) is not None for v in answers):
            return scale
    if all(level_of(v, "cijfer") is not None for v in answers):
        return "cijfer"
    return None


def near_likert(values: list[str], share: float = 0.75) -> str | None:
    """Mostly scale labels with a few typing errors: Likert, so the errors get reported by cell."""
    answers = [v for v in values if norm(v) not in NO_OPINION]
    for scale in ("eens", "frequentie"):
        fitting = [v for v in answers if level_of(v, scale) is not None]
        labelled = [v for v in fitting if not re.fullmatch(r"[1-5](\.0+)?", norm(v))]
        if answers and labelled and len(fitting) >= share * len(answers):
            return scale
    return None


def best_scale(values: list[str]) -> str:
    """For a column mapped as Likert: the scale most answers fit, so the rest can be reported."""
    answers = [v for v in values if norm(v) not in NO_OPINION]

    def fits(scale: str) -> int:
        return sum(level_of(v, scale) is not None for v in answers)

    labelled = max(("eens", "frequentie"), key=fits)
    if fits(labelled) > fits("cijfer") or any(
        not re.fullmatch(r"[1-5](\.0+)?", norm(v)) and level_of(v, labelled) is not None
        for v in answers
    ):
        return labelled
    return "cijfer"


def split_multiple(value: str) -> list[str]:
    """Forms writes 'a;b;' in one cell; Google Forms 'a, b'; both become a list of options."""
    sep = ";" if ";" in value else ","
    return [part.strip() for part in value.split(sep) if part.strip()]


def infer_type(header: str, values: list[str]) -> tuple[str, str | None]:
    """Guess the question type from header and answers; (type, Likert scale or None)."""
    if is_discipline(header):
        return DISCIPLINE, None
    if not values:
        return OPEN, None
    numbers = [parse_number(v) for v in values]
    numeric_header = any(word in norm(header) for word in NUMBER_WORDS)
    scale = likert_scale(values)
    if scale and not (scale == "cijfer" and (numeric_header or len(set(values)) < 2)):
        return LIKERT, scale
    if all(n is not None for n in numbers):
        return NUMBER, None
    if all(v.rstrip().endswith(";") for v in values):  # Forms: 'a;b;' (Google needs a mapping)
        return MULTIPLE, None
    near = near_likert(values)
    if near:
        return LIKERT, near
    if norm(header).startswith(REMARK_WORDS):
        return OPEN, None
    distinct = {norm(v) for v in values}
    average_length = sum(len(v) for v in values) / len(values)
    open_header = norm(header).startswith(OPEN_WORDS)
    short = average_length <= (20 if open_header else 40)
    if short and len(distinct) <= max(2, min(12, len(values) // 2)):
        return SINGLE, None
    return OPEN, None


__all__ = [
    "COMPLETION_HEADERS",
    "SCALES",
    "best_scale",
    "infer_type",
    "is_discipline",
    "is_metadata",
    "likert_scale",
    "parse_number",
    "split_multiple",
]
