"""The vervolg session: it follows the newest earlier session of the same area and starts from it.

It links to that session, copies its sociale kaart (partners and relations, each with the id it was
copied from, so two networks can be compared) and carries its afspraken over with their status,
voortgang, knelpunt and indicator link (the baseline stays the one of the kick-off).
"""

from __future__ import annotations

import json
import sqlite3

from wijktools import nl
from wijktools.errors import ValidationError
from wijktools.store import connection as store
from wijktools.store import sessions
from wijktools.workshop import agreements, indicator_link, knelpunten

_BOOKKEEPING = ("id", "session_id", "created_at", "updated_at", "deleted_at")


# Progress and the indicator link travel with an afspraak into the next session, baseline unchanged.
_CARRIED = ("voortgang", *indicator_link.LINK_COLUMNS)


def carry_over(conn: sqlite3.Connection, from_session: int, to_session: int) -> list[int]:
    """Copy the earlier afspraken (with status and their knelpunten) so progress can be recorded."""
    source, target = (
        store.get(conn, "sessions", from_session),
        store.get(conn, "sessions", to_session),
    )
    if source["area_code"] != target["area_code"]:
        raise ValidationError(
            f"De sessies gaan over verschillende gebieden ({source['area_name'] or source['area_code']}"
            f" en {target['area_name'] or target['area_code']}); afspraken worden alleen "
            "overgenomen binnen hetzelfde gebied."
        )
    done = {
        a["previous_afspraak_id"] for a in store.rows(conn, "afspraken", {"session_id": to_session})
    }
    new_ids = []
    with store.transaction(conn):
        for a in agreements.afspraken(conn, from_session):
            if a["id"] in done:
                continue
            kid = None
            if a["knelpunt"]:
                found = knelpunten.find_knelpunt(conn, to_session, a["knelpunt"])
                kid = (
                    found["id"]
                    if found
                    else knelpunten.add_knelpunt(
                        conn, to_session, a["knelpunt"], origin="vorige sessie"
                    )
                )
            trekker = (
                agreements.find_partner(conn, to_session, a["trekker"]) if a["trekker"] else None
            )
            betrokken_ids, extra = [], []
            for name in a["betrokken_namen"]:
                p = agreements.find_partner(conn, to_session, name)
                if p:
                    betrokken_ids.append(p["id"])
                else:
                    extra.append(name)
            new_ids.append(
                store.insert(
                    conn,
                    "afspraken",
                    {
                        "session_id": to_session,
                        "knelpunt_id": kid,
                        "wat": a["wat"],
                        "trekker_partner_id": trekker["id"] if trekker else None,
                        "trekker_name": None if trekker else (a["trekker"] or None),
                        "betrokken": json.dumps(betrokken_ids),
                        "betrokken_extra": json.dumps(extra, ensure_ascii=False),
                        "deadline": a["deadline"],
                        "period": a["period"],
                        "coordination": a["coordination"],
                        "evaluation": a["evaluation"],
                        "status": a["status"],
                        "previous_afspraak_id": a["id"],
                        "toolkit_entry": a["toolkit_entry"],
                        **{key: a[key] for key in _CARRIED},
                    },
                )
            )
    return new_ids


def carry_over_previous(conn: sqlite3.Connection, session_id: int) -> list[int]:
    """Evaluation session: load the afspraken of the earlier session of this area, if any."""
    previous = sessions.previous_session(conn, session_id)
    return carry_over(conn, previous.id, session_id) if previous else []


def copy_network(conn: sqlite3.Connection, from_session: int, to_session: int) -> dict[int, int]:
    """The sociale kaart as the starting point: every partner and relation, linked to its original."""
    mapping: dict[int, int] = {}
    with store.transaction(conn):
        for p in store.rows(conn, "ketenpartners", {"session_id": from_session}):
            values = {k: v for k, v in p.items() if k not in _BOOKKEEPING}
            values.update(session_id=to_session, previous_partner_id=p["id"])
            mapping[p["id"]] = store.insert(conn, "ketenpartners", values)
        for r in store.rows(conn, "relations", {"session_id": from_session}):
            if r["from_partner_id"] not in mapping or r["to_partner_id"] not in mapping:
                continue  # a relation to a deleted partner is not part of the map
            values = {k: v for k, v in r.items() if k not in _BOOKKEEPING}
            values.update(
                session_id=to_session,
                from_partner_id=mapping[r["from_partner_id"]],
                to_partner_id=mapping[r["to_partner_id"]],
                previous_relation_id=r["id"],
            )
            store.insert(conn, "relations", values)
    return mapping


def start_followup(conn: sqlite3.Connection, session_id: int) -> dict[str, int]:
    """Make a new session the vervolg of the newest earlier one: link, sociale kaart, afspraken.

    Runs inside the caller's transaction when there is one, so a failure leaves no half session.
    """
    current = sessions.get_session(conn, session_id)
    previous = sessions.previous_session(conn, session_id)
    if previous is None:
        where = current.area_name or current.area_code
        raise ValidationError(
            f"Er is geen eerdere werksessie voor {where} om op voort te bouwen. Maak eerst de "
            "kick-off (wijktools sessie nieuw NAAM --gebied CODE), of kies --soort kick-off."
        )
    if current.dates and previous.dates and current.dates[0] < previous.dates[0]:
        raise ValidationError(
            f"De vervolgsessie '{current.name}' heeft de datum {nl.date(current.dates[0])}, vóór "
            f"de sessie waarop zij voortbouwt: '{previous.name}' van {nl.date(previous.dates[0])}. "
            "Dan leest 'wat is er bereikt' achterstevoren. Geef het vervolg een datum vanaf "
            f"{nl.short_date(previous.dates[0])} (--datum); er is niets opgeslagen."
        )
    with store.transaction(conn):
        store.update(conn, "sessions", session_id, {"previous_session_id": previous.id})
        partners = copy_network(conn, previous.id, session_id)
        relations = len(store.rows(conn, "relations", {"session_id": session_id}))
        carried = carry_over(conn, previous.id, session_id)
    return {
        "vorige_sessie": previous.id,
        "ketenpartners": len(partners),
        "relaties": relations,
        "afspraken": len(carried),
    }
