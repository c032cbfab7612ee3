"""`make demo`: every step of the workbook on the shipped data and the fictional example workshop."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wijktools.paths import exports_dir, notebooks_dir, project_root, slug

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


def profiles(out_root: Path, conn: Any = None, session_id: int | None = None) -> list[Path]:
    """Profiles of the demo areas Joure (WK194019, KWB 2025, with the fictional survey) and Lochem kern.

    With the demo session, Joure's profile also shows 'Capaciteit en zorgvraag' from its sociale kaart.
    """
    from wijktools import survey
    from wijktools.opendata import areas
    from wijktools.profile import build as profile
    from wijktools.render.profile_html import write_outputs

    example, mapping = survey.demo_paths()
    written: list[Path] = []
    for code, with_survey in ((DEMO_KERNEN[0], True), (DEMO_KERNEN[1], False)):
        result = survey.load(str(example), str(mapping)) if with_survey else None
        built = profile.build(areas.lookup(code), survey=result)
        if conn is not None and session_id is not None and code == DEMO_KERNEN[0]:
            from wijktools.workshop import capacity

            capacity.attach(built, conn, session_id)
        written += write_outputs(built, Path(out_root) / slug(built.gebied["naam"]))
    return written


def run(out_root: Path | None = None, progress: Callable[[str], None] = print) -> list[Path]:
    """Profiles, the fictional workshop (sociale kaart, votes, afspraken) and every export."""
    from wijktools import batch, export, network, paths
    from wijktools.demo.workshop import run_demo_workshop
    from wijktools.store import connection as store

    out_root = Path(out_root) if out_root else exports_dir()
    written: list[Path] = []
    conn = store.connect(fresh_demo_db())
    progress("Stap 1: fictieve werksessie met sociale kaart en netwerkkaart ...")
    session_id = network.load_demo(conn)
    progress("Stap 2: wijkgezondheidsprofielen van de demokernen (Joure, Lochem kern) ...")
    written += profiles(out_root, conn, session_id)
    progress(
        "Stap 3: knelpunten uit wijkprofiel en enquête; fictieve stemronden, afspraken, wijkplan ..."
    )
    run_demo_workshop(conn, session_id, from_profile=True)
    progress("Stap 4: rapport, dia's en sociale kaart ...")
    written += list(export.demo(conn, session_id, out_root).values())
    progress(
        "Stap 5: voortgang op de afspraken en een fictieve vervolgsessie met 'Wat is er bereikt' ..."
    )
    from wijktools.demo.followup import run_followup
    from wijktools.demo.network_change import show_network_change

    followup = run_followup(conn, session_id)
    name = store.get(conn, "sessions", followup)["name"]
    folder = paths.inside(out_root, paths.slug(name, fallback="sessie"))
    written.append(show_network_change(conn, followup, folder)[1])
    written += list(export.demo(conn, followup, out_root).values())
    conn.close()
    progress("Batch: wijkprofielen van alle wijken van Lochem met een overzichtspagina ...")
    written.append(batch.demo(out_root))
    return written


def _demo_sessions() -> tuple[int, int]:
    """Ids of the fictional kick-off and its vervolg in the demo store (0 where absent)."""
    from wijktools.demo.followup import FOLLOWUP_NAME
    from wijktools.network import DEMO_SESSION_NAME
    from wijktools.store import connection as store
    from wijktools.store import sessions

    if not demo_db_path().exists():
        return 0, 0
    conn = store.connect(demo_db_path())
    try:
        found = {s.name: s.id for s in sessions.list_sessions(conn)}
    finally:
        conn.close()
    return found.get(DEMO_SESSION_NAME, 0), found.get(FOLLOWUP_NAME, 0)


def run_notebooks(out_dir: Path, progress: Callable[[str], None] = print) -> list[Path]:
    """Execute the four notebooks on the demo data with papermill, as an analyst would."""
    import papermill

    out_dir.mkdir(parents=True, exist_ok=True)
    env_db = os.environ.get("WIJKTOOLS_DB")
    os.environ["WIJKTOOLS_DB"] = str(demo_db_path())
    written = []
    kickoff, followup = _demo_sessions()
    runs = [(nb, nb.name, kickoff) for nb in sorted(notebooks_dir().glob("0*.ipynb"))]
    if followup:  # step 3 once more, on the vervolg: 'Wat is er bereikt'
        step3 = notebooks_dir() / "03-prioriteiten-en-afspraken.ipynb"
        runs.append((step3, f"{step3.stem}-vervolg.ipynb", followup))
    try:
        for notebook, name, session_id in runs:
            progress(f"Notebook {name} ...")
            target = out_dir / name
            # The kick-off, not the newest (the vervolg): steps 2-4 show the votes of the kick-off.
            wanted = {"sessie": session_id} if session_id else {}
            params = {k: v for k, v in wanted.items() if k in papermill.inspect_notebook(notebook)}
            papermill.execute_notebook(
                str(notebook),
                str(target),
                parameters=params,
                cwd=str(notebooks_dir()),
                progress_bar=False,
            )
            written.append(target)
    finally:
        if env_db is None:
            os.environ.pop("WIJKTOOLS_DB", None)
        else:
            os.environ["WIJKTOOLS_DB"] = env_db
    return written
