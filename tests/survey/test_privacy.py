"""The n<5 rule at every level: whole survey, discipline, question, open answers, and by subtraction."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from wijktools import survey
from wijktools.cli import app
from wijktools.figures import survey as survey_figures
from wijktools.render import survey_html
from wijktools.survey.groups import plan_groups

TOO_FEW = "te weinig respondenten (minder dan 5)"
S1 = "Ik weet wie ik moet bellen bij zorgen over een patiënt"


def walk(value: object):
    """Every (key, value) pair in a nested dict/list."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k, v
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


@pytest.fixture(scope="module")
def four() -> survey.SurveyResult:
    return survey.analyse(survey.read(FIXTURES / "enquete_4_respondenten.xlsx"))


def test_four_respondents_no_percentage_in_dict_or_json(four):
    data = four.to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert data["onderdrukt"] is True and data["melding"] == TOO_FEW
    assert data["aantal_respondenten"] is None
    assert "%" not in text
    keys = {k for k, _ in walk(data)}
    assert not {
        k for k in keys if "percentage" in k or k in ("verdeling", "aantal", "n", "antwoorden")
    }
    assert all(q["melding"] == TOO_FEW for q in data["vragen"])
    assert data["knelpunten"] == [] and four.knelpunten() == []
    # Not even the open answers or a count of 4.
    assert "Wachttijd GGZ" not in text and re.search(r"\b4\b", text) is None


def test_four_respondents_no_percentage_in_html_figures_or_cli(four, tmp_path: Path):
    html = survey_html.render_html_section(four)
    assert TOO_FEW in html and "%" not in html and "<img" not in html
    assert "Wachttijd GGZ" not in html
    page = survey_html.render_html_page(four)
    assert "%" not in page
    assert survey_figures.figures(four) == {}
    result = CliRunner().invoke(
        app, ["enquete", str(FIXTURES / "enquete_4_respondenten.xlsx"), "--uit", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert TOO_FEW in result.output and "%" not in result.output
    for name in ("enquete.json", "enquete.html"):
        assert "%" not in (tmp_path / name).read_text(encoding="utf-8")


def test_min_group_is_a_parameter():
    s = survey.read(FIXTURES / "enquete_forms_nl.xlsx")
    result = survey.analyse(s, min_group=13)
    assert result.suppressed and "minder dan 13" in json.dumps(result.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("counts", "shown", "small"),
    [
        ({"a": 6, "b": 7}, [("b", ["b"]), ("a", ["a"])], []),
        # Two small groups together reach 5: shown as 'overige disciplines'.
        ({"a": 6, "b": 3, "c": 2}, [("a", ["a"]), ("overige disciplines", ["b", "c"])], ["b", "c"]),
        # One small group of 2: total minus 'a' would reveal it, so the smallest big group joins it.
        ({"a": 6, "b": 5, "c": 2}, [("a", ["a"]), ("overige disciplines", ["c", "b"])], ["c"]),
        # No safe split at all: nothing per group.
        ({"a": 5, "c": 2}, [], ["c"]),
        ({"a": 3, "b": 4}, [], ["a", "b"]),
    ],
)
def test_plan_groups_never_leaves_a_small_rest(counts, shown, small):
    got_shown, got_small = plan_groups(counts, 5)
    assert got_shown == shown and got_small == small
    visible = sum(counts[m] for _, members in got_shown for m in members)
    rest = sum(counts.values()) - visible
    assert rest == 0 or not got_shown  # total minus shown groups never reveals a small group
    assert all(sum(counts[m] for m in members) >= 5 for _, members in got_shown)


def assert_safe(groups: list[dict], total_n: int) -> None:
    """Shown groups are >=5 and cover the whole question (nothing derivable by subtraction)."""
    shown = [g for g in groups if not g["onderdrukt"]]
    hidden = [g for g in groups if g["onderdrukt"]]
    assert all(g["n"] >= 5 for g in shown)
    assert all(set(g) <= {"groep", "onderdrukt", "melding", "opgenomen_in"} for g in hidden)
    assert all(g["melding"] == TOO_FEW for g in hidden)
    if shown:
        assert sum(g["n"] for g in shown) == total_n


def test_discipline_and_question_levels_in_forms_fixture():
    data = survey.analyse(survey.read(FIXTURES / "enquete_forms_nl.xlsx")).to_dict()
    assert_safe(data["disciplines"], data["aantal_respondenten"])
    names = {g["groep"]: g for g in data["disciplines"]}
    # Apotheek (2) alone would be derivable from 12 - Huisarts - Wijkverpleging: merged with a big group.
    assert names["Apotheek"]["opgenomen_in"] == "overige disciplines"
    assert names["overige disciplines"]["n"] == 7
    for q in data["vragen"]:
        if "per_discipline" in q:
            assert_safe(q["per_discipline"], q["totaal"]["n"])
    # One huisarts answered 'Weet niet' on S1: 4 huisartsen answered, so huisarts is not shown there.
    s1 = next(q for q in data["vragen"] if q["vraag"] == S1)
    groups = {g["groep"]: g for g in s1["per_discipline"]}
    assert groups["Huisarts"] == {
        "groep": "Huisarts",
        "onderdrukt": True,
        "melding": TOO_FEW,
        "opgenomen_in": "overige disciplines",
    }
    assert groups["Wijkverpleging"]["n"] == 5


def test_no_split_when_every_discipline_is_small():
    data = survey.analyse(survey.read(FIXTURES / "enquete_google_en.csv")).to_dict()
    assert data["aantal_respondenten"] == 8
    assert all(g["onderdrukt"] for g in data["disciplines"])
    for q in data["vragen"]:
        assert all(g["onderdrukt"] for g in q.get("per_discipline", []))
    html = survey_html.render_html_section(
        survey.analyse(survey.read(FIXTURES / "enquete_google_en.csv"))
    )
    assert html.count(TOO_FEW) >= 2


def test_question_with_fewer_than_five_answers_is_suppressed(tmp_path: Path):
    path = tmp_path / "enquete.csv"
    rows = ["Discipline;Stelling;Opmerking"]
    rows += [f"Huisarts;mee eens;{'Geheim antwoord ' + str(i) if i < 3 else ''}" for i in range(6)]
    path.write_text("\n".join(rows), encoding="utf-8")
    result = survey.analyse(survey.read(path))
    data = result.to_dict()
    open_q = next(q for q in data["vragen"] if q["vraag"] == "Opmerking")
    assert open_q["totaal"] == {
        "groep": "alle respondenten",
        "onderdrukt": True,
        "melding": TOO_FEW,
    }
    assert "antwoorden" not in open_q
    assert data["open_antwoorden"] == {"onderdrukt": True, "melding": TOO_FEW}
    html = survey_html.render_html_section(result)
    text = json.dumps(data, ensure_ascii=False) + html
    assert "Geheim antwoord" not in text


def test_open_answers_listed_sorted_and_without_discipline():
    data = survey.analyse(survey.read(FIXTURES / "enquete_forms_nl.xlsx")).to_dict()
    q = next(q for q in data["vragen"] if q["type"] == "open")
    assert q["antwoorden"] == sorted(q["antwoorden"], key=str.casefold)
    assert "per_discipline" not in q


def test_no_personal_data_in_any_output(tmp_path: Path):
    example, mapping = survey.demo_paths()
    result = survey.analyse(survey.read(example, mapping))
    text = json.dumps(result.to_dict(), ensure_ascii=False) + survey_html.render_html_section(
        result
    )
    assert "@voorbeeld.invalid" not in text and "Fictief Persoon" not in text
    for header in ("Begintijd", "Tijd van voltooiing", "Tijd van laatste wijziging"):
        assert header not in text
