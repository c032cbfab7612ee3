"""The batch fast path writes exactly what `wijktools profiel` writes, byte for byte."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wijktools import batch
from wijktools.batch import executors, tasks
from wijktools.batch.selection import Target
from wijktools.opendata import areas
from wijktools.profile import build as profile
from wijktools.render import profile_html

ROOT = Path(__file__).resolve().parents[2]
_STAMP = re.compile(rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?")


def _same(a: Path, b: Path) -> bool:
    """Equal apart from timestamps (there are none today; a later 'gemaakt op' must not break this)."""
    return _STAMP.sub(b"<tijd>", a.read_bytes()) == _STAMP.sub(b"<tijd>", b.read_bytes())


@pytest.mark.slow
def test_fast_path_equals_profile_write_outputs(tmp_path):
    targets = [
        Target("WK026200", "WK026200"),
        Target("KERN-lochem", "Lochem", ("WK026200", "WK026201")),
    ]
    pool = executors.make(workers=2, initializer=tasks.warm)
    try:
        result = batch.run(targets, tmp_path / "batch", executor=pool, inputs=[])
    finally:
        pool.close()
    assert [r.status for r in result.results] == ["klaar", "klaar"]
    direct = {
        "WK026200": profile.build(areas.lookup("WK026200")),
        "kern-lochem": profile.build(areas.kern("Lochem", ["WK026200", "WK026201"])),
    }
    for folder, built in direct.items():
        written = profile_html.write_outputs(built, tmp_path / "direct" / folder)
        assert {p.name for p in written} == {"wijkprofiel.html", "profiel.json"}
        for path in written:
            assert _same(path, tmp_path / "batch" / folder / path.name), path.name


# A wijk, a buurt, a gemeente, and a buurt without RIVM figures (its wijk changed after 2020).
EQUAL_CODES = ("WK026200", "BU02620000", "GM0262", "BU00140100")


@pytest.mark.slow
def test_batch_equals_cli_profiel_for_wijk_buurt_gemeente_and_area_without_rivm(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-m", "wijktools"]
    codes = tmp_path / "codes.txt"
    codes.write_text("\n".join(EQUAL_CODES) + "\n", encoding="utf-8")
    subprocess.run(
        [*run, "batch", "--codes", str(codes), "--uit", str(tmp_path / "batch"), "--workers", "2"],
        check=True,
        env=env,
        cwd=ROOT,
    )
    for code in EQUAL_CODES:
        cli = tmp_path / "cli" / code
        subprocess.run([*run, "profiel", code, "--uit", str(cli)], check=True, env=env, cwd=ROOT)
        for name in ("wijkprofiel.html", "profiel.json"):
            assert _same(cli / name, tmp_path / "batch" / code / name), (code, name)
    without = (tmp_path / "batch" / "BU00140100" / "wijkprofiel.html").read_text(encoding="utf-8")
    assert "Gezondheid en welzijn (18+)" not in without  # no RIVM figure drawn from nothing
    assert "Leeftijdsopbouw" in without


def test_zonder_figuren_equals_profile_without_figures(tmp_path):
    result = batch.run(
        [Target("WK026201", "WK026201")],
        tmp_path / "batch",
        area_fn=tasks.build_profile_without_figures,
        mode=batch.NO_FIGURES,
        inputs=[],
    )
    assert result.results[0].status == "klaar"
    built = profile.build(areas.lookup("WK026201"))
    for path in profile_html.write_outputs(built, tmp_path / "direct", with_figures=False):
        assert _same(path, tmp_path / "batch" / "WK026201" / path.name), path.name
    assert (
        "data:image/png" not in (tmp_path / "batch" / "WK026201" / "wijkprofiel.html").read_text()
    )
