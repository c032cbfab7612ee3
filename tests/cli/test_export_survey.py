"""The survey given to a session reaches its export without being given again (FICTIEF survey).

End to end through the CLI on a non-demo area (Lochem, WK026200) with the fictional survey of
data/voorbeeld, in a copy whose open answers name a person, a phone number and an e-mail address.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from wijktools import survey
from wijktools.cli import app, main
from wijktools.store import connection as store
from wijktools.store import surveys
from wijktools.workshop import knelpunten

AREA = "WK026200"  # Lochem; not one of the demo areas
OPEN_QUESTION = "Wat zijn volgens u de grootste knelpunten in de samenwerking in de wijk?"
# Personal details put into open answers of the copy (the file itself is FICTIEF).
PERSON, PHONE, EMAIL = "Jan de Vries", "06-12345678", "jan.devries@voorbeeld.invalid"
HOSTILE = f"Bel {PERSON} op {PHONE} of mail {EMAIL}, de wachttijd is lang."
# The fictional survey's disciplines with fewer than 5 respondents (data/voorbeeld/maak_voorbeeld_enquete.py).
SMALL_GROUPS = ("POH-GGZ", "Apotheek", "Welzijn", "Ergotherapie")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def hostile_copy(folder: Path) -> Path:
    """The FICTIEF example survey with personal details in three open answers."""
    source, _mapping = survey.demo_paths()
    target = folder / "enquete_met_namen_FICTIEF.xlsx"
    book = load_workbook(source)
    sheet = book["Sheet1"]
    header = [cell.value for cell in sheet[1]]
    column = header.index(OPEN_QUESTION) + 1
    for row in (2, 3, 4):
        sheet.cell(row=row, column=column).value = HOSTILE
    book.save(target)
    return target


def section(html: str, key: str) -> str:
    """The text of one <section id=key> of an exported HTML file."""
    match = re.search(rf'<section id="{key}">(.*?)</section>', html, re.S)
    assert match, f"no section {key}"
    return match.group(1)


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> dict:
    """sessie nieuw --enquete, then export html and slides without --enquete."""
    folder = tmp_path_factory.mktemp("enquete")
    db = folder / "wijktools.sqlite"
    enquete = hostile_copy(folder)
    _example, mapping = survey.demo_paths()
    made = run(
        "sessie", "nieuw", "Kick-off Lochem", "--gebied", AREA, "--datum", "2-12-2026",
        "--enquete", str(enquete), "--mapping", str(mapping), "--db", str(db),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    sid = int(made.stdout.strip())
    assert f"De enquête {enquete.name} is bij werksessie {sid} bewaard" in made.stderr
    out = folder / "uit"
    exported = run(
        "export", "--sessie", str(sid), "--formaat", "html,slides", "--uit", str(out),
        "--db", str(db),
    )  # fmt: skip
    assert exported.exit_code == 0, exported.output
    html = next(out.glob("*-rapport.html")).read_text(encoding="utf-8")
    slides = next(out.glob("*-presentatie.html")).read_text(encoding="utf-8")
    return {
        "db": db,
        "sid": sid,
        "enquete": enquete,
        "mapping": mapping,
        "stdout": exported.stdout,
        "html": html,
        "slides": slides,
        "folder": folder,
    }


def test_export_without_enquete_has_the_kept_survey_in_report_and_slides(kept):
    line = f"Enquête: {kept['enquete'].name}, bewaard bij werksessie {kept['sid']} (ingelezen op "
    assert line in kept["stdout"]
    part = section(kept["html"], "enquete")
    assert "Er is geen enquête onder de professionals" not in part
    # The figures are read from the file itself, not from wijktools' own analysis.
    rows = list(load_workbook(kept["enquete"], read_only=True)["Sheet1"].values)
    at = rows[0].index("Wat is uw discipline?")
    answers = [r for r in rows[1:] if any(v is not None for v in r)]
    respondents = len(answers)
    disciplines: dict[str, int] = {}
    for r in answers:
        disciplines[r[at]] = disciplines.get(r[at], 0) + 1
    assert sorted(n for n, c in disciplines.items() if c < 5) == sorted(SMALL_GROUPS)
    assert f"n = {respondents}" in part
    for name, count in disciplines.items():
        if count >= 5:
            assert re.search(rf"{re.escape(name)}</td>\s*<td[^>]*>{count}<", part), name
    slides_part = "".join(
        section(kept["slides"], key) for key in ("enquete_respondenten", "enquete_vragen")
    )
    assert f"n = {respondents}" in slides_part
    assert "Huisarts" in slides_part and "Ik weet wie ik moet bellen" in slides_part


def test_groups_under_five_stay_out(kept):
    part = section(kept["html"], "enquete")
    slides_part = "".join(
        section(kept["slides"], key) for key in ("enquete_respondenten", "enquete_vragen")
    )
    for name in SMALL_GROUPS:
        assert name not in part and name not in slides_part, name
    stored = surveys.get(store.connect(kept["db"]), kept["sid"])
    hidden = [g for g in stored.result["disciplines"] if g["groep"] in SMALL_GROUPS]
    assert sorted(g["groep"] for g in hidden) == sorted(SMALL_GROUPS)
    for group in hidden:  # kept without any count, as every view shows it
        assert group == {
            "groep": group["groep"],
            "onderdrukt": True,
            "melding": "te weinig respondenten (minder dan 5)",
            "opgenomen_in": "overige disciplines",
        }


def test_no_personal_details_in_the_store_or_the_outputs(kept):
    raw = b"".join(
        path.read_bytes() for path in kept["db"].parent.glob("wijktools.sqlite*")
    ).decode("utf-8", "replace")
    dump = "\n".join(sqlite3.connect(kept["db"]).iterdump())
    for text in (raw, dump, kept["html"], kept["slides"]):
        for detail in (
            PERSON,
            "de Vries",
            PHONE,
            "12345678",
            EMAIL,
            "Fictief Persoon",
            "fictief.persoon",
        ):
            assert detail not in text, detail
    # Not even the text of an answer without personal details: only themes and counts are kept.
    assert "tussen wal en schip" not in dump
    assert "De open antwoorden zelf zijn niet bij de werksessie bewaard" in section(
        kept["html"], "enquete"
    )


def test_kept_survey_names_file_hash_and_date(kept):
    stored = surveys.get(store.connect(kept["db"]), kept["sid"])
    assert stored.file_name == kept["enquete"].name
    assert stored.sha256 == hashlib.sha256(kept["enquete"].read_bytes()).hexdigest()
    assert stored.read_on == date.today().isoformat()


def test_taking_the_survey_over_again_doubles_nothing(kept, tmp_path):
    db = tmp_path / "kopie.sqlite"
    store.backup(store.connect(kept["db"]), db)
    conn = store.connect(db)
    before = [k["title"] for k in knelpunten.knelpunten(conn, kept["sid"])]
    first = surveys.get(conn, kept["sid"])
    for _ in range(2):
        again = run(
            "knelpunten", "overnemen", "--sessie", str(kept["sid"]), "--zonder-wijkprofiel",
            "--enquete", str(kept["enquete"]), "--mapping", str(kept["mapping"]), "--db", str(db),
        )  # fmt: skip
        assert again.exit_code == 0, again.output
        assert again.stdout.startswith("0 knelpunten overgenomen")
        assert f"De enquête {kept['enquete'].name} is bij werksessie {kept['sid']} bewaard" in (
            again.stdout
        )
    conn = store.connect(db)
    assert [k["title"] for k in knelpunten.knelpunten(conn, kept["sid"])] == before
    rows = conn.execute(
        "SELECT count(*) FROM session_surveys WHERE session_id = ?", (kept["sid"],)
    ).fetchone()
    assert rows[0] == 1
    assert surveys.get(conn, kept["sid"]) == first


def test_a_given_file_wins_and_is_not_kept(kept, tmp_path):
    db = tmp_path / "kopie.sqlite"
    store.backup(store.connect(kept["db"]), db)
    example, mapping = survey.demo_paths()
    result = run(
        "export", "--sessie", str(kept["sid"]), "--formaat", "html", "--uit", str(tmp_path),
        "--enquete", str(example), "--mapping", str(mapping), "--db", str(db),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Enquête: {example.name} (opgegeven bij de export;" in result.stdout
    assert f"bewaarde enquête {kept['enquete'].name}" in result.stdout
    stored = surveys.get(store.connect(db), kept["sid"])
    assert stored.file_name == kept["enquete"].name
    assert stored.sha256 == hashlib.sha256(kept["enquete"].read_bytes()).hexdigest()
    # The given file's own (de-identified) analysis is shown, not the kept one.
    html = next(tmp_path.glob("*-rapport.html")).read_text(encoding="utf-8")
    assert "niet bij de werksessie bewaard" not in section(html, "enquete")


def test_unchanged_open_answers_need_the_file(kept, tmp_path, capsys):
    code = main([
        "export", "--sessie", str(kept["sid"]), "--formaat", "html", "--uit", str(tmp_path),
        "--open-antwoorden-ongewijzigd", "--db", str(kept["db"]),
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Fout: De open antwoorden ongewijzigd tonen kan alleen")
    assert "--enquete BESTAND" in err and kept["enquete"].name in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_vervolg_does_not_take_the_kick_off_survey_as_its_own(kept, tmp_path):
    db = tmp_path / "kopie.sqlite"
    store.backup(store.connect(kept["db"]), db)
    made = run(
        "sessie", "nieuw", "Vervolg Lochem", "--gebied", AREA, "--soort", "vervolg",
        "--datum", "1-6-2027", "--zonder-knelpunten", "--db", str(db),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    followup = int(made.stdout.strip())
    assert surveys.get(store.connect(db), followup) is None
    result = run(
        "export", "--sessie", str(followup), "--formaat", "html", "--uit", str(tmp_path / "uit"),
        "--db", str(db),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Geen enquête bij werksessie {followup}" in result.stdout
    assert f"hoort bij de vorige werksessie {kept['sid']}" in result.stdout
    html = next((tmp_path / "uit").glob("*-rapport.html")).read_text(encoding="utf-8")
    part = section(html, "enquete")
    assert "Er is geen enquête onder de professionals" in part and "n = " not in part
    assert "wijktools knelpunten overnemen --sessie N --enquete BESTAND" in part  # what to do
