"""The four notebooks: papermill reads every parameter, git holds no outputs, 01 and 03 run on real data."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from papermill.inspection import inspect_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))


def _parameters_cell(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{path.name}: one cell tagged 'parameters'"
    return cells[0].source


def test_there_are_four_notebooks():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01-", "02-", "03-", "04-"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_papermill_infers_every_parameter_with_default_and_help(path):
    assigned = {
        node.target.id: ast.literal_eval(node.value)
        for node in ast.parse(_parameters_cell(path)).body
        if isinstance(node, ast.AnnAssign)
    }
    inferred = inspect_notebook(str(path))
    assert set(inferred) == set(assigned)
    for name, info in inferred.items():
        # papermill keeps the default as source text; it must be the whole literal, not "(".
        assert ast.literal_eval(info["default"]) == assigned[name], name
        assert info["help"], f"{path.name}: '{name}' has no explanation for --help-notebook"
        assert info["inferred_type_name"] in {"str", "int", "bool", "float"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_is_kept_from_the_formatter(path):
    assert _parameters_cell(path).startswith("# fmt: off\n")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name
    assert "widgets" not in nb.metadata


def test_nbstripout_verify_agrees():
    tool = shutil.which("nbstripout", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("nbstripout not installed (make install brings it)")
    done = subprocess.run(
        [tool, "--keep-id", "--verify", *map(str, NOTEBOOKS)], capture_output=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _run(name: str, tmp_path: Path, *params: str) -> nbformat.NotebookNode:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "WIJKTOOLS_DB": str(tmp_path / "db.sqlite"),
        "WIJKTOOLS_EXPORTS": str(tmp_path / "exports"),
    }
    out = tmp_path / name
    subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(ROOT / "notebooks" / name),
            str(out),
            *params,
            "--cwd",
            str(tmp_path),
            "--no-progress-bar",
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    return nbformat.read(out, as_version=4)


def _html_outputs(nb: nbformat.NotebookNode) -> str:
    return "\n".join(
        "".join(o.get("data", {}).get("text/html", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


def _assert_dutch_tables(html: str) -> None:
    """Styled tables only: no raw DataFrame repr (index column, 7890.0), no English decimals."""
    assert "<table" in html
    assert 'class="dataframe"' not in html
    assert 'class="row_heading' not in html
    # 12.500 is Dutch (thousands); 7890.0 or 27.43 is a raw float.
    assert re.search(r">\s*-?\d+\.(\d{1,2}|\d{4,})\s*<", html) is None


@pytest.mark.slow
def test_wijkprofiel_notebook_runs_and_shows_dutch_tables(tmp_path):
    nb = _run("01-wijkprofiel.ipynb", tmp_path, "-p", "gebied", "WK026200")
    html = _html_outputs(nb)
    written = sorted(p.name for p in (tmp_path / "exports").rglob("*") if p.is_file())
    assert "wijkprofiel.html" in written and "profiel.json" in written
    # Dutch-formatted tables without the pandas index column: no "7890.0", no <th> row numbers.
    assert "Wijk 00 Lochem" in (tmp_path / "exports").joinpath(
        next(p for p in (tmp_path / "exports").iterdir() if p.is_dir()).name, "wijkprofiel.html"
    ).read_text(encoding="utf-8")
    _assert_dutch_tables(html)
    # KWB 2024: WK026200 has 12500 inwoners (data/raw/cbs-kwb-2024-85984NED), in the demand table.
    assert ">12.500<" in html


@pytest.mark.slow
def test_prioriteiten_notebook_runs_on_the_fictional_session(tmp_path):
    nb = _run("03-prioriteiten-en-afspraken.ipynb", tmp_path)
    html = _html_outputs(nb)
    assert "FICTIEF" in html or "fictie" in html.lower()
    _assert_dutch_tables(html)


@pytest.mark.slow
def test_prioriteiten_notebook_shows_the_advisers_newest_session(tmp_path):
    """Step 3 without parameters follows step 2: the adviser's own session, not a fictional one."""
    from wijktools.store import connection as store
    from wijktools.workshop import knelpunten
    from wijktools.workshop.sessions import create_session

    conn = store.connect(tmp_path / "db.sqlite")
    sid = create_session(conn, "Kick-off Assendorp", "WK019313", dates=["2027-02-01"])
    knelpunten.add_knelpunt(conn, sid, "Wachttijd POH-GGZ in Assendorp")
    conn.close()
    nb = _run("03-prioriteiten-en-afspraken.ipynb", tmp_path)
    text = "\n".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/html", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "Kick-off Assendorp" in text and "Wachttijd POH-GGZ in Assendorp" in text
    assert "FICTIEF" not in text
    conn = store.connect(tmp_path / "db.sqlite")
    assert [r["id"] for r in conn.execute("SELECT id FROM sessions")] == [sid]  # nothing added
