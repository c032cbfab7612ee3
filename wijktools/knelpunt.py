"""One Knelpunt record from profile rules and survey into the session, the votes and the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Where a knelpunt came from, as the adviser and the report name it.
SOURCES = ("wijkprofiel", "enquête", "zaal", "papier", "vorige sessie")
_SOURCE_ALIASES = {
    "data": "wijkprofiel",
    "open data": "wijkprofiel",
    "profiel": "wijkprofiel",
    "profile": "wijkprofiel",
    "enquete": "enquête",
    "survey": "enquête",
}


def source_name(value: str | None, default: str = "zaal") -> str:
    """Drafts name their origin loosely; the store and the report keep one spelling."""
    text = (value or "").strip().casefold()
    text = _SOURCE_ALIASES.get(text, text)
    return text if text in SOURCES else default


@dataclass
class Knelpunt:
    """A knelpunt with its origin (herkomst), rule, figure and year; a draft until stored (id)."""

    titel: str
    tekst: str = ""
    regel: str = ""
    drempel: str = ""
    key: str = ""
    age_group: str = ""
    waarde: float | None = None
    referentie: float | None = None
    referentie_naam: str = ""
    jaar: int | None = None
    bron: str = ""  # the data source with its year, e.g. 'RIVM Gezondheidsmonitor 2022'
    herkomst: str = "wijkprofiel"  # one of SOURCES
    extra: dict[str, object] = field(default_factory=dict)
    regel_id: str = ""  # "niveau:<key>", "trend:<key>", "vergrijzing", ... (one per indicator)
    percentiel: float | None = None  # this % of the areas of the level is at least as unfavourable
    vergelijking: str = ""  # the areas ranked: "wijken", "buurten", "gemeenten"
    gemeente: float | None = None  # gemeente value beside it
    nederland: float | None = None
    id: int | None = None  # the session's row, once taken over
    status: str = ""  # '', 'geschrapt' or 'samengevoegd met …' in a session

    @property
    def draft_key(self) -> str:
        """Identity of a draft across re-takes: rule key and age group, not the editable title."""
        kind = str(self.extra.get("soort", "")) if self.extra else ""
        parts = (self.regel_id,) if self.regel_id else (self.key, self.age_group, kind)
        base = ":".join(p for p in parts if p) or self.titel.casefold()
        return f"{self.herkomst}:{base}"

    @property
    def cijfer(self) -> str:
        """The figure as the room sees it (the rule text carries the unit)."""
        if self.waarde is None:
            return ""
        from wijktools import nl

        value = float(self.waarde)
        return nl.number(value, 0 if value.is_integer() or abs(value) >= 100 else 1)


def from_survey(item: Knelpunt | Mapping[str, Any]) -> Knelpunt:
    """Survey knelpunten arrive as dicts (titel, toelichting, regel, waarde)."""
    if isinstance(item, Knelpunt):
        return item
    waarde = item.get("waarde")
    return Knelpunt(
        titel=str(item.get("titel", "")),
        tekst=str(item.get("tekst") or item.get("toelichting", "")),
        regel=str(item.get("regel") or ""),
        drempel=str(item.get("drempel") or ""),
        key=str(item.get("key") or ""),
        waarde=None if waarde is None else float(waarde),
        jaar=item.get("jaar"),
        bron=str(item.get("bron") or "enquête"),
        herkomst="enquête",
    )


def from_row(row: Mapping[str, Any], status: str = "") -> Knelpunt:
    """A stored knelpunt (the knelpunten table) as the shared record."""
    value = row.get("value")
    try:
        waarde = None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        waarde = None
    return Knelpunt(
        titel=row["title"],
        tekst=row.get("description") or "",
        regel=row.get("rule") or "",
        waarde=waarde,
        jaar=row.get("year"),
        bron=row.get("source") or "",
        herkomst=source_name(row.get("origin")),
        id=row.get("id"),
        status=status,
    )
