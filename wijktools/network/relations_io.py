"""Import and export of the netwerkkaart's relations (with their optional scores): one transaction."""

from __future__ import annotations

import difflib
import sqlite3
from pathlib import Path

from wijktools.errors import DataFileError, DataFileErrors, ValidationError
from wijktools.network import quality, vocab
from wijktools.network.io import (
    RELATION_HEADERS,
    RELATION_SHEET,
    SCORE_HEADERS,
    ImportResult,
    _check_header,
    _names_in,
)
from wijktools.network.relations import (
    add_relation,
    find_relation,
    relations,
    update_relation,
)
from wijktools.sheets.read import read_rows
from wijktools.sheets.write import write_table
from wijktools.store import connection as store
from wijktools.store.sessions import get_session

Row = tuple[int, int, str, int, dict[str, int | None]]


def _scores(
    path: Path, number: int, values: dict[str, str], present: list[str]
) -> tuple[dict[str, int | None], list[DataFileError]]:
    """The row's scores from the score columns the file has; a bad one names its cell."""
    scores: dict[str, int | None] = {}
    problems = []
    for name in present:
        column = quality.HEADERS[name]
        try:
            scores[name] = quality.score(values.get(column), name)
        except ValidationError as exc:
            problems.append(DataFileError(str(path), str(exc), number, column))
    return scores, problems


def import_relations(conn: sqlite3.Connection, session_id: int, path: str | Path) -> ImportResult:
    """Relations by organisation name (as on the sociale kaart), all rows checked, one transaction.

    `Vertrouwen (1-4)` and `Meerwaarde (1-4)` may follow the fixed header; an empty cell means not
    scored. A file without those columns leaves the scores already stored as they are.
    """
    path = Path(path)
    get_session(conn, session_id)
    header, rows = read_rows(path, RELATION_SHEET, rows_of="relaties")
    _check_header(path, header, RELATION_HEADERS, SCORE_HEADERS)
    present = [name for name in quality.SCORES if quality.HEADERS[name] in header]
    partners = _names_in(conn, session_id)
    names = [p["organisatie"] for p in partners.values()]
    problems: list[DataFileError] = []
    clean: list[Row] = []
    seen: dict[tuple[int, int, str], int] = {}
    for number, values in rows:
        ids: dict[str, int] = {}
        for column in ("Van", "Naar"):
            name = " ".join(str(values.get(column) or "").split())
            found = partners.get(name.casefold()) if name else None
            if found:
                ids[column] = found["id"]
                continue
            near = (
                difflib.get_close_matches(name, names, n=1, cutoff=0.6) if len(names) < 2000 else []
            )
            hint = f" Bedoelde u '{near[0]}'?" if near else ""
            message = (
                f"'{name}' staat niet op de sociale kaart van deze sessie.{hint} "
                "Gebruik de organisatienaam zoals op de sociale kaart."
                if name
                else "vul de organisatienaam in."
            )
            problems.append(DataFileError(str(path), message, number, column))
        kind = intensity = None
        try:
            kind = vocab.relation_kind(values.get("Soort") or "")
        except ValidationError as exc:
            problems.append(DataFileError(str(path), str(exc), number, "Soort"))
        try:
            raw = values.get("Intensiteit")
            intensity = vocab.intensity(1 if raw in (None, "") else raw)
        except ValidationError as exc:
            problems.append(DataFileError(str(path), str(exc), number, "Intensiteit"))
        scores, bad = _scores(path, number, values, present)
        problems += bad
        if len(ids) == 2 and ids["Van"] == ids["Naar"]:
            problems.append(
                DataFileError(str(path), "Van en Naar zijn dezelfde organisatie.", number, "Naar")
            )
        elif len(ids) == 2 and kind and intensity and not bad:
            # A mutual kind (overleg) from A to B is the same relation as from B to A.
            pair = (ids["Van"], ids["Naar"])
            if kind not in vocab.DIRECTED_KINDS:
                pair = (min(pair), max(pair))
            key = (*pair, kind)
            if key in seen:
                problems.append(
                    DataFileError(
                        str(path),
                        f"deze relatie staat ook al op rij {seen[key]}; elke relatie één keer.",
                        number,
                        "Van",
                    )
                )
                continue
            seen[key] = number
            clean.append((ids["Van"], ids["Naar"], kind, intensity, scores))
    if problems:
        raise DataFileErrors(str(path), problems)
    added = updated = same = 0
    with store.transaction(conn):
        for from_id, to_id, kind, intensity, scores in clean:
            existing = find_relation(conn, session_id, from_id, to_id, kind)
            if existing is None:
                add_relation(conn, session_id, from_id, to_id, kind, intensity, **scores)
                added += 1
            elif existing["intensity"] == intensity and all(
                existing[name] == value for name, value in scores.items()
            ):
                same += 1
            else:
                update_relation(conn, existing["id"], intensity=intensity, **scores)
                updated += 1
    return ImportResult(added, updated, same)


def export_relations(conn: sqlite3.Connection, session_id: int, path: str | Path) -> Path:
    """Relations by organisation name with their scores (empty = not scored), re-importable as is."""
    rows = [
        [
            r["van"],
            r["naar"],
            r["kind"],
            r["intensity"],
            *("" if r[name] is None else r[name] for name in quality.SCORES),
        ]
        for r in relations(conn, session_id)
    ]
    return write_table(Path(path), RELATION_SHEET, RELATION_HEADERS + SCORE_HEADERS, rows)
