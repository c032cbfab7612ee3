"""notebooks/02-netwerkkaart.ipynb runs top to bottom under papermill on a fresh store."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "02-netwerkkaart.ipynb"


@pytest.mark.slow
def test_notebook_runs_on_empty_store_with_demo_session(tmp_path, monkeypatch):
    papermill = pytest.importorskip("papermill")
    db = tmp_path / "leeg.sqlite"
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    out = tmp_path / "uit.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"db": str(db)},
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
        kernel_name="python3",
    )
    text = out.read_text(encoding="utf-8")
    assert "Kick-off Joure (FICTIEF voorbeeld)" in text
    assert "image/png" in text
    from wijktools.store import connection as store
    from wijktools.store import sessions

    assert len(sessions.list_sessions(store.connect(db))) == 1


def test_notebook_is_thin_and_has_parameters_cell():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert "sessie: int = 0" in code[0].source and 'db: str = ""' in code[0].source
    for cell in code:
        for word in ("def ", "class ", "for ", "while ", "if "):
            assert word not in cell.source, cell.source
