"""A small workshop session for the export tests, with hostile user text on purpose."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from wijktools.store import connection as store
from wijktools.workshop import knelpunten, priorities

FIXTURES = Path(__file__).parents[1] / "fixtures"
SCRIPT_NAME = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
EMAIL = "j.pietersen@praktijk.example"
PHONE = "035-1234567"
PERSON = "Jan Pietersen"


def profile_fixture() -> dict:
    """A profile in the report's own shape (report.profile.from_report_dict), real CBS values for WK040201."""
    return json.loads((FIXTURES / "profiel_wk040201_kwb2024.json").read_text(encoding="utf-8"))


def survey_fixture() -> dict:
    """survey.analyse(...).to_dict() shape with one suppressed group."""
    return json.loads((FIXTURES / "enquete_met_kleine_groep.json").read_text(encoding="utf-8"))


def make_session(conn: sqlite3.Connection, name: str = "Kick-off Centrum") -> int:
    """Session, partners (one hostile name, one with opnamestop), a vote round and afspraken."""
    sid = store.insert(
        conn,
        "sessions",
        {
            "name": name,
            "area_code": "WK040201",
            "area_name": "Centrum",
            "dates": json.dumps(["2026-11-12", "2099-01-15"]),
            "facilitator": "Adviseur",
        },
    )
    p1 = store.insert(
        conn,
        "ketenpartners",
        {
            "session_id": sid,
            "organisatie": "Huisartsenpraktijk Noord",
            "discipline": "Huisarts",
            "contactpersoon": PERSON,
            "telefoon": PHONE,
            "email": EMAIL,
            "website": "https://noord.example",
            "voorkeur_contact": "telefoon",
        },
    )
    p2 = store.insert(
        conn,
        "ketenpartners",
        {
            "session_id": sid,
            "organisatie": SCRIPT_NAME,
            "discipline": "Wijkverpleging",
            "opnamestop": 1,
            "opnamestop_sinds": "2026-09-01",
            "opmerkingen": "+31 bellen\x07",
        },
    )
    p3 = store.insert(
        conn,
        "ketenpartners",
        {"session_id": sid, "organisatie": "@Fysio", "discipline": "Fysiotherapie"},
    )
    store.insert(
        conn,
        "relations",
        {"session_id": sid, "from_partner_id": p1, "to_partner_id": p2, "kind": "verwijzen"},
    )
    k1 = knelpunten.add_knelpunt(conn, sid, "Wachttijd wijkverpleging")
    k2 = knelpunten.add_knelpunt(conn, sid, "Medicatieoverdracht")
    round_id = priorities.open_round(conn, sid, "dots", 3)
    priorities.cast_dots(conn, round_id, "huisarts", {k1: 2, k2: 1})
    priorities.cast_dots(conn, round_id, "apotheker", {k2: 3})
    priorities.close_round(conn, round_id)
    store.insert(
        conn,
        "afspraken",
        {
            "session_id": sid,
            "knelpunt_id": k1,
            "wat": FORMULA,
            "trekker_partner_id": p2,
            "status": "afgesproken",
            "deadline": "2027-02-01",
        },
    )
    store.insert(
        conn,
        "afspraken",
        {
            "session_id": sid,
            "knelpunt_id": k2,
            "wat": "Overdrachtsformulier medicatie",
            "trekker_partner_id": p3,
            "period": "Q2 2027",
            "betrokken": json.dumps([p1]),
        },
    )
    return sid


def docx_text(path) -> str:
    """Every paragraph and table cell of a Word file, as a reader sees the text."""
    import docx

    document = docx.Document(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pptx_text(path, notes: bool = False) -> str:
    """The text of every slide: text boxes, table cells, chart categories (and speaker notes)."""
    import pptx

    out = []
    for slide in pptx.Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if shape.has_table:
                out += [c.text for row in shape.table.rows for c in row.cells]
            if shape.has_chart:
                out += [str(c) for c in shape.chart.plots[0].categories]
        if notes and slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)
