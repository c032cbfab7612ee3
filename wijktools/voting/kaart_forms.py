"""The phone form of the sociale kaart: reading it safely and showing an entry in its widgets."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from wijktools.errors import ValidationError
from wijktools.network import proposals, rules

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
MAX_FIELD = 500  # characters per form field; the body limit (16 KB) caps the whole form


async def read_form(request: Request) -> dict[str, str]:
    """The form as text fields; check boxes joined with commas, files and repeats refused."""
    async with request.form(max_files=0, max_fields=60, max_part_size=2048) as form:
        items = form.multi_items()
    fields: dict[str, str] = {}
    for name, value in items:
        if not isinstance(value, str) or len(value) > MAX_FIELD:
            raise ValidationError("Het formulier bevat een bestand of een te lange tekst.")
        if name in ("werkdagen", "voorkeur_contact"):  # check boxes: one value per box
            fields[name] = f"{fields[name]}, {value}" if fields.get(name) else value
        elif name in fields:
            raise ValidationError("Het formulier bevat een veld twee keer.")
        else:
            fields[name] = value
    return fields


def opnamestop_from_form(fields: dict[str, str]) -> str:
    """The phone form's select and two dates back into the template's text ('ja sinds … tot …')."""
    stop = fields.pop("opnamestop", "nee")
    since, until = fields.pop("opnamestop_sinds", ""), fields.pop("opnamestop_tot", "")
    if stop != "ja":
        return "nee" if not (since or until) else f"nee sinds {since}"  # rules explain in Dutch
    return "ja" + (f" sinds {since}" if since else "") + (f" tot {until}" if until else "")


def entry_form(entry: dict[str, str]) -> dict[str, Any]:
    """Current values split for the form widgets (day boxes, contact boxes, stop dates)."""
    entry = {**dict.fromkeys(proposals.NEW_REQUIRED + proposals.EDITABLE, ""), **entry}
    try:
        stop, since, until = rules.opnamestop(entry.get("opnamestop") or "nee")
    except ValidationError:  # just typed and refused: show the form with the stop unset
        stop, since, until = False, "", ""
    days = {d.strip() for d in (entry.get("werkdagen") or "").split(",") if d.strip()}
    ways = {w.strip() for w in (entry.get("voorkeur_contact") or "").split(",") if w.strip()}
    return {**entry, "stop": stop, "since": since, "until": until, "days": days, "ways": ways}
