"""The afspraken sheet carries the knelpunt, indicator and voortgang after its original columns."""

import openpyxl
import pytest

from tests.support.workshop import NASTY, new_session
from wijktools.errors import DataFileErrors
from wijktools.store import connection as store
from wijktools.workshop import afspraken_io, agreements, knelpunten


def test_indicator_and_voortgang_go_out_and_come_back(conn, sid, tmp_path):
    kid = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid")
    agreements.add_afspraak(
        conn, sid, NASTY, knelpunt_id=kid, indicator="Eenzaam|65+", voortgang=40, status="loopt"
    )
    agreements.add_afspraak(conn, sid, "Zonder indicator", knelpunt_id=kid)
    path = afspraken_io.export_afspraken(conn, sid, tmp_path / "afspraken.xlsx")
    sheet = openpyxl.load_workbook(path)["Afspraken"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == [
        "Knelpunt",
        "Afspraak",
        "Trekker",
        "Betrokken partners",
        "Deadline",
        "Coördinatie",
        "Evaluatie",
        "Status",
    ]  # the original header stays as it was; the new columns come after it
    assert header[8:] == ["Indicator", "Voortgang", "Nulmeting"]
    first = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    baseline = store.rows(conn, "afspraken", {"session_id": sid})[0]
    assert first["Indicator"] == "Eenzaam|65+" and first["Voortgang"] == "40"
    assert first["Nulmeting"].startswith(
        f"{baseline['baseline_value']:.1f}".replace(".", ",") + " % (2020, WK026200; RIVM"
    )
    assert sheet.cell(3, 9).value in (None, "")  # no link, no indicator
    other = new_session(conn, "tweede")
    assert afspraken_io.import_afspraken(conn, other, path)["afspraken"] == 2
    back = {a["wat"]: a for a in agreements.afspraken(conn, other)}
    assert back[NASTY]["indicator"] == "Eenzaam|65+" and back[NASTY]["voortgang"] == 40
    assert back[NASTY]["baseline_value"] == baseline["baseline_value"]
    assert (
        back["Zonder indicator"]["indicator"] == ""
        and back["Zonder indicator"]["voortgang"] is None
    )


def test_bad_indicator_or_voortgang_is_named_by_row_and_column(conn, sid, tmp_path):
    path = tmp_path / "afspraken.csv"
    path.write_text(
        "Knelpunt;Afspraak;Trekker;Deadline;Status;Indicator;Voortgang\n"
        "Eenzaamheid;Goed;;Q2 2027;afgesproken;Eenzaam|65+;10\n"
        "Eenzaamheid;Fout 1;;Q2 2027;afgesproken;Eenzaamheid;\n"
        "Eenzaamheid;Fout 2;;Q2 2027;afgesproken;;120\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileErrors) as info:
        afspraken_io.import_afspraken(conn, sid, path)
    where = [(p.row, p.column) for p in info.value.problems]
    assert where == [(3, "Indicator"), (4, "Voortgang")]
    assert "staat niet in het codeboek" in str(info.value)
    assert store.rows(conn, "afspraken", {"session_id": sid}) == []  # all or nothing
