"""Creating a werksessie: its area checked against the open data, then stored by store.sessions."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence

from wijktools.errors import DataMissingError, ValidationError
from wijktools.opendata import areas
from wijktools.paths import slug
from wijktools.store import sessions

AREA_CODE = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")


def resolve_area(code: str) -> tuple[str, str | None]:
    """Validate a CBS code (via the open data when available) and return (code, name)."""
    text = str(code).strip().upper()
    try:
        area = areas.lookup(text)
        return area.code, area.name
    except DataMissingError:
        pass  # no shipped open data (e.g. a bare install): the format check below still holds
    if not AREA_CODE.match(text):
        raise ValidationError(
            f"'{code}' is geen CBS-gebiedscode. Gebruik GM + 4 cijfers (gemeente), WK + 6 cijfers "
            "(wijk) of BU + 8 cijfers (buurt), bijvoorbeeld WK194019."
        )
    return text, None


def resolve_kern(name: str, codes: Iterable[str]) -> tuple[str, str, list[str]]:
    """A kern is a named set of wijk/buurt codes; validated via areas.kern when available."""
    members = [str(c).strip().upper() for c in codes if str(c).strip()]
    if not name or not name.strip():
        raise ValidationError("Geef de kern een naam.")
    try:
        area = areas.kern(name, members)
        return area.code, area.name, list(area.members)
    except DataMissingError:
        pass
    if not members:
        raise ValidationError(f"Kern '{name}': geef minstens één wijk- of buurtcode op.")
    for member in members:
        resolve_area(member)
    return f"KERN-{slug(name)}", name.strip(), members


def create_session(
    conn: sqlite3.Connection,
    name: str,
    area: str | None = None,
    *,
    kern_name: str | None = None,
    kern_codes: Sequence[str] | None = None,
    dates: Sequence[object] = (),
    facilitator: str | None = None,
    kind: str = "kick-off",
) -> int:
    """Create a werksessie for a CBS area code or a kern definition; committed at once."""
    sessions.check(name, kind)
    members: list[str] = []
    if kern_codes:
        area_code, area_name, members = resolve_kern(kern_name or name, kern_codes)
    elif area:
        area_code, area_name = resolve_area(area)
    else:
        raise ValidationError("Geef een gebied op: een CBS-code (bijv. WK194019) of een kern.")
    return sessions.insert_session(
        conn,
        name,
        area_code,
        area_name,
        kern_codes=members,
        dates=dates,
        facilitator=facilitator,
        kind=kind,
    )
