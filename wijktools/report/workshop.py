"""Report sections from the workshop itself: prioritised knelpunten with votes, afspraken and the wijkplan."""

from __future__ import annotations

import sqlite3
from typing import Any

from wijktools.figures import theme
from wijktools.report.model import (
    Cell,
    Figure,
    Report,
    Section,
    Table,
    TextBlock,
    clean,
    dutch_date,
)
from wijktools.report.sections import FIGURE_DPI, OPEN_STATUSES
from wijktools.store import connection as store
from wijktools.workshop import agreements, priorities, wijkplan

TOP_KNELPUNTEN = 5


def _vote_figure(result: Any) -> Figure:
    """Bar chart of one round's scores, highest on top."""
    rows = [r for r in result.rows if r.score > 0][:10] or result.rows[:10]
    labels = [_wrap(clean(r.title)) for r in rows][::-1]
    scores = [r.score for r in rows][::-1]
    unit = "stippen" if result.mode == "dots" else "impact × haalbaarheid"
    with theme.style():
        fig, ax = theme.new_figure(10, max(3.0, 0.6 * len(rows) + 1.5))
        ax.barh(labels, scores, color=theme.AREA)
        ax.set_xlabel(f"Score ({unit})")
        if result.mode == "dots":
            ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_title(f"Prioriteiten: {clean(result.title)}")
        for y, score in enumerate(scores):
            ax.text(
                score,
                y,
                f" {theme.fmt_number(score, 0 if result.mode == 'dots' else 1)}",
                va="center",
                fontsize=11,
            )
        source = f"Bron: stemming in de werksessie, {result.who_voted}"
        theme.add_source(fig, source)
        png = theme.to_png(fig, dpi=FIGURE_DPI)
    return Figure("stemming", png, f"Uitslag {clean(result.title)}", source)


def _wrap(text: str, width: int = 38) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)[:3]) or text


def _knelpunten_section(conn: sqlite3.Connection, session_id: int) -> Section:
    """Knelpunten in priority order with the result of every voting round."""
    section = Section("knelpunten", "Geprioriteerde knelpunten")
    ordered = priorities.priority_order(conn, session_id)
    if not ordered:
        section.notes.append("Er zijn nog geen knelpunten vastgelegd.")
        return section
    results = [r for r in priorities.session_results(conn, session_id) if r.participants]
    header = ["Rang", "Knelpunt", "Herkomst"] + [clean(r.title) for r in results]
    last = {row.knelpunt_id: row for row in results[-1].rows} if results else {}
    rows: list[list[Cell]] = []
    for position, k in enumerate(ordered, start=1):
        rank = last[k["id"]].rank_label if k["id"] in last else str(position)
        row: list[Cell] = [rank, clean(k["title"]), clean(k.get("origin"))]
        for entry in k["results"]:
            r = entry["row"]
            row.append(theme.fmt_number(r.score, 0 if entry["mode"] == "dots" else 1) if r else "–")
        rows.append(row)
    caption = (
        f"Volgorde volgens de laatste ronde ({clean(results[-1].title)}: {results[-1].who_voted})."
        if results
        else "Er is nog niet gestemd; volgorde zoals ingevoerd."
    )
    section.tables.append(
        Table("knelpunten", "Knelpunten en stemresultaten", header, rows, caption)
    )
    section.tables.append(
        Table(
            "top_knelpunten",
            "Top-knelpunten",
            ["Rang", "Knelpunt"],
            [r[:2] for r in rows[:TOP_KNELPUNTEN]],
        )
    )
    if results:
        section.figures.append(_vote_figure(results[-1]))
    return section


def _afspraken_rows(
    conn: sqlite3.Connection, session_id: int, partners: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Afspraken with the names of trekker, partners and knelpunt resolved by the agreements module."""
    raw = agreements.afspraken(conn, session_id)
    return [
        {
            "wat": clean(a["wat"]),
            "knelpunt": clean(a.get("knelpunt")),
            "trekker": clean(a.get("trekker")),
            "betrokken": ", ".join(clean(x) for x in a.get("betrokken_namen") or [] if x),
            "wanneer": dutch_date(a["deadline"]) if a.get("deadline") else clean(a.get("period")),
            "deadline": a.get("deadline") or "",
            "status": clean(a.get("status")),
            "coordinatie": clean(a.get("coordination")),
            "evaluatie": clean(a.get("evaluation")),
        }
        for a in raw
    ]


def _afspraken_section(
    conn: sqlite3.Connection, session_id: int, partners: list[dict[str, Any]], report: Report
) -> Section:
    """The samenwerkingsafspraken as one table; open ones also feed the next steps."""
    section = Section("afspraken", "Samenwerkingsafspraken")
    items = [a for a in _afspraken_rows(conn, session_id, partners) if a["status"] != "vervallen"]
    if not items:
        section.notes.append("Er zijn nog geen samenwerkingsafspraken vastgelegd.")
        return section
    section.tables.append(
        Table(
            "afspraken",
            "Samenwerkingsafspraken",
            [
                "Afspraak",
                "Knelpunt",
                "Trekker",
                "Betrokken",
                "Wanneer",
                "Coördinatie",
                "Status",
                "Evaluatie",
            ],
            [
                [
                    a["wat"],
                    a["knelpunt"],
                    a["trekker"],
                    a["betrokken"],
                    a["wanneer"],
                    a["coordinatie"],
                    a["status"],
                    a["evaluatie"],
                ]
                for a in items
            ],
        )
    )
    upcoming = sorted(
        (a for a in items if a["status"] in OPEN_STATUSES),
        key=lambda a: (a["deadline"] or "9999", a["wat"].casefold()),
    )
    for a in upcoming[:6]:
        who = f" (trekker: {a['trekker']})" if a["trekker"] else ""
        when = f", {a['wanneer']}" if a["wanneer"] else ""
        report.next_steps.append(f"{a['wat']}{who}{when}")
    return section


# Wijkplan blocks whose default text only introduces what other sections already show.
SHOWN_ELSEWHERE = ("context", "prioriteiten", "afspraken", "interventies")


def _wijkplan_blocks(conn: sqlite3.Connection, session_id: int) -> list[TextBlock]:
    """Edited text blocks always; default texts only where they add something."""
    return [
        TextBlock(clean(b["text"]), clean(b["heading"]))
        for key, b in wijkplan.blocks(conn, session_id).items()
        if b.get("edited") or key not in SHOWN_ELSEWHERE
    ]


def _wijkplan_section(conn: sqlite3.Connection, session_id: int) -> Section | None:
    """Wijkplan text blocks and interventions."""
    section = Section("wijkplan", "Wijkplan")
    section.texts += _wijkplan_blocks(conn, session_id)
    rows: list[list[Cell]] = [
        [
            clean(i["title"]),
            clean(i.get("aim")),
            clean(i.get("partners")),
            clean(i.get("planning")),
        ]
        for i in store.rows(conn, "interventions", {"session_id": session_id})
    ]
    if rows:
        section.tables.append(
            Table(
                "interventies",
                "Interventies",
                ["Interventie", "Doel", "Partners", "Planning"],
                rows,
            )
        )
    if not section.texts and not section.tables:
        section.notes.append("Het wijkplan is nog niet ingevuld.")
    return section
