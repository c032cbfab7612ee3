"""Survey among professionals: read exports, analyse with small-group protection, knelpunten, views.

Public API: `read(path, mapping=None) -> Survey`, `analyse(survey, min_group=5) -> SurveyResult`
(`.to_dict()`, `.knelpunten()`), `figures(result) -> dict[str, bytes]`,
`render_html_section(result) -> str`, `demo_paths() -> (example file, mapping)`;
for notebooks `load(path, mapping)` (None for an empty path) and `show(result)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wijktools.paths import data_dir
from wijktools.survey.analyse import analyse
from wijktools.survey.figures import figures
from wijktools.survey.html import render_html_page, render_html_section
from wijktools.survey.mapping import load_mapping
from wijktools.survey.model import Question, Survey, too_few
from wijktools.survey.read import read
from wijktools.survey.result import QuestionResult, SurveyResult

EXAMPLE_FILE = "enquete_professionals_Joure_FICTIEF.xlsx"
EXAMPLE_MAPPING = "enquete_mapping_FICTIEF.yaml"


def load(
    path: str | Path | None,
    mapping: str | Path | None = None,
    min_group: int = 5,
    *,
    open_antwoorden_ongewijzigd: bool = False,
    plaatsen: Iterable[str] = (),
) -> SurveyResult | None:
    """Read and analyse in one call; None for an empty path, so notebooks need no if-statement."""
    if path is None or not str(path).strip():
        return None
    return analyse(
        read(path, mapping or None),
        min_group=min_group,
        open_antwoorden_ongewijzigd=open_antwoorden_ongewijzigd,
        plaatsen=plaatsen,
    )


def show(result: SurveyResult | None) -> object:
    """Notebook view: the escaped HTML section, or a Dutch line when no survey was given."""
    from IPython.display import HTML

    if result is None:
        return HTML("<p>Geen enquête opgegeven (parameter <code>enquete</code> is leeg).</p>")
    return HTML(str(render_html_section(result)))


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
    "load",
    "load_mapping",
    "read",
    "render_html_page",
    "render_html_section",
    "show",
    "too_few",
]
