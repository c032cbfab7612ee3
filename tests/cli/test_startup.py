"""`wijktools --help` must start quickly: the CLI imports no heavy library until a command runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["pandas", "matplotlib", "nbformat", "geopandas", "weasyprint", "jsonschema", "numpy"]

PROBE = """
import json, sys
from wijktools.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def _heavy_loaded(argv: list[str]) -> list[str]:
    """Run the CLI in a fresh interpreter and list which heavy modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["profiel", "--help"],
        ["sessie", "nieuw", "--help"],
        ["export", "--help"],
        ["werkboek", "--help"],
        ["batch", "--help"],
        ["data", "bouwen", "--help"],
    ],
)
def test_help_imports_no_heavy_library(argv):
    assert _heavy_loaded(argv) == []


def test_every_command_registered_without_heavy_imports():
    code = (
        "import json, sys; import wijktools.cli as c; c.load_commands(); "
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []


def test_version_names_the_package_version():
    from wijktools import __version__

    done = subprocess.run(
        [sys.executable, "-m", "wijktools", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == f"wijktools {__version__}"


@pytest.mark.parametrize("code", ["WK026200", "BU19800306", "GM0363"])
def test_profiel_of_a_code_on_a_warm_cache_imports_no_pandas(code, tmp_path):
    # The first run may build a derived cache (with pandas); the second reads the mapped caches.
    argv = ["profiel", code, "--uit", str(tmp_path)]
    _heavy_loaded(argv)
    (tmp_path / "profiel.json").unlink()
    assert "pandas" not in _heavy_loaded(argv)
    assert (
        json.loads((tmp_path / "profiel.json").read_text(encoding="utf-8"))["gebied"]["code"]
        == code
    )
