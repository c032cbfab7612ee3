"""Survey among professionals: read exports, analyse with small-group protection, knelpunten, views.

Public API: `read(path, mapping=None) -> Survey`, `analyse(survey, min_group=5) -> SurveyResult`
(`.to_dict()`, `.knelpunten()`), `figures(result) -> dict[str, bytes]`,
`render_html_section(result) -> str`, `demo_paths() -> (example file, mapping)`.
"""

from __future__ import annotations

from pathlib import Path

from wijktools.paths import data_dir
from wijktools.survey.analyse import QuestionResult, SurveyResult, analyse
from wijktools.survey.figures import figures
from wijktools.survey.html import render_html_page, render_html_section
from wijktools.survey.model import Question, Survey, too_few
from wijktools.survey.read import load_mapping, read

EXAMPLE_FILE = "enquete_professionals_Joure_FICTIEF.xlsx"
EXAMPLE_MAPPING = "enquete_mapping_FICTIEF.yaml"


def demo_paths() -> tuple[Path, Path]:
    """The fictional example export (Microsoft Forms shape) and its mapping, for `make demo`."""
    folder = data_dir() / "voorbeeld"
    return folder / EXAMPLE_FILE, folder / EXAMPLE_MAPPING


__all__ = [
    "Question",
    "QuestionResult",
    "Survey",
    "SurveyResult",
    "analyse",
    "demo_paths",
    "figures",
    "load_mapping",
    "read",
    "render_html_page",
    "render_html_section",
    "too_few",
]
