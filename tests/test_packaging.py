"""The wheel an adviser installs carries the open data, notebooks and templates, and works far from git."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from wijktools import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build sdist, then the wheel from that sdist (as `python -m build` does), without internet."""
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # Setuptools deprecations (license table, classifiers) would be printed as warnings.
    assert "Deprecat" not in done.stdout + done.stderr
    (found,) = out.glob("wijktools-*.whl")
    return found


def _tracked(pattern: str) -> list[str]:
    done = subprocess.run(
        ["git", "ls-files", pattern], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_wheel_carries_open_data_examples_and_notebooks(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    raw = [p for p in _tracked("data/raw") if not Path(p).name.startswith(".")]
    assert raw, "git ls-files found no open data"
    for path in raw:
        assert "wijktools/_data/" + path.removeprefix("data/") in names, path
    for path in _tracked("data/voorbeeld"):
        if not path.endswith(".py"):
            assert "wijktools/_data/" + path.removeprefix("data/") in names, path
    assert "wijktools/_data/gereedschapskist.yaml" in names
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(n.rsplit("/", 1)[-1] for n in names if n.startswith("wijktools/notebooks/")) == (
        notebooks
    )


def test_wheel_carries_templates_migrations_and_typing_marker(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("wijktools/templates", "wijktools/static", "wijktools/migrations"):
        for path in _tracked(folder):
            if not Path(path).name.startswith("."):
                assert path in names, path
    assert "wijktools/py.typed" in names


def test_wheel_metadata_licence_and_version(wheel):
    archive = zipfile.ZipFile(wheel)
    info = f"wijktools-{__version__}.dist-info"
    metadata = archive.read(f"{info}/METADATA").decode()
    assert f"Version: {__version__}\n" in metadata
    assert "License-Expression: MIT\n" in metadata
    assert "MIT License" in archive.read(f"{info}/licenses/LICENSE").decode()
    assert "Requires-Dist: dask[distributed]" in metadata and 'extra == "dask"' in metadata
    assert "nh3" not in metadata
    entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert "wijktools = wijktools.cli:main" in entry_points


@pytest.mark.slow
def test_installed_wheel_works_in_an_empty_folder(wheel, tmp_path):
    """Fresh venv with the wheel (dependencies borrowed from this venv), run far from the checkout."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # A plain path line: this venv's packages become importable, its editable wijktools does not.
    ours = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "borrowed-deps.pth").write_text(ours + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    home, work = tmp_path / "home", tmp_path / "leeg"
    home.mkdir()
    work.mkdir()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("WIJKTOOLS_", "XDG_", "PYTHON"))
    }
    env.update(HOME=str(home), MPLBACKEND="Agg")
    script = venv / "bin" / "wijktools"

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(script), *args], cwd=work, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    assert run("--version").strip() == f"wijktools {__version__}"
    where = subprocess.run(
        [python, "-c", "import wijktools; print(wijktools.__file__)"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert str(venv) in where  # the wheel, not the checkout
    assert "WK026200" in run("gebieden", "lochem")
    run("profiel", "WK026200")
    session = run("sessie", "nieuw", "Proef FICTIEF", "--gebied", "WK026200").strip()
    run("export", "--sessie", session, "--formaat", "html,xlsx")

    data = home / ".local" / "share" / "wijktools" / "data"
    documents = home / "Documents" / "wijktools" / "exports"
    assert (data / "raw" / "cbs-kwb-2024-85984NED" / "SOURCE.md").is_file()
    with sqlite3.connect(data / "sessies" / "wijktools.sqlite") as conn:
        assert conn.execute("SELECT name FROM sessions").fetchall() == [("Proef FICTIEF",)]
    written = {p.suffix for p in documents.rglob("*") if p.is_file()}
    assert {".html", ".json", ".xlsx"} <= written
    assert list(work.iterdir()) == []  # nothing lands in the folder the user happened to be in
