"""Survey analysis: summaries, knelpunten with visible rules, figures, escaped HTML and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from wijktools import survey
from wijktools.cli import app
from wijktools.figures import survey as survey_figures
from wijktools.render import survey_html
from wijktools.survey.keywords import group_answers
from wijktools.survey.output import summary_text

KNELPUNT_KEYS = {"titel", "toelichting", "bron", "regel", "waarde"}


@pytest.fixture(scope="module")
def example() -> survey.SurveyResult:
    return survey.analyse(survey.read(*survey.demo_paths()))


def test_example_summary_counts_and_percentages(example):
    data = example.to_dict()
    json.dumps(data)  # serialisable as is
    assert data["aantal_respondenten"] == 30 and data["bron"] == "enquête onder professionals"
    assert data["bronregel"] == "Bron: enquête onder professionals, 14 oktober 2026; n = 30"
    likert = [q for q in data["vragen"] if q["type"] == "likert"]
    assert len(likert) == 6
    for q in likert:
        dist = q["totaal"]["verdeling"]
        assert dist[0]["antwoord"] == "helemaal mee oneens"
        assert sum(d["aantal"] for d in dist) == q["totaal"]["n"]
        assert sum(d["percentage"] for d in dist) == pytest.approx(100, abs=0.3)
    multi = next(q for q in data["vragen"] if q["type"] == "meerdere_keuzes")
    assert sum(d["percentage"] for d in multi["totaal"]["verdeling"]) > 100  # more answers possible
    number = next(q for q in data["vragen"] if q["type"] == "getal")
    assert {"gemiddelde", "mediaan"} <= set(number["totaal"])
    # Ergotherapie (1) and the other small disciplines are only visible as part of 'overige'.
    discipline = {g["groep"]: g for g in data["disciplines"]}
    assert discipline["overige disciplines"]["bevat"] == [
        "Apotheek",
        "Ergotherapie",
        "POH-GGZ",
        "Welzijn",
    ]
    assert discipline["Ergotherapie"]["melding"] == "te weinig respondenten (minder dan 5)"


def test_knelpunten_shape_rule_and_threshold(example):
    items = example.knelpunten()
    assert items and all(set(k) == KNELPUNT_KEYS and k["bron"] == "enquête" for k in items)
    statements = [k for k in items if k["titel"].startswith("Oneens met")]
    assert statements[0]["waarde"] == max(k["waarde"] for k in statements)
    assert all(k["waarde"] >= 40 for k in statements)
    assert statements[0]["toelichting"].startswith(
        "63 % (helemaal) mee oneens met 'Ik krijg terugkoppeling"
    )
    assert "ten minste 40 %" in statements[0]["regel"]
    themes = [k for k in items if k["titel"].startswith("Genoemd knelpunt")]
    assert themes and "Wachttijden" in themes[0]["titel"]
    assert "trefwoorden: wachttijd" in themes[0]["toelichting"]
    assert example.to_dict()["knelpunten"] == items


def test_knelpunten_threshold_is_visible_and_adjustable():
    s = survey.read(*survey.demo_paths())
    strict = survey.analyse(s, disagree_threshold=60)
    statements = [k for k in strict.knelpunten() if k["titel"].startswith("Oneens")]
    assert [round(k["waarde"]) for k in statements] == [63]
    assert "ten minste 60 %" in statements[0]["regel"]


def test_open_answers_grouped_by_keyword_list():
    grouped = dict(
        group_answers(["Lange wachttijd", "Slecht bereikbaar", "Anders"], {"Wachten": ["wacht"]})
    )
    assert grouped == {"Wachten": ["Lange wachttijd"], "overig": ["Slecht bereikbaar", "Anders"]}


def test_figures_are_png_with_stable_keys(example):
    figs = survey_figures.figures(example)
    assert "stellingen_eens" in figs and "disciplines" in figs
    assert sum(k.endswith("_per_discipline") for k in figs) == 6
    assert all(png.startswith(b"\x89PNG") for png in figs.values())


def test_html_section_escapes_user_text(tmp_path: Path):
    path = tmp_path / "enquete.csv"
    rows = ["Discipline;<b>Stelling</b>;Wat gaat er mis?"]
    rows += [f"Huisarts & co;mee oneens;<script>alert({i})</script> wachttijd" for i in range(5)]
    path.write_text("\n".join(rows), encoding="utf-8")
    html = survey_html.render_html_section(survey.analyse(survey.read(path)), figs={})
    assert "<script>" not in html and "<b>Stelling</b>" not in html
    assert "&lt;script&gt;" in html and "Huisarts &amp; co" in html
    assert html.lstrip().startswith("<section")


def test_html_section_shows_tables_figures_and_rules(example):
    html = survey_html.render_html_section(example)
    assert html.count("data:image/png;base64,") == len(survey_figures.figures(example))
    assert "overige disciplines" in html and "te weinig respondenten (minder dan 5)" in html
    assert "Regel: stelling waarmee ten minste 40 %" in html
    assert "Bron: enquête onder professionals, 14 oktober 2026; n = 30" in html


def test_cli_writes_json_and_html(tmp_path: Path):
    example, mapping = survey.demo_paths()
    result = CliRunner().invoke(
        app, ["enquete", str(example), "--mapping", str(mapping), "--uit", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "Respondenten: 30" in result.output and "overige disciplines 7" in result.output
    data = json.loads((tmp_path / "enquete.json").read_text(encoding="utf-8"))
    assert data["aantal_respondenten"] == 30 and data["knelpunten"]
    page = (tmp_path / "enquete.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "https://" not in page
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_bad_input_is_a_dutch_line_and_writes_nothing(tmp_path: Path):
    import subprocess
    import sys

    out = tmp_path / "uit"
    proc = subprocess.run(
        [sys.executable, "-m", "wijktools", "enquete", str(FIXTURES / "enquete_likert_buiten_schaal.csv"), "--uit", str(out)],
        capture_output=True, text=True, env={"PYTHONPATH": str(Path.cwd()), "PATH": ""},
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.startswith("Fout: Het bestand") and "rij 3" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_cli_help_has_dutch_example():
    result = CliRunner().invoke(app, ["enquete", "--help"])
    assert result.exit_code == 0
    assert "Voorbeeld: wijktools enquete" in result.output and "--mapping" in result.output


def test_knelpunt_wording_follows_the_scale():
    items = survey.analyse(survey.read(FIXTURES / "enquete_limesurvey.csv")).knelpunten()
    assert items[0]["titel"].startswith("Lage score op")
    assert items[0]["toelichting"].startswith("67 % geeft een 1 of 2 op")
    assert "schaal 1 tot en met 5" in items[0]["regel"]


def test_section_is_markup_so_the_profile_page_does_not_escape_it_twice(example):
    from markupsafe import Markup

    from wijktools.render.env import environment

    section = survey_html.render_html_section(example, figs={})
    assert isinstance(section, Markup)
    page = environment().from_string("<main>{{ enquete }}</main>").render(enquete=section)
    assert "<section" in page and "&lt;section" not in page


def test_notebook_helpers_need_no_branching():
    assert survey.load("") is None and survey.load(None) is None
    assert "Geen enquête opgegeven" in survey_html.show(None).data
    example, mapping = survey.demo_paths()
    result = survey.load(str(example), str(mapping))
    assert result is not None and result.n == 30
    assert "<section" in survey_html.show(result).data


def test_survey_without_discipline_column_has_no_breakdown(tmp_path: Path):
    path = tmp_path / "enquete.csv"
    rows = ["Stelling;Opmerking"] + [f"mee oneens;Lange wachttijd {i}" for i in range(6)]
    path.write_text("\n".join(rows), encoding="utf-8")
    result = survey.analyse(survey.read(path))
    data = result.to_dict()
    assert data["disciplinekolom"] is None and data["disciplines"] == []
    assert all("per_discipline" not in q for q in data["vragen"])
    assert result.knelpunten()[0]["waarde"] == 100.0
    assert "Disciplines: geen disciplinekolom" in summary_text(result)
