"""The survey in a few Dutch lines for the command line (the files are written by render.survey_html)."""

from __future__ import annotations

from collections import Counter

from babel.dates import format_date

from wijktools.survey.result import SurveyResult

TYPE_NAMES = {
    "likert": ("stelling", "stellingen"),
    "enkele_keuze": ("keuzevraag", "keuzevragen"),
    "meerdere_keuzes": ("vraag met meer antwoorden", "vragen met meer antwoorden"),
    "getal": ("getalvraag", "getalvragen"),
    "open": ("open vraag", "open vragen"),
}


def summary_text(result: SurveyResult) -> str:
    """A few Dutch lines for the terminal; the same small-group rule as every other view."""
    day = (
        format_date(result.datum, format="long", locale="nl_NL") if result.datum else "zonder datum"
    )
    lines = [f"Enquête: {result.bestand} ({day})"]
    if result.suppressed:
        lines.append(f"Respondenten: {result.message}; er worden geen uitkomsten getoond.")
        return "\n".join(lines)
    lines.append(
        f"Respondenten: {result.n}; {result.dropped_count} kolom(men) met metagegevens "
        "(tijd, naam, e-mail) weggelaten."
    )
    if result.discipline_column:
        shown = [
            f"{g.name} {g.n}" + (f" ({', '.join(g.members)})" if g.members else "")
            for g in result.disciplines
            if not g.suppressed
        ]
        lines.append("Disciplines: " + ("; ".join(shown) if shown else result.message))
    else:
        lines.append("Disciplines: geen disciplinekolom gevonden (geen uitsplitsing).")
    kinds = Counter(q.type for q in result.questions)
    lines.append(
        f"Vragen: {len(result.questions)} ("
        + ", ".join(f"{n} {TYPE_NAMES[t][n != 1]}" for t, n in kinds.items())
        + ")"
    )
    if any(q.answers for q in result.questions):
        lines.append(result.open_statement)
    knelpunten = result.knelpunten()
    lines.append("Knelpunten uit de enquête:" if knelpunten else "Knelpunten uit de enquête: geen")
    lines += [f"- {k['toelichting']}" for k in knelpunten]
    return "\n".join(lines)
