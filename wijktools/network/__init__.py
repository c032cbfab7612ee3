"""Sociale kaart and netwerkkaart: ketenpartners, relations, import/export, missing disciplines."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wijktools.errors import RecordInvalid
from wijktools.network.graph import build_graph, isolated, missing_disciplines, summary
from wijktools.network.io import (
    RELATION_HEADERS,
    ImportResult,
    PartnerImportPlan,
    export_partners,
    import_partners,
    plan_partner_import,
    write_template,
)
from wijktools.network.partners import (
    CAPACITY_COLUMNS,
    CAPACITY_HEADERS,
    COLUMNS,
    FTE_FIELDS,
    HEADERS,
    Ketenpartner,
    add_partner,
    delete_partner,
    field_text,
    find_partner,
    partners,
    partners_by_id,
    restore_partner,
    review_due,
    review_table,
    sociale_kaart,
    update_partner,
    validate,
)
from wijktools.network.relations import (
    add_relation,
    delete_relation,
    find_relation,
    relations,
    restore_relation,
    update_relation,
)
from wijktools.network.relations_io import export_relations, import_relations
from wijktools.network.vocab import (
    CONTACT_WAYS,
    DISCIPLINES,
    RELATION_KINDS,
    add_discipline,
    disciplines,
    reference,
    review_months,
    set_reference,
    set_review_months,
)
from wijktools.paths import data_dir

DEMO_KERN = "WK194019"  # Joure, gemeente De Fryske Marren
DEMO_SESSION_NAME = "Kick-off Joure (FICTIEF voorbeeld)"


def demo_files() -> tuple[Path, Path]:
    """The fictional example sociale kaart and relations for the demo kern Joure."""
    folder = data_dir() / "voorbeeld"
    return folder / "sociale_kaart_Joure_FICTIEF.xlsx", folder / "relaties_Joure_FICTIEF.xlsx"


def load_demo(conn: sqlite3.Connection) -> int:
    """Create (or reuse) the demo session for Joure with the fictional example files; its id."""
    from wijktools.store import connection as store
    from wijktools.store import sessions
    from wijktools.workshop.sessions import create_session

    for existing in sessions.list_sessions(conn, DEMO_KERN):
        if existing.name == DEMO_SESSION_NAME:
            return existing.id
    partners_file, relations_file = demo_files()
    with store.transaction(conn):
        session_id = create_session(
            conn,
            DEMO_SESSION_NAME,
            DEMO_KERN,
            dates=["2026-11-23"],
            facilitator="Adviseur (fictief)",
            kind="kick-off",
        )
        import_partners(conn, session_id, partners_file)
        import_relations(conn, session_id, relations_file)
    return session_id


__all__ = [
    "CAPACITY_COLUMNS",
    "CAPACITY_HEADERS",
    "COLUMNS",
    "CONTACT_WAYS",
    "DISCIPLINES",
    "FTE_FIELDS",
    "HEADERS",
    "RELATION_HEADERS",
    "RELATION_KINDS",
    "ImportResult",
    "Ketenpartner",
    "PartnerImportPlan",
    "RecordInvalid",
    "add_discipline",
    "add_partner",
    "add_relation",
    "build_graph",
    "delete_partner",
    "delete_relation",
    "demo_files",
    "disciplines",
    "export_partners",
    "export_relations",
    "field_text",
    "find_partner",
    "find_relation",
    "import_partners",
    "import_relations",
    "isolated",
    "load_demo",
    "missing_disciplines",
    "partners",
    "partners_by_id",
    "plan_partner_import",
    "reference",
    "relations",
    "restore_partner",
    "restore_relation",
    "review_due",
    "review_months",
    "review_table",
    "session_or_demo",
    "set_reference",
    "set_review_months",
    "sociale_kaart",
    "summary",
    "update_partner",
    "update_relation",
    "validate",
    "write_template",
]


def session_or_demo(conn: sqlite3.Connection, session_id: int = 0) -> int:
    """The notebook's session: the given id, else the newest, else the fictional demo session."""
    from wijktools.store import sessions

    if session_id:
        return sessions.get_session(conn, session_id).id
    newest = sessions.newest_session(conn)
    return newest.id if newest else load_demo(conn)
