"""A small real per-area function for the batch tests, until/besides the real profile.

Module-level so process pools and Dask workers can pickle it by reference.
"""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import escape

from wijktools.batch import tasks
from wijktools.batch.selection import Target
from wijktools.paths import write_text_atomic


def build(target: Target, out_dir: Path) -> list[Path]:
    """Writes wijkprofiel.html + profiel.json from the real area data, as the profile does."""
    area = tasks.resolve(target)
    html = f"<h1>{escape(area.name)}</h1><p>{area.inwoners}</p>"
    return [
        write_text_atomic(out_dir / "wijkprofiel.html", html),
        write_text_atomic(out_dir / "profiel.json", json.dumps(area.to_dict(), ensure_ascii=False)),
    ]


def crash(target: Target, out_dir: Path) -> list[Path]:
    """A bug (not a user error) for one area: it must be reported, not stop the batch."""
    if target.key.endswith("1"):
        raise RuntimeError("stuk")
    return build(target, out_dir)
