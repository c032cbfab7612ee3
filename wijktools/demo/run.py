"""`make demo`: every step of the workbook on the shipped data and the fictional example workshop."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wijktools.paths import exports_dir, notebooks_dir, project_root

DEMO_KERNEN = ("WK194019", "WK026200")  # Joure (KWB 2025 complete), Lochem kern (Gelderland)


def demo_db_path() -> Path:
    """The demo workshop gets its own store, rebuilt on every run, so it never touches real sessions."""
    return project_root() / "data" / "sessies" / "demo-FICTIEF.sqlite"


def fresh_demo_db() -> Path:
    """Start the fictional workshop from an empty store (WAL side files included)."""
    path = demo_db_path()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def run(out_root: Path | None = None, progress: Callable[[str], None] = print) -> list[Path]:
    """Profiles, the fictional workshop (sociale kaart, votes, afspraken) and every export."""
    from wijktools import batch, export, network
    from wijktools.demo.workshop import run_demo_workshop
    from wijktools.profile import build as profile
    from wijktools.store import connection as store

    out_root = Path(out_root) if out_root else exports_dir()
    written: list[Path] = []
    progress("Stap 1: wijkgezondheidsprofielen van de demokernen (Joure, Lochem kern) ...")
    written += profile.demo(out_root)
    progress("Stap 2: fictieve werksessie met sociale kaart en netwerkkaart ...")
    conn = store.connect(fresh_demo_db())
    session_id = network.load_demo(conn)
    written += _profile_with_capacity(conn, session_id, out_root)
    progress(
        "Stap 3: knelpunten uit wijkprofiel en enquête; fictieve stemronden, afspraken, wijkplan ..."
    )
    run_demo_workshop(conn, session_id, from_profile=True)
    progress("Stap 4: rapport, dia's en sociale kaart ...")
    written += list(export.demo(conn, session_id, out_root).values())
    conn.close()
    progress("Batch: wijkprofielen van alle wijken van Lochem met een overzichtspagina ...")
    written.append(batch.demo(out_root))
    return written


def _profile_with_capacity(conn: Any, session_id: int, out_root: Path) -> list[Path]:
    """Joure's wijkprofiel again, now with 'Capaciteit en zorgvraag' from the demo's sociale kaart."""
    from wijktools import survey
    from wijktools.network import DEMO_KERN
    from wijktools.opendata import areas
    from wijktools.paths import slug
    from wijktools.profile import build as profile
    from wijktools.workshop import capacity

    example, mapping = survey.demo_paths()
    built = profile.build(areas.lookup(DEMO_KERN), survey=survey.load(str(example), str(mapping)))
    capacity.attach(built, conn, session_id)
    return profile.write_outputs(built, Path(out_root) / slug(built.gebied["naam"]))


def run_notebooks(out_dir: Path, progress: Callable[[str], None] = print) -> list[Path]:
    """Execute the four notebooks on the demo data with papermill, as an analyst would."""
    import papermill

    out_dir.mkdir(parents=True, exist_ok=True)
    env_db = os.environ.get("WIJKTOOLS_DB")
    os.environ["WIJKTOOLS_DB"] = str(demo_db_path())
    written = []
    try:
        for notebook in sorted(notebooks_dir().glob("0*.ipynb")):
            progress(f"Notebook {notebook.name} ...")
            target = out_dir / notebook.name
            papermill.execute_notebook(
                str(notebook), str(target), cwd=str(notebooks_dir()), progress_bar=False
            )
            written.append(target)
    finally:
        if env_db is None:
            os.environ.pop("WIJKTOOLS_DB", None)
        else:
            os.environ["WIJKTOOLS_DB"] = env_db
    return written
