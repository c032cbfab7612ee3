"""Builds each report section from the store, the profile summary and the survey result; absent sources leave a Dutch note."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wijktools import network, nl
from wijktools.figures import network as network_figure
from wijktools.figures import theme
from wijktools.network import quality
from wijktools.report.model import (
    CONTACT_FIELDS,
    Cell,
    Figure,
    KeyFigure,
    Report,
    Section,
    Table,
    TextBlock,
    clean,
    dutch_date,
)
from wijktools.report.profile import ProfileSummary
from wijktools.store import connection as store

if TYPE_CHECKING:  # the survey stack loads only when a survey is given
    from matplotlib.figure import Figure as MplFigure

    from wijktools.survey.result import SurveyResult

OPEN = "open"  # the survey's open question type (survey.model.OPEN)

FIGURE_DPI = 180  # sharp in PDF and Word at 16 cm, small enough for an e-mail

PARTNER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("organisatie", "Organisatie"),
    ("discipline", "Discipline"),
    ("expertise", "Expertise"),
    ("werkdagen", "Werkdagen"),
    ("opnamestop", "Opnamestop"),
    ("adres", "Adres"),
    ("postcode", "Postcode"),
    ("website", "Website"),
    ("voorkeur_contact", "Voorkeur contact"),
    ("opmerkingen", "Opmerkingen"),
    ("laatst_gecontroleerd", "Laatst gecontroleerd"),
    ("contactpersoon", "Contactpersoon"),
    ("telefoon", "Telefoon"),
    ("email", "E-mail"),
)
OPEN_STATUSES = ("voorgesteld", "afgesproken", "loopt")


def _profile_section(profile: ProfileSummary | None, report: Report) -> Section:
    """Key figures, tables, figures and sources of the wijkprofiel, as report.profile made them."""
    section = Section("profiel", "Wijkprofiel")
    if profile is None:
        section.notes.append(
            "Het wijkprofiel is niet meegegeven; maak het in notebook 01-wijkprofiel en exporteer opnieuw."
        )
        return section
    if profile.melding:
        section.notes.append(clean(profile.melding))
    section.intro = profile.intro
    section.key_figures += profile.key_figures
    section.tables += profile.tables
    if profile.toelichting:
        section.texts.append(
            TextBlock("\n\n".join(profile.toelichting), "Toelichting bij de cijfers")
        )
    section.figures += profile.figures
    for attribution in profile.attribution:
        if attribution not in report.attribution:
            report.attribution.append(attribution)
    return section


# --- survey ---------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return nl.percent(value) if isinstance(value, int | float) else "–"


def _survey_section(survey: SurveyResult | None, figures: list[Figure]) -> Section:
    """Respondents per discipline and per-question summaries; groups under 5 never appear."""
    section = Section("enquete", "Enquête onder professionals")
    if survey is None:
        section.notes.append(
            "Er is geen enquête onder de professionals bij deze sessie ingelezen. Lees haar in met "
            "wijktools knelpunten overnemen --sessie N --enquete BESTAND; dan staat ze in elke "
            "volgende export."
        )
        return section
    source = clean(survey.source_line)
    if survey.suppressed:
        section.notes.append(clean(survey.message))
        return section
    section.key_figures.append(KeyFigure("Respondenten", theme.fmt_number(survey.n), source))
    groups = [g for g in survey.disciplines if not g.suppressed]
    if groups:
        section.tables.append(
            Table(
                "respondenten",
                "Respondenten per discipline",
                ["Discipline", "Aantal"],
                [[clean(g.name), g.n] for g in groups],
                source,
            )
        )
    rows: list[list[Cell]] = []
    for question in survey.questions:
        total = question.total
        if total.suppressed or question.type == OPEN:
            continue
        # Rounded once, for display: 10 of 22 is 45 %, not 45.5 rounded again to 46 %.
        agree = None if total.negative_pct is None else total.positive_pct or 0.0
        disagree = total.negative_pct
        mean = "–" if total.mean is None else theme.fmt_number(round(total.mean, 1), 1)
        rows.append([clean(question.column), total.n, _pct(agree), _pct(disagree), mean])
    if rows:
        section.tables.append(
            Table(
                "vragen",
                "Uitkomsten per vraag (alle respondenten)",
                ["Vraag", "n", "Eens", "Oneens", "Gemiddelde"],
                rows,
                source,
            )
        )
    section.figures += figures
    if any(q.type == OPEN for q in survey.questions):
        section.notes.append(clean(survey.open_statement))
    themes = survey.open_themes if survey.open_n is not None else []
    if themes:
        section.tables.append(
            Table(
                "themas",
                "Thema's in de open antwoorden",
                ["Thema", "Aantal antwoorden"],
                [[clean(name), count] for name, count in themes],
                source,
            )
        )
    return section


# --- sociale kaart --------------------------------------------------------------------------


def _partners(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    return store.rows(conn, "ketenpartners", {"session_id": session_id}, order_by="organisatie")


def _opnamestop(p: Mapping[str, Any]) -> str:
    if not p.get("opnamestop"):
        return "nee"
    parts = ["ja"]
    if p.get("opnamestop_sinds"):
        parts.append(f"sinds {dutch_date(p['opnamestop_sinds'])}")
    if p.get("opnamestop_tot"):
        parts.append(f"tot {dutch_date(p['opnamestop_tot'])}")
    return " ".join(parts)


def _partner_table(partners: list[dict[str, Any]], with_contact: bool) -> Table:
    """The full sociale kaart; contact details of persons only when asked for."""
    columns = [c for c in PARTNER_COLUMNS if with_contact or c[0] not in CONTACT_FIELDS]
    # The capacity columns (issue 18) follow, each only when some partner filled it in.
    columns += [
        (field, label)
        for label, field in network.CAPACITY_COLUMNS.items()
        if any(p.get(field) is not None for p in partners)
    ]
    rows: list[list[Cell]] = []
    for p in partners:
        row: list[Cell] = []
        for key, _label in columns:
            if key == "opnamestop":
                row.append(_opnamestop(p))
            elif key == "laatst_gecontroleerd":
                row.append(dutch_date(p.get(key)))
            elif key in network.CAPACITY_COLUMNS.values():
                value = p.get(key)
                row.append(network.field_text(key, value) if key in network.FTE_FIELDS else value)
            else:
                row.append(clean(p.get(key)))
        rows.append(row)
    checked = [_iso_date(p.get("laatst_gecontroleerd")) for p in partners]
    fte = {
        label: [None if p.get(key) is None else float(p[key]) for p in partners]
        for key, label in columns
        if key in network.FTE_FIELDS
    }
    return Table(
        "sociale_kaart",
        "Sociale kaart",
        [label for _k, label in columns],
        rows,
        dates={"Laatst gecontroleerd": checked},
        numbers=fte,
    )


def _iso_date(value: object) -> dt.date | None:
    """The stored ISO date as a date (for spreadsheets); anything else stays text only."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


DISCIPLINE_SOURCE = "Bron: sociale kaart van de werksessie"


def discipline_chart(partners: list[dict[str, Any]]) -> MplFigure:
    """Ketenpartners per discipline, for the medium drawn for (report page or slide)."""
    counts = Counter(clean(p["discipline"]) for p in partners)
    labels = sorted(counts, key=lambda d: (-counts[d], d))
    with theme.style():
        fig, ax = theme.new_figure(9, max(2.5, 0.45 * len(labels) + 1.2))
        ax.barh(labels[::-1], [counts[d] for d in labels[::-1]], color=theme.AREA)
        ax.set_xlabel("Aantal ketenpartners")
        ax.set_title("Ketenpartners per discipline")
        ax.xaxis.get_major_locator().set_params(integer=True)
        theme.add_source(fig, DISCIPLINE_SOURCE)
    return fig


def _discipline_figure(partners: list[dict[str, Any]], dpi: int = FIGURE_DPI) -> Figure:
    with theme.style():
        png = theme.to_png(discipline_chart(partners), dpi=dpi)
    return Figure("disciplines", png, "Ketenpartners per discipline", DISCIPLINE_SOURCE)


def _network_figure(conn: sqlite3.Connection, session_id: int) -> Figure | None:
    """The netwerkkaart of the session's partners and relations (None when there is nothing to draw)."""
    png = network_figure.png(conn, session_id)
    if not png:
        return None
    return Figure("netwerkkaart", png, "Netwerkkaart van de ketenpartners", "Bron: werksessie")


def _sociale_kaart_section(
    conn: sqlite3.Connection, session_id: int, partners: list[dict[str, Any]], table: Table
) -> Section:
    """Summary of the sociale kaart, the partner list and the netwerkkaart."""
    section = Section("sociale_kaart", "Sociale kaart en netwerk")
    if not partners:
        section.notes.append("Er zijn nog geen ketenpartners vastgelegd voor deze sessie.")
        return section
    stops = sum(1 for p in partners if p.get("opnamestop"))
    disciplines = {p["discipline"] for p in partners}
    section.key_figures += [
        KeyFigure("Ketenpartners", str(len(partners))),
        KeyFigure("Disciplines", str(len(disciplines))),
        KeyFigure("Met opnamestop", str(stops)),
    ]
    relations = store.rows(conn, "relations", {"session_id": session_id})
    section.key_figures.append(KeyFigure("Samenwerkingsrelaties", str(len(relations))))
    for name, score in quality.means(network.relations(conn, session_id)).items():
        if score.mean is not None:  # only with enough scored relations (quality.MIN_SCORED)
            section.key_figures.append(
                KeyFigure(f"{quality.MEAN_LABELS[name]} (1-4)", score.mean_text)
            )
            section.notes.append(f"{quality.MEAN_LABELS[name]}: {score.label}. {quality.SOURCE}.")
    missing = network.missing_disciplines(conn, session_id)
    if missing:
        section.texts.append(
            TextBlock(", ".join(clean(m) for m in missing), "Disciplines die nog ontbreken")
        )
    section.figures.append(_discipline_figure(partners))
    netwerkkaart = _network_figure(conn, session_id)
    if netwerkkaart is not None:
        section.figures.append(netwerkkaart)
    else:
        section.notes.append("De netwerkkaart is in deze versie nog niet beschikbaar.")
    wanted = (
        "Organisatie",
        "Discipline",
        "Opnamestop",
        "Website",
        "Contactpersoon",
        "Telefoon",
        "E-mail",
    )
    short = [c for c in wanted if c in table.header]  # contact columns only when asked for
    index = [table.header.index(c) for c in short]
    section.tables.append(
        Table(
            "ketenpartners",
            "Ketenpartners",
            short,
            [[row[i] for i in index] for row in table.rows],
            "De volledige sociale kaart staat in het Excel-bestand.",
        )
    )
    return section
