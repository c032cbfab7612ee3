"""Open survey answers lose names, phone numbers, e-mail and addresses before any output (deduce).

The sentences are FICTIEF but written the way professionals answer an open question.
"""

import csv
import json

import pytest
from typer.testing import CliRunner

from wijktools import survey
from wijktools.cli import app
from wijktools.render import survey_html
from wijktools.survey.deidentify import deidentify
from wijktools.survey.deidentify import place_keys as deidentify_keys

ANSWERS = [
    "Collega Jan de Vries van de wijkverpleging in Joure (bel 06-12345678) weet wie er "
    "alleen woont.",
    "Mevrouw A. Bakker aan de Midstraat 12 krijgt te laat terugkoppeling van de POH-GGZ.",
    "Mail j.devries@zorgjoure.nl of bel 0513-412345 voor het MDO op dinsdag.",
    "Overleg met dr. Pietersen in Sneek loopt goed, in Joure minder.",
    "Wachttijd fysiotherapie is te lang; het sociaal wijkteam is moeilijk bereikbaar.",
]


@pytest.fixture(scope="module")
def cleaned():
    return deidentify(ANSWERS, plaatsen=["Joure"])


def test_persons_phones_mail_and_addresses_are_replaced(cleaned):
    text = "\n".join(cleaned.texts)
    for secret in (
        "Jan de Vries",
        "Bakker",
        "Pietersen",
        "06-12345678",
        "0513-412345",
        "j.devries@zorgjoure.nl",
        "Midstraat 12",
    ):
        assert secret not in text, secret
    assert cleaned.counts["PERSOON"] == 3
    assert cleaned.counts["TELEFOON"] == 2
    assert cleaned.counts["E-MAIL"] == 1
    assert cleaned.counts["ADRES"] == 1
    assert cleaned.total == sum(cleaned.counts.values())


def test_the_wijk_itself_stays_readable_other_places_do_not(cleaned):
    assert "in Joure" in cleaned.texts[0] and "in Joure minder" in cleaned.texts[3]
    assert "Sneek" not in cleaned.texts[3] and "[PLAATS]" in cleaned.texts[3]


def test_the_cbs_name_of_the_wijk_keeps_its_place_readable():
    assert {"joure", "wijk 19 joure"} <= deidentify_keys(["Wijk 19 Joure"])
    assert "joure" in deidentify_keys(["Buurt 01 Joure-Noord / Joure"])


def test_text_without_personal_data_is_unchanged(cleaned):
    assert cleaned.texts[4] == ANSWERS[4]
    assert "POH-GGZ" in cleaned.texts[1] and "MDO op dinsdag" in cleaned.texts[2]


def _survey_file(path):
    rows = [
        ("huisarts", ANSWERS[0]),
        ("wijkverpleging", ANSWERS[1]),
        ("huisarts", ANSWERS[2]),
        ("fysiotherapie", ANSWERS[3]),
        ("apotheek", ANSWERS[4]),
    ]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Wat is uw discipline?", "Wat zijn de grootste knelpunten in de wijk?"])
        writer.writerows(rows)
    return path


def test_every_view_of_the_analysis_gets_placeholders_and_says_so(tmp_path):
    path = _survey_file(tmp_path / "enquete.csv")
    result = survey.analyse(survey.read(path), plaatsen=["Joure"])
    data = json.dumps(result.to_dict(), ensure_ascii=False)
    html = str(survey_html.render_html_section(result))
    for view in (data, html):
        assert "Pietersen" not in view and "06-12345678" not in view
        assert "[PERSOON]" in view
        assert "ontdaan van namen van personen" in view
    assert result.to_dict()["open_antwoorden_gedeidentificeerd"] is True
    assert result.to_dict()["open_antwoorden_vervangen"]["TELEFOON"] == 2


def test_only_an_explicit_choice_keeps_answers_as_entered(tmp_path):
    path = _survey_file(tmp_path / "enquete.csv")
    result = survey.analyse(survey.read(path), open_antwoorden_ongewijzigd=True)
    html = str(survey_html.render_html_section(result))
    assert "Pietersen" in html
    assert "ongewijzigd" in html and result.to_dict()["open_antwoorden_gedeidentificeerd"] is False


def test_cli_states_which(tmp_path):
    path = _survey_file(tmp_path / "enquete.csv")
    runner = CliRunner()
    out = tmp_path / "uit"
    done = runner.invoke(app, ["enquete", str(path), "--uit", str(out), "--plaats", "Joure"])
    assert done.exit_code == 0, done.output
    assert "ontdaan van namen van personen" in done.output
    assert "Pietersen" not in (out / "enquete.html").read_text(encoding="utf-8")
    raw = runner.invoke(
        app, ["enquete", str(path), "--uit", str(out), "--open-antwoorden-ongewijzigd"]
    )
    assert raw.exit_code == 0, raw.output
    assert "ongewijzigd" in raw.output
    assert "Pietersen" in (out / "enquete.html").read_text(encoding="utf-8")


def test_loading_deduce_leaves_logging_alone(cleaned):
    import logging

    from wijktools.survey.deidentify import _import_deduce

    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    _import_deduce()
    assert (root.level, list(root.handlers)) == before
