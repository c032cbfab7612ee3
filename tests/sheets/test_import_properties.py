"""Generated files for the five importers: never a traceback, never a half-import, never a wrong read.

Each example writes a CSV (random delimiter, encoding, Excel `sep=` line) or an xlsx holding valid
rows with hostile decoration (control characters, spaces, formulas typed as text, huge numbers,
non-ASCII digits, over-long cells, duplicated rows) and checks the importer's promise: either the
whole file is stored exactly as meant, or a Dutch WijktoolsError and the store is unchanged.
All names are FICTIEF. HYPOTHESIS_EXAMPLES sets the examples per importer (default 500).
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.sheets.test_import_hostile import ENGLISH, snapshot
from tests.support.workshop import new_session
from wijktools import survey
from wijktools.errors import WijktoolsError
from wijktools.network import io as network_io
from wijktools.network import relations_io
from wijktools.network.partners import HEADERS as PARTNER_HEADERS
from wijktools.workshop import afspraken_io, votes_import

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "500"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a user means: letters (also accented), digits, inner spaces, some punctuation and emoji.
CORE = (
    st.text(
        alphabet=st.sampled_from(
            list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éëïüçÉ'&()/.-😀")
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: bool(t) and t[0] not in "-'")
)
# Decoration the reader must take off (or refuse) the same way everywhere.
NOISE = st.sampled_from(["", "", " ", "  ", "\t", "\x07", "\x1b", "\x0b", "\x7f", "\u0085"])
HOSTILE = st.one_of(
    st.sampled_from(
        [
            '=HYPERLINK("http://evil.example","x")',
            "=1+1",
            "@SUM(A1)",
            "99999999999999999999999",
            "1e308",
            "²",
            "٣",
            "x" * 5000,
            "\x00",
            '"',
            "a\nb",
            "sep=;",
            "",
        ]
    ),
    st.text(max_size=40),
)


@st.composite
def decorated(draw: st.DrawFn, suffix: str = "", prefix: str = "") -> tuple[str, str]:
    """(what is written in the cell, what the user meant): noise only around the whole text."""
    meant = prefix + draw(CORE) + suffix
    cell = draw(NOISE) + meant + draw(NOISE)
    return cell, meant


@st.composite
def table(draw: st.DrawFn, kind: str) -> tuple[list[str], list[list[str]], list[list[str]], bool]:
    """Header, written rows, meant rows, and whether hostile cells were mixed in."""
    n = draw(st.integers(min_value=0, max_value=6))
    written, meant = [], []
    for i in range(n):
        if kind == "ketenpartners":
            org_w, org_m = draw(decorated(f" {i} (FICTIEF)"))
            disc = draw(st.sampled_from(["huisarts", "apotheek", "fysiotherapie", "welzijn"]))
            row_m = [org_m, disc] + [""] * (len(PARTNER_HEADERS) - 2)
            row_w = [org_w, disc] + [""] * (len(PARTNER_HEADERS) - 2)
        elif kind == "relaties":
            names = [
                "Welzijn Voorbeeld (FICTIEF)",
                "Huisartsenpraktijk De Linde (FICTIEF)",
                "Apotheek Centrum (FICTIEF)",
            ]
            a, b = draw(st.permutations(names))[:2]
            soort = draw(st.sampled_from(["overleg", "verwijzen", "informeel"]))
            inten = draw(st.sampled_from(["1", "2", "3"]))
            row_m = [a, b, soort, inten]
            row_w = [draw(NOISE) + a, b + draw(NOISE), soort, inten]
        elif kind == "stemmen":
            title_w, title_m = draw(decorated(f" {i} (FICTIEF)"))
            votes = str(draw(st.integers(min_value=0, max_value=999_999)))
            ronde = draw(st.sampled_from(["", "1", "2"]))
            row_m = [title_m, votes, ronde or "1"]
            row_w = [title_w, votes, ronde]
        elif kind == "afspraken":
            wat_w, wat_m = draw(decorated(f" {i}"))
            status = draw(st.sampled_from(["", "voorgesteld", "afgesproken", "loopt"]))
            row_m = [f"Knelpunt {i} (FICTIEF)", wat_m, "", "Q2 2027", status]
            row_w = [f"Knelpunt {i} (FICTIEF)", wat_w, "", "Q2 2027", status]
        else:
            disc = draw(st.sampled_from(["huisarts", "apotheek", "fysiotherapie"]))
            answer = draw(st.sampled_from(["eens", "oneens", "neutraal", "helemaal eens"]))
            remark_w, remark_m = draw(decorated(prefix="Opmerking "))
            row_m = [disc, answer, remark_m]
            row_w = [disc, answer, remark_w]
        written.append(row_w)
        meant.append(row_m)
    hostile = draw(st.booleans()) and draw(st.integers(0, 3)) == 0
    if hostile and written:
        r = draw(st.integers(0, len(written) - 1))
        c = draw(st.integers(0, len(written[r]) - 1))
        written[r][c] = draw(HOSTILE)
    if written and draw(st.integers(0, 9)) == 0:  # a duplicated row
        written.append(list(written[0]))
        meant.append(list(meant[0]))
        hostile = True
    return HEADERS[kind], written, meant, hostile


HEADERS = {
    "ketenpartners": PARTNER_HEADERS,
    "relaties": ["Van", "Naar", "Soort", "Intensiteit"],
    "stemmen": ["Knelpunt", "Stemmen", "Ronde"],
    "afspraken": ["Knelpunt", "Afspraak", "Trekker", "Deadline", "Status"],
    "enquête": ["Discipline", "Ik weet wie ik kan bellen in de wijk", "Opmerking"],
}


@st.composite
def file_format(draw: st.DrawFn) -> dict:
    return {
        "xlsx": draw(st.integers(0, 5)) == 0,
        "delimiter": draw(st.sampled_from([";", ",", "\t"])),
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
        "sep_line": draw(st.booleans()),
    }


def write_file(folder: Path, header: list[str], rows: list[list[str]], fmt: dict) -> Path:
    if fmt["xlsx"]:
        book = Workbook()
        ws = book.active
        for row in [header, *rows]:
            ws.append([re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", v) for v in row])
        path = folder / "gegenereerd.xlsx"
        book.save(path)
        return path
    out = io.StringIO()
    if fmt["sep_line"]:
        out.write(f"sep={fmt['delimiter']}\r\n")
    csv.writer(out, delimiter=fmt["delimiter"], lineterminator="\r\n").writerows([header, *rows])
    path = folder / "gegenereerd.csv"
    try:
        path.write_bytes(out.getvalue().encode(fmt["encoding"]))
    except UnicodeEncodeError:  # cp1252 has no emoji or C1 controls: such a user saves UTF-8
        fmt["encoding"] = "utf-8"
        path.write_bytes(out.getvalue().encode("utf-8"))
    return path


def encodable(rows: list[list[str]], fmt: dict) -> bool:
    """Whether the meant text survives the file's encoding (cp1252 has no emoji)."""
    try:
        "".join(v for r in rows for v in r).encode(fmt["encoding"])
    except UnicodeEncodeError:
        return False
    return not fmt["xlsx"] or not any(
        re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", v) for r in rows for v in r
    )


def check(kind: str, conn: sqlite3.Connection, folder: Path, data, fmt: dict) -> None:
    header, written, meant, hostile = data
    sid = new_session(conn)
    path = write_file(folder, header, written, fmt)
    before = snapshot(conn)
    try:
        if kind == "ketenpartners":
            result = network_io.import_partners(conn, sid, path)
        elif kind == "relaties":
            result = relations_io.import_relations(conn, sid, path)
        elif kind == "stemmen":
            result = votes_import.import_paper_votes(conn, sid, path)
        elif kind == "afspraken":
            result = afspraken_io.import_afspraken(conn, sid, path)
        else:
            result = survey.read(path)
    except WijktoolsError as exc:
        assert not ENGLISH.search(str(exc)), str(exc)
        assert snapshot(conn) == before, "a refused import changed the store"
        assert written or "alleen" in str(exc) or "leeg" in str(exc)
        return
    assert written, "a file without rows was accepted"
    if hostile or not encodable(meant, fmt):
        return  # accepted hostile input: no traceback and no half-import is the promise here
    if kind == "ketenpartners":
        stored = {p["organisatie"] for p in network_io.kp.partners(conn, sid)}
        assert {r[0] for r in meant} <= stored
        assert result.toegevoegd == len(meant)
    elif kind == "relaties":
        assert result.toegevoegd == len(meant)
    elif kind == "stemmen":
        live = conn.execute(
            "SELECT k.title, v.dots, r.number FROM votes v JOIN knelpunten k ON k.id = v.knelpunt_id "
            "JOIN vote_rounds r ON r.id = v.round_id WHERE r.session_id = ? AND v.deleted_at IS NULL",
            (sid,),
        ).fetchall()
        got = sorted((t, d, n) for t, d, n in live)
        expected = sorted((r[0], int(r[1]), int(r[2])) for r in meant if int(r[1]))
        assert got == expected
    elif kind == "afspraken":
        stored = [a["wat"] for a in afspraken_io.agreements.afspraken(conn, sid)]
        assert sorted(stored) == sorted(r[1] for r in meant)
    else:
        assert len(result.data) == len(meant)
        remarks = [v for v in result.data.iloc[:, -1] if v is not None]
        assert sorted(remarks) == sorted(r[2] for r in meant)


@SETTINGS
@given(data=table("ketenpartners"), fmt=file_format())
def test_ketenpartners_property(conn, tmp_path, data, fmt):
    check("ketenpartners", conn, tmp_path, data, fmt)


@SETTINGS
@given(data=table("relaties"), fmt=file_format())
def test_relaties_property(conn, tmp_path, data, fmt):
    check("relaties", conn, tmp_path, data, fmt)


@SETTINGS
@given(data=table("stemmen"), fmt=file_format())
def test_stemmen_property(conn, tmp_path, data, fmt):
    check("stemmen", conn, tmp_path, data, fmt)


@SETTINGS
@given(data=table("afspraken"), fmt=file_format())
def test_afspraken_property(conn, tmp_path, data, fmt):
    check("afspraken", conn, tmp_path, data, fmt)


@SETTINGS
@given(data=table("enquête"), fmt=file_format())
def test_enquete_property(conn, tmp_path, data, fmt):
    check("enquête", conn, tmp_path, data, fmt)
