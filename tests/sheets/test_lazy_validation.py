"""The sheet reader loads pandera only when it validates: an export or a profile never pays for it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loaded(code: str) -> bool:
    probe = f"import json, sys\n{code}\nprint(json.dumps('pandera' in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_export_modules_do_not_import_pandera():
    assert not _loaded("import wijktools.network, wijktools.report.assemble, wijktools.export")


def test_validation_still_reports_in_dutch(tmp_path):
    import pandas as pd
    import pandera.pandas as pa
    import pytest

    from wijktools.errors import DataFileError, DataFileErrors
    from wijktools.sheets.read import validate

    schema = pa.DataFrameSchema({"Stemmen": pa.Column(int, pa.Check.ge(0))})
    frame = pd.DataFrame({"Stemmen": [3, -1]}, index=pd.Index([2, 3]))
    with pytest.raises((DataFileError, DataFileErrors)) as caught:
        validate(frame, schema, tmp_path / "stemmen.xlsx")
    assert "stemmen.xlsx" in str(caught.value)
