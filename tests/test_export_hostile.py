"""Exports under hostile names and texts: Windows-reserved folder names, neutralised list sheet, limits."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.support.workshop import NASTY, new_session
from wijktools import export, paths
from wijktools.errors import ValidationError
from wijktools.store import connection as store
from wijktools.workshop import afspraken_io, agreements, knelpunten


@pytest.mark.parametrize("name", ["CON", "aux", "Nul", "com1", "LPT9", "con.txt", "PRN "])
def test_windows_reserved_session_names_get_a_safe_folder(name, tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKTOOLS_EXPORTS", str(tmp_path))
    folder = export.default_dir(name)
    stem = folder.name.split(".")[0].casefold()
    assert stem not in {"con", "prn", "aux", "nul", "com1", "lpt9"}
    assert folder.parent == tmp_path.resolve()
    assert all(n.split(".")[0] not in {"con", "aux"} for n in export.file_names(name).values())


def test_ordinary_names_are_unchanged_by_the_reserved_rule():
    assert paths.slug("Kick-off Centrum") == "kick-off-centrum"
    assert paths.slug("Console") == "console"


def test_afspraken_template_hidden_list_is_neutralised_like_the_visible_sheet(conn, tmp_path):
    sid = new_session(conn)
    store.insert(
        conn, "ketenpartners", {"session_id": sid, "organisatie": NASTY, "discipline": "huisarts"}
    )
    knelpunten.add_knelpunt(conn, sid, '=cmd|"/c calc"!A1')
    path = afspraken_io.write_template(tmp_path / "sjabloon.xlsx", conn, sid)
    book = load_workbook(path)
    lists = book["Lijsten"]
    assert lists.sheet_state == "hidden"
    cells = [c for row in lists.iter_rows() for c in row if c.value is not None]
    assert any(c.value == NASTY for c in cells)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_texts_beyond_the_limits_are_refused_at_input(conn):
    sid = new_session(conn)
    with pytest.raises(ValidationError, match="te lang"):
        knelpunten.add_knelpunt(conn, sid, "x" * 10_000)
    with pytest.raises(ValidationError, match="te lang"):
        knelpunten.add_knelpunt(conn, sid, "Eenzaamheid", "x" * 10_000)
    with pytest.raises(ValidationError, match="te lang"):
        agreements.add_afspraak(conn, sid, "x" * 10_000)
    with pytest.raises(ValidationError, match="te lang"):
        agreements.add_afspraak(conn, sid, "Welzijn op recept", coordination="x" * 10_000)
    assert knelpunten.knelpunten(conn, sid) == []
    assert agreements.afspraken(conn, sid) == []
