"""An export of a survey kept with its session reads no survey file, so it loads no file reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READERS = ("pandera", "openpyxl")


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"import json, sys\n{code}\nprint(json.dumps([m for m in {READERS!r} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_kept_result_loads_without_the_file_readers():
    code = (
        "from wijktools.survey.result import SurveyResult\n"
        "from wijktools.workshop import session_survey\n"
        "SurveyResult.from_dict({})"
    )
    assert _loaded_after(code) == []
