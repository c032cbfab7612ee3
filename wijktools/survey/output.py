"""Survey outputs for the command line: a Dutch summary and enquete.json + enquete.html, atomically."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from babel.dates import format_date

from wijktools.paths import inside, write_text_atomic
from wijktools.survey.html import render_html_page
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
    lines = [
        f"Enquête: {result.bestand} ({format_date(result.datum, format='long', locale='nl_NL')})"
    ]
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


def write_outputs(result: SurveyResult, folder: Path) -> list[Path]:
    """enquete.json and a standalone enquete.html, each written atomically inside folder."""
    json_path = inside(folder, "enquete.json")
    html_path = inside(folder, "enquete.html")
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    page = render_html_page(result)  # rendered before anything is written
    return [write_text_atomic(json_path, text + "\n"), write_text_atomic(html_path, page)]
