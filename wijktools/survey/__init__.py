"""Survey among professionals: read exports, analyse with small-group protection, knelpunten.

Public API: `read(path, mapping=None) -> Survey`, `analyse(survey, min_group=5) -> SurveyResult`
(`.to_dict()`, `.knelpunten()`), `demo_paths() -> (example file, mapping)`; for notebooks
`load(path, mapping)` (None for an empty path). Data only: the figures are drawn by
`figures.survey`, the HTML (and the notebook view `show`) by `render.survey_html`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wijktools.paths import data_dir
from wijktools.survey.analyse import analyse
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
    "load",
    "load_mapping",
    "read",
    "too_few",
]
