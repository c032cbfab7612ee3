"""Choosing a knelpunt for an afspraak from what `wijktools knelpunten` shows (walk of Assendorp)."""

import re
from pathlib import Path

from typer.testing import CliRunner

from wijktools.cli import app
from wijktools.errors import WijktoolsError
from wijktools.store import connection as store
from wijktools.workshop import agreements, knelpunten

# Wijk 13 Assendorp (Zwolle): its knelpunten from the figures are 'Eenzaam: ongunstige trend' (RIVM
# 50090NED: 18+ 35,9 % in 2012, 47,6 % in 2020), raised first, and 'Zorgvraag per inwoner stijgt'.
AREA = "WK019313"


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--db", str(db)])
    if isinstance(result.exception, WijktoolsError):  # main() prints it as 'Fout: ...', exit 1
        return 1, str(result.exception)
    return result.exit_code, result.output


def _kick_off(db: Path) -> int:
    code, out = _run(db, "sessie", "nieuw", "Kick-off Assendorp (FICTIEF)", "--gebied", AREA)
    assert code == 0, out
    return int(out.split()[0])


def test_the_list_shows_the_id_that_afspraak_takes(db_path, tmp_path):
    sid = _kick_off(db_path)
    votes = tmp_path / "stemmen_FICTIEF.csv"
    votes.write_text("Knelpunt;Stemmen\nZorgvraag per inwoner stijgt;9\n", encoding="utf-8")
    code, out = _run(db_path, "importeer", "stemmen", str(votes), "--sessie", str(sid))
    assert code == 0, out
    conn = store.connect(db_path)
    trend = knelpunten.find_knelpunt(conn, sid, "Zorgvraag per inwoner stijgt")
    assert trend["id"] != 1  # raised second, voted first: rank 1 in the list is not id 1
    code, out = _run(db_path, "knelpunten", "--sessie", str(sid))
    assert code == 0, out
    shown = re.search(r"^1\. \(id (\d+)\) (.+?) \[", out, re.MULTILINE)
    assert shown is not None, out
    assert (int(shown.group(1)), shown.group(2)) == (trend["id"], trend["title"])
    code, out = _run(
        db_path,
        "afspraak",
        "nieuw",
        "Iets (FICTIEF)",
        "--sessie",
        str(sid),
        "--knelpunt",
        shown.group(1),
    )
    assert code == 0, out
    (afspraak,) = agreements.afspraken(conn, sid)
    assert afspraak["knelpunt"] == "Zorgvraag per inwoner stijgt"


def test_readme_example_knelpunt_eenzaam_finds_the_trend_knelpunt(db_path):
    sid = _kick_off(db_path)
    code, out = _run(
        db_path,
        "afspraak",
        "nieuw",
        "Welzijn op recept (FICTIEF)",
        "--sessie",
        str(sid),
        "--knelpunt",
        "Eenzaam",
        "--indicator",
        "Eenzaam|65+",
    )
    assert code == 0, out
    conn = store.connect(db_path)
    (afspraak,) = agreements.afspraken(conn, sid)
    assert afspraak["knelpunt"] == "Eenzaam: ongunstige trend"


def test_a_part_of_several_titles_asks_which_one(db_path):
    sid = _kick_off(db_path)
    conn = store.connect(db_path)
    other = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid bij mantelzorgers (FICTIEF)")
    code, out = _run(
        db_path,
        "afspraak",
        "nieuw",
        "Iets (FICTIEF)",
        "--sessie",
        str(sid),
        "--knelpunt",
        "eenzaam",
    )
    assert code == 1
    assert f"{other}: Eenzaamheid bij mantelzorgers (FICTIEF)" in out
    assert "Eenzaam: ongunstige trend" in out and "Geef het id op" in out
    assert agreements.afspraken(conn, sid) == []
    code, out = _run(
        db_path,
        "afspraak",
        "nieuw",
        "Iets (FICTIEF)",
        "--sessie",
        str(sid),
        "--knelpunt",
        "Parkeren",
    )
    assert code == 1 and "staat niet in sessie" in out and f"{other}: Eenzaamheid" in out


def test_an_empty_session_names_the_ways_to_add_knelpunten(db_path):
    code, out = _run(
        db_path, "sessie", "nieuw", "Zonder (FICTIEF)", "--gebied", AREA, "--zonder-knelpunten"
    )
    assert code == 0, out
    sid = out.split()[0]
    code, out = _run(db_path, "knelpunten", "--sessie", sid)
    assert code == 0 and "nog geen knelpunten" in out
    assert f"wijktools importeer stemmen BESTAND --sessie {sid}" in out
    assert f"--sessie {sid} --enquete BESTAND" in out
