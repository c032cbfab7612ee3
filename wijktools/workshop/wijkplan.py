"""The wijkplan: context, chosen knelpunten with votes, interventions and afspraken, as plain data + HTML."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wijktools import nl
from wijktools.errors import ValidationError
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import agreements, knelpunten, priorities

DEFAULT_BLOCKS: dict[str, tuple[str, str]] = {
    "inleiding": (
        "Inleiding",
        "In dit wijkplan staan de knelpunten die de zorg- en welzijnspartners in de wijk samen "
        "belangrijk vinden, en de afspraken die zij maakten om ze aan te pakken.",
    ),
    "context": (
        "De wijk in cijfers",
        "De kerncijfers hieronder komen uit open data van CBS en RIVM. Zij geven richting aan "
        "het gesprek; de ervaring van de partners in de wijk vult ze aan.",
    ),
    "werkwijze": (
        "Werkwijze",
        "",  # written from what happened in the session: see method_text()
    ),
    "prioriteiten": (
        "Gekozen knelpunten",
        "De knelpunten staan in volgorde van de laatste stemronde. Een gelijke stand is "
        "aangegeven met '='.",
    ),
    "interventies": (
        "Aanpak per knelpunt",
        "Per knelpunt staan doel, activiteiten, betrokken partners, planning, middelen en "
        "evaluatie.",
    ),
    "afspraken": (
        "Samenwerkingsafspraken",
        "Iedere afspraak heeft een trekker, betrokken partners, een deadline of periode en een "
        "manier van evalueren.",
    ),
    "vervolg": ("Vervolg", ""),  # from the session's dates: see follow_up_text
}
INTERVENTION_FIELDS = (
    "title",
    "aim",
    "activities",
    "partners",
    "planning",
    "resources",
    "evaluation",
)


# Earlier versions stored this fixed text; it is replaced by what actually happened.
_OLD_METHOD_TEXT = (
    "Tijdens de werksessie zijn knelpunten uit de data, de enquête en de zaal verzameld. "
    "De deelnemers hebben ze gewogen met stippen en op impact en haalbaarheid."
)
_SOURCE_PHRASES = {
    "wijkprofiel": "uit het wijkgezondheidsprofiel (open data van CBS en RIVM)",
    "enquête": "uit de enquête onder professionals",
    "zaal": "ingebracht in de zaal",
    "papier": "genoemd op de papieren stemformulieren",
    "vorige sessie": "overgenomen uit de vorige werksessie",
}


def _join(parts: Sequence[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def method_text(conn: sqlite3.Connection, session_id: int) -> str:
    """The werkwijze as it happened: where the knelpunten came from and how the group voted."""
    from wijktools import nl

    live = knelpunten.knelpunten(conn, session_id)
    if not live:
        return "In deze werksessie zijn (nog) geen knelpunten vastgelegd."
    counts: dict[str, int] = {}
    for k in live:
        counts[k["origin"]] = counts.get(k["origin"], 0) + 1
    parts = [
        f"{counts[origin]} {phrase}"
        for origin, phrase in _SOURCE_PHRASES.items()
        if origin in counts
    ]
    text = (
        f"In de werksessie zijn {nl.plural(len(live), 'knelpunt', 'knelpunten')} besproken: "
        f"{_join(parts)}."
    )
    voted = [r for r in priorities.session_results(conn, session_id) if r.participants]
    dots = [r for r in voted if r.mode == "dots" and r.people]
    matrix = [r for r in voted if r.mode == "matrix"]
    paper = [r for r in voted if r.paper_dots]
    ways = []
    if dots:
        per = sorted({r.dots_per_participant for r in dots if r.dots_per_participant})
        each = f" ({'/'.join(str(p) for p in per)} per deelnemer)" if per else ""
        ways.append(
            f"verdeelden de deelnemers stippen{each} in {nl.plural(len(dots), 'ronde', 'rondes')}"
        )
    if matrix:
        ways.append(
            f"scoorden {'zij' if dots else 'de deelnemers'} de knelpunten op impact en haalbaarheid in "
            + nl.plural(len(matrix), "ronde", "rondes")
        )
    if paper:
        total = sum(r.paper_dots for r in paper)
        ways.append(
            f"zijn op papier {nl.plural(total, 'stip', 'stippen')} uitgebracht in "
            f"{nl.plural(len(paper), 'ronde', 'rondes')} (papieren stemming)"
        )
    if ways:
        text += f" Om te kiezen {_join(ways)}."
    else:
        text += " Er is nog niet over de knelpunten gestemd."
    return text


# --- text blocks ------------------------------------------------------------------------------


def _block_rows(conn: sqlite3.Connection, session_id: int) -> dict[str, dict[str, Any]]:
    return {
        b["section"]: b for b in store.rows(conn, "wijkplan_blocks", {"session_id": session_id})
    }


_OLD_FOLLOW_UP_TEXT = (
    "Over ongeveer een half jaar komen de partners weer bijeen om de voortgang van de "
    "afspraken te bespreken en het plan bij te stellen."
)


def follow_up_text(conn: sqlite3.Connection, session_id: int, today: dt.date | None = None) -> str:
    """The next meeting only when a later date was entered; never a promise nobody made."""
    later = sessions.next_meetings(conn, session_id, today or dt.date.today())
    if later:
        return (
            f"De partners komen op {nl.date(later[0])} weer bijeen om de voortgang van de "
            "afspraken te bespreken en het plan bij te stellen."
        )
    return (
        "Er is nog geen datum voor een vervolgbijeenkomst vastgelegd. Spreek af wanneer de "
        "partners de voortgang van de afspraken bespreken en het plan bijstellen."
    )


def blocks(conn: sqlite3.Connection, session_id: int) -> dict[str, dict[str, str]]:
    """Every section's heading and text: the stored edit, else the Dutch default."""
    stored = _block_rows(conn, session_id)
    out = {}
    for section, (heading, text) in DEFAULT_BLOCKS.items():
        row = stored.get(section)
        if section == "werkwijze":
            text = method_text(conn, session_id)
            if row and row["text"] in (_OLD_METHOD_TEXT, ""):
                row = None  # a stored default is not an edit: show what happened
        if section == "vervolg":
            text = follow_up_text(conn, session_id)
            if row and row["text"] in (_OLD_FOLLOW_UP_TEXT, ""):
                row = None  # the old default promised a meeting nobody planned
        out[section] = {
            "heading": heading,
            "text": row["text"] if row else text,
            "edited": bool(row and row["text"] != text),
        }
    for section, row in stored.items():
        if section not in out:
            out[section] = {"heading": section, "text": row["text"], "edited": True}
    return out


def set_block(conn: sqlite3.Connection, session_id: int, section: str, text: str) -> None:
    """Save an edited text block at once; the earlier text stays in history."""
    if not section.strip():
        raise ValidationError("Geef het tekstblok een naam.")
    row = _block_rows(conn, session_id).get(section)
    if row:
        store.update(conn, "wijkplan_blocks", row["id"], {"text": text})
    else:
        store.insert(
            conn, "wijkplan_blocks", {"session_id": session_id, "section": section, "text": text}
        )


def fill_defaults(conn: sqlite3.Connection, session_id: int) -> None:
    """Store the default texts, so editing starts from them and exports show what was agreed."""
    stored = _block_rows(conn, session_id)
    with store.transaction(conn):
        for section, (_, text) in DEFAULT_BLOCKS.items():
            if section not in stored and text:
                set_block(conn, session_id, section, text)


# --- interventions ----------------------------------------------------------------------------


def add_intervention(
    conn: sqlite3.Connection,
    session_id: int,
    title: str,
    *,
    knelpunt_id: int | None = None,
    **fields: str | None,
) -> int:
    """An intervention per knelpunt: aim, activities, partners, planning, resources, evaluation."""
    if not title or not title.strip():
        raise ValidationError("Geef de interventie een titel.")
    allowed = {*INTERVENTION_FIELDS, "toolkit_entry", "source"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown intervention fields {sorted(unknown)}")
    return store.insert(
        conn,
        "interventions",
        {"session_id": session_id, "knelpunt_id": knelpunt_id, "title": title, **fields},
    )


def update_intervention(conn: sqlite3.Connection, intervention_id: int, **fields: Any) -> None:
    """Edit an adopted or typed intervention; history keeps the earlier text."""
    if "title" in fields and not str(fields["title"] or "").strip():
        raise ValidationError("Een interventie zonder titel kan niet worden opgeslagen.")
    store.update(conn, "interventions", intervention_id, fields)


def interventions(conn: sqlite3.Connection, session_id: int) -> list[dict[str, Any]]:
    """Live interventions of a session, in the order they were added."""
    return store.rows(conn, "interventions", {"session_id": session_id})


# --- assembly ---------------------------------------------------------------------------------


@dataclass
class Wijkplan:
    """Plain data for every renderer (HTML here; Word/PDF in the export module)."""

    session: dict[str, Any]
    blocks: dict[str, dict[str, str]]
    key_figures: list[dict[str, Any]]
    knelpunten: list[dict[str, Any]]
    rounds: list[priorities.RoundResult]
    afspraken: list[dict[str, Any]]
    fictional: bool = False
    unlinked_interventions: list[dict[str, Any]] = field(default_factory=list)


def _key_figures(
    context: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
) -> list[dict[str, Any]]:
    """Accept a profile-like dict ({'kerncijfers': [...]}, {label: value}) or a list of rows."""
    if not context:
        return []
    if isinstance(context, Mapping):
        for key in ("kerncijfers", "key_figures"):
            if key in context:
                return _key_figures(context[key])
        return [{"label": str(k), "value": v, "unit": "", "source": ""} for k, v in context.items()]
    out = []
    for row in context:
        out.append(
            {
                "label": str(row.get("label") or row.get("naam") or ""),
                "value": row.get("value", row.get("waarde")),
                "unit": row.get("unit") or row.get("eenheid") or "",
                "source": row.get("source") or row.get("bron") or "",
            }
        )
    return out


def assemble(
    conn: sqlite3.Connection,
    session_id: int,
    context: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
) -> Wijkplan:
    """Collect everything from the store once; renderers only lay it out."""
    session = store.get(conn, "sessions", session_id)
    ordered = priorities.priority_order(conn, session_id)
    per_knelpunt: dict[int | None, list[dict[str, Any]]] = {}
    for item in interventions(conn, session_id):
        per_knelpunt.setdefault(item["knelpunt_id"], []).append(item)
    listed = {k["id"] for k in ordered}
    for k in ordered:
        k["interventions"] = per_knelpunt.get(k["id"], [])
        k["result_text"] = [
            f"{r['round']}: plaats {r['row'].rank_label} ({_score_text(r['mode'], r['row'])})"
            for r in k["results"]
            if r["row"] is not None
        ]
    loose = [i for kid, items in per_knelpunt.items() if kid not in listed for i in items]
    fictional = "FICTIEF" in (session.get("name") or "").upper()
    return Wijkplan(
        session=session,
        blocks=blocks(conn, session_id),
        key_figures=_key_figures(context),
        knelpunten=ordered,
        rounds=[r for r in priorities.session_results(conn, session_id) if r.participants],
        afspraken=agreements.afspraken(conn, session_id),
        fictional=fictional,
        unlinked_interventions=loose,
    )


def _score_text(mode: str, row: priorities.ResultRow) -> str:
    from wijktools.nl import fmt_number

    if mode == "dots":
        from wijktools.nl import plural

        return plural(int(row.score), "stip", "stippen")
    if row.impact is None:
        return "niet gescoord"
    return (
        f"impact {fmt_number(row.impact, 1)}, haalbaarheid {fmt_number(row.haalbaarheid, 1)}: "
        f"{row.quadrant}"
    )
