"""Gereedschapskist: good-practice examples to pick from, so an adviser never starts from a blank page."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from wijktools.errors import DataMissingError, ValidationError
from wijktools.paths import data_dir

THEMES = (
    "kwetsbare ouderen",
    "GGZ/psychosociaal",
    "eenzaamheid",
    "leefstijl/preventie",
    "welzijn op recept",
    "jeugd",
    "mantelzorg",
    "dementie",
    "medicatieveiligheid",
    "palliatieve zorg",
)


class Entry(BaseModel):
    """One example from data/gereedschapskist.yaml."""

    id: str
    titel: str
    thema: str
    soort: Literal["afspraak", "interventie"]
    beschrijving: str
    disciplines: list[str]
    trefwoorden: list[str]
    bron: str
    voorbeeld_afspraak: str
    evaluatie: str

    def text(self) -> str:
        """Everything a keyword search looks at."""
        return " ".join([self.titel, self.thema, self.beschrijving, *self.trefwoorden]).casefold()


@dataclass
class Suggestion:
    """Examples offered for one prioritised knelpunt."""

    knelpunt_id: int | None
    knelpunt: str
    entries: list[Entry]


def default_path() -> Path:
    """The shipped list; advisers may keep their own copy and pass its path."""
    return data_dir() / "gereedschapskist.yaml"


@cache
def _load(path: str) -> tuple[Entry, ...]:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        entries = tuple(Entry(**item) for item in raw["voorbeelden"])
    except FileNotFoundError as exc:
        raise DataMissingError(f"De gereedschapskist '{path}' ontbreekt.") from exc
    except (yaml.YAMLError, KeyError, TypeError, PydanticError) as exc:
        raise DataMissingError(
            f"De gereedschapskist '{path}' is niet goed opgebouwd ({type(exc).__name__}: {exc})."
        ) from exc
    ids = [e.id for e in entries]
    if len(ids) != len(set(ids)):
        raise DataMissingError(f"De gereedschapskist '{path}' bevat dubbele id's.")
    return entries


def load(path: str | Path | None = None) -> list[Entry]:
    """All examples (read once per file)."""
    return list(_load(str(path or default_path())))


def themes(path: str | Path | None = None) -> list[str]:
    """Themes in the shipped order, for a picker."""
    present = {e.thema for e in load(path)}
    return [t for t in THEMES if t in present] + sorted(present - set(THEMES))


def get(entry_id: str, path: str | Path | None = None) -> Entry:
    """One example by id, with a Dutch message for a typo."""
    for entry in load(path):
        if entry.id == entry_id:
            return entry
    raise ValidationError(f"'{entry_id}' staat niet in de gereedschapskist.")


def search(
    theme: str | None = None, keyword: str | None = None, path: str | Path | None = None
) -> list[Entry]:
    """Filter by theme and/or a word from a knelpunt or indicator (case-insensitive)."""
    out = load(path)
    if theme:
        out = [e for e in out if e.thema.casefold() == theme.casefold()]
    if keyword and keyword.strip():
        word = keyword.strip().casefold()
        out = [e for e in out if word in e.text()]
    return out


def _knelpunt_text(knelpunt: Mapping[str, Any]) -> str:
    """Store rows and profile drafts name their fields differently."""
    parts = [
        knelpunt.get(k) for k in ("title", "titel", "description", "toelichting", "rule", "regel")
    ]
    return " ".join(str(p) for p in parts if p).casefold()


def score(entry: Entry, text: str) -> int:
    """How many of the entry's keywords the knelpunt mentions (stems: 'Eenzaam' in 'eenzaamheid')."""
    return sum(1 for word in entry.trefwoorden if word.casefold() in text)


def suggest(
    knelpunten: Iterable[Mapping[str, Any]],
    top: int = 3,
    per_knelpunt: int = 3,
    path: str | Path | None = None,
) -> list[Suggestion]:
    """For the first `top` knelpunten (pass them in priority order) the best-matching examples."""
    out = []
    entries = load(path)
    for knelpunt in list(knelpunten)[:top]:
        text = _knelpunt_text(knelpunt)
        scored = sorted(
            ((score(e, text), i, e) for i, e in enumerate(entries)), key=lambda t: (-t[0], t[1])
        )
        best = [e for s, _, e in scored if s > 0][:per_knelpunt]
        out.append(
            Suggestion(
                knelpunt.get("id"), str(knelpunt.get("title") or knelpunt.get("titel")), best
            )
        )
    return out


def adopt(
    conn: sqlite3.Connection,
    session_id: int,
    entry_id: str,
    knelpunt_id: int | None = None,
    kind: Literal["afspraak", "interventie", "beide"] | None = None,
    path: str | Path | None = None,
) -> dict[str, int]:
    """Copy an example into the session as an editable afspraak and/or intervention (one transaction)."""
    from wijktools.store import connection as store
    from wijktools.workshop import agreements, wijkplan

    entry = get(entry_id, path)
    kind = kind or entry.soort
    made: dict[str, int] = {}
    # What an afspraak and an intervention made from this example share.
    origin = {"knelpunt_id": knelpunt_id, "evaluation": entry.evaluatie, "toolkit_entry": entry.id}
    disciplines = ", ".join(entry.disciplines)
    with store.transaction(conn):
        if kind in ("afspraak", "beide"):
            made["afspraak"] = agreements.add_afspraak(
                conn,
                session_id,
                entry.voorbeeld_afspraak,
                coordination=f"Overleg tussen: {disciplines}",
                **origin,
            ).id
        if kind in ("interventie", "beide"):
            made["interventie"] = wijkplan.add_intervention(
                conn,
                session_id,
                entry.titel,
                aim=entry.beschrijving,
                activities=entry.voorbeeld_afspraak,
                partners=disciplines,
                source=entry.bron,
                **origin,
            )
    return made


def suggestions_table(knelpunten: Iterable[Mapping[str, Any]], top: int = 3) -> Any:
    """Suggestions as a DataFrame for the notebook: knelpunt, example, theme, source."""
    import pandas as pd

    return pd.DataFrame(
        [
            {"Knelpunt": s.knelpunt, "Voorbeeld": e.titel, "Thema": e.thema, "Bron": e.bron}
            for s in suggest(knelpunten, top=top)
            for e in s.entries
        ],
        columns=["Knelpunt", "Voorbeeld", "Thema", "Bron"],
    )
