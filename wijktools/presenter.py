"""The workshop on the projector: JupyterLab for preparation, Voilà for the room, voting for phones.

How a notebook learns its session under Voilà (which has no parameters of its own), two ways at once:
1. `presenteer` writes a copy of the notebook into a temporary folder with papermill's own parameter
   injection (`parameterize_notebook`): an `injected-parameters` cell after the `parameters` cell sets
   `sessie` (or `sessie_id`) and `db`, exactly as a papermill run would. Voilà serves that copy; the
   workbook itself is never changed. This needs nothing in the notebook beyond the parameters contract.
2. Voilà's kernel inherits the environment: WIJKTOOLS_SESSIE, WIJKTOOLS_DB (read by `store.connect()`)
   and with --lan WIJKTOOLS_STEMURL / WIJKTOOLS_BEHEERURL (read by the voting widget). A notebook may
   also call `sessie = presenter.session_from_env(sessie)`; unset (papermill, JupyterLab) it is a no-op.
"""

from __future__ import annotations

import ast
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wijktools.errors import ValidationError
from wijktools.paths import PACKAGE_DIR, notebooks_dir, write_text_atomic

if TYPE_CHECKING:
    from wijktools.store.sessions import Session

STEPS = {
    1: "01-wijkprofiel.ipynb",
    2: "02-netwerkkaart.ipynb",
    3: "03-prioriteiten-en-afspraken.ipynb",
    4: "04-export.ipynb",
}
ENV_SESSION = "WIJKTOOLS_SESSIE"
ENV_VOTE_URL = "WIJKTOOLS_STEMURL"
ENV_BEHEER_URL = "WIJKTOOLS_BEHEERURL"
TEMPLATE = "wijktools"
SESSION_PARAMETERS = ("sessie", "sessie_id")  # names the workbook notebooks use for the session
DB_PARAMETER = "db"
AREA_PARAMETER = (
    "gebied"  # step 1 (wijkprofiel) is about an area, not a session: use the session's area
)
VOTING_PANEL = "voting_panel"  # the widget function presenteer --lan adds to the served copy
# Cells tagged so are for the adviser in JupyterLab only (e.g. how the workbook runs without a
# session); the projector never shows them.
WORKBOOK_ONLY = "alleen-werkboek"
PROJECTOR_SETUP = "projector-setup"
KAART_STEP = 2  # presenteer 2 --lan: partners check the sociale kaart from their phones
VOILA_PORT = 8866
VOTE_PORT = 8765
LAB_PORT = 8888


def template_root() -> Path:
    """Jupyter data dir shipped in the package; holds voila/templates/wijktools (projector CSS)."""
    return PACKAGE_DIR / "static" / "jupyter"


def notebook_for_step(step: int, folder: Path | None = None) -> Path:
    """STAP 1–4 maps to the workbook notebook by its file-name convention."""
    if step not in STEPS:
        raise ValidationError(f"Stap {step} bestaat niet; kies 1, 2, 3 of 4.")
    path = (folder or notebooks_dir()) / STEPS[step]
    if not path.is_file():
        raise ValidationError(
            f"Het werkboek voor stap {step} ontbreekt: '{path}'. Controleer de map notebooks/."
        )
    return path


def session_from_env(default: int) -> int:
    """The session `presenteer` chose (WIJKTOOLS_SESSIE), else the notebook's own parameter."""
    text = os.environ.get(ENV_SESSION, "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise ValidationError(
            f"{ENV_SESSION}='{text}' is geen sessienummer; start opnieuw met --sessie en een getal."
        )
    return int(text)


def vote_url_from_env() -> str | None:
    """The phones' voting address when `presenteer --lan` runs, else None (no QR code shown)."""
    return os.environ.get(ENV_VOTE_URL) or None


def beheer_url_from_env() -> str | None:
    """The loopback facilitator page (open/close rounds, live chart) when voting runs."""
    return os.environ.get(ENV_BEHEER_URL) or None


def parameter_names(notebook: Path) -> list[str]:
    """Names assigned in the notebook's `parameters` cell (empty when it has none)."""
    import nbformat  # costs a second at start-up (jsonschema): only when a notebook is read

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            names = []
            for node in ast.parse(cell.source).body:
                targets = (
                    node.targets
                    if isinstance(node, ast.Assign)
                    else [getattr(node, "target", None)]
                )
                names += [t.id for t in targets if isinstance(t, ast.Name)]
            return names
    return []


def area_parameters(session: Session) -> dict[str, str]:
    """The profile notebook's area parameters for a session: its CBS code, or its kern definition."""
    if session.is_kern:
        return {
            AREA_PARAMETER: "",
            "kern_naam": session.area_name or session.area_code,
            "kern_codes": ",".join(session.kern_codes),
        }
    return {AREA_PARAMETER: session.area_code}


def prepare_notebook(
    notebook: Path, session: Session, db_path: Path, workdir: Path, *, voting: bool = False
) -> Path:
    """A copy with papermill-injected `sessie`/`db` parameters, for Voilà; the workbook stays as is.

    With `voting` (presenteer --lan) the copy also shows the voting panel (code, QR code, rounds,
    live chart) right after the parameters, unless the notebook already shows one itself.
    """
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    names = parameter_names(notebook)
    params: dict[str, object] = {n: session.id for n in SESSION_PARAMETERS if n in names}
    if DB_PARAMETER in names:
        params[DB_PARAMETER] = str(db_path)
    if AREA_PARAMETER in names:
        params.update(area_parameters(session))
    nb = load_notebook_node(str(notebook))
    nb.cells = [c for c in nb.cells if WORKBOOK_ONLY not in c.get("metadata", {}).get("tags", [])]
    if params:
        nb = parameterize_notebook(nb, params)
    setup = nbformat.v4.new_code_cell(
        "from wijktools.widgets.projector import projector_display\n\nprojector_display()"
    )
    setup.metadata["tags"] = [PROJECTOR_SETUP]
    first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), 0)
    nb.cells.insert(first_code, setup)
    if voting and not any(VOTING_PANEL in c.source for c in nb.cells if c.cell_type == "code"):
        tags = [c.metadata.get("tags", []) for c in nb.cells]
        after = max(
            (i for i, t in enumerate(tags) if "injected-parameters" in t or "parameters" in t),
            default=-1,
        )
        panel = [
            nbformat.v4.new_markdown_cell(
                "## Stemmen met uw telefoon\n\nScan de QR-code of ga naar het adres en typ de "
                "sessiecode. U stemt anoniem; elk apparaat stemt één keer per ronde."
            ),
            nbformat.v4.new_code_cell(
                f"from wijktools.widgets.voting import {VOTING_PANEL}\n\n"
                f"{VOTING_PANEL}({int(session.id)})"
            ),
        ]
        nb.cells[after + 1 : after + 1] = panel
    return write_text_atomic(workdir / notebook.name, nbformat.writes(nb))


@dataclass
class PresentPlan:
    """Everything `presenteer` starts, decided before anything runs (so tests can inspect it)."""

    step: int
    session_id: int
    notebook: Path
    voila_command: list[str]
    voila_env: dict[str, str]
    voila_url: str
    db_path: Path
    workdir: Path | None = None
    lan_host: str | None = None
    vote_port: int | None = None
    beheer_port: int | None = None
    vote_url: str | None = None
    beheer_url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def voila_command(notebook: Path, port: int, python: str | None = None) -> list[str]:
    """Voilà on loopback only, code cells stripped, our projector template, no browser."""
    return [
        python or sys.executable, "-m", "voila", str(notebook),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--template={TEMPLATE}",
        "--theme=light",
    ]  # fmt: skip


def plan(
    step: int,
    session_id: int,
    db_path: Path,
    *,
    port: int = VOILA_PORT,
    lan_host: str | None = None,
    vote_port: int = VOTE_PORT,
    folder: Path | None = None,
    workdir: Path | None = None,
) -> PresentPlan:
    """Prepare the parameterised copy, the Voilà command and environment (and LAN voting addresses)."""
    from wijktools.store import connection as store
    from wijktools.store import sessions
    from wijktools.voting import ballots

    notebook = notebook_for_step(step, folder)
    db_path = Path(db_path).expanduser().resolve()
    conn = store.connect(db_path)
    try:
        session = sessions.get_session(conn, session_id)  # a Dutch StoreError for an unknown one
        code = ballots.ensure_code(conn, session_id)
    finally:
        conn.close()
    workdir = Path(workdir or tempfile.mkdtemp(prefix="wijktools-presenteer-"))
    # Step 2 on the LAN serves the partners' sociale-kaart page instead of the voting panel.
    voting = bool(lan_host) and step != KAART_STEP
    served = prepare_notebook(notebook, session, db_path, workdir, voting=voting)
    jupyter_path = [str(template_root())]
    if os.environ.get("JUPYTER_PATH"):
        jupyter_path.append(os.environ["JUPYTER_PATH"])
    env = {
        **os.environ,
        "JUPYTER_PATH": os.pathsep.join(jupyter_path),
        ENV_SESSION: str(session_id),
        "WIJKTOOLS_DB": str(db_path),
    }
    result = PresentPlan(
        step, session_id, notebook, voila_command(served, port), env,
        f"http://127.0.0.1:{port}/", db_path, workdir,
    )  # fmt: skip
    if lan_host:
        host = f"[{lan_host}]" if ":" in lan_host else lan_host
        result.lan_host, result.vote_port, result.beheer_port = lan_host, vote_port, vote_port + 1
        result.vote_url = f"http://{host}:{vote_port}/s/{code}"
        result.beheer_url = f"http://127.0.0.1:{vote_port + 1}/sessie/{session_id}"
        if step == KAART_STEP:
            result.vote_url = f"http://{host}:{vote_port}/k/{code}"
            result.beheer_url += "/sociale-kaart"
        env[ENV_VOTE_URL], env[ENV_BEHEER_URL] = result.vote_url, result.beheer_url
    return result


def lab_command(folder: Path, port: int, token: str, open_browser: bool) -> list[str]:
    """JupyterLab on the workbook folder, loopback only, with a token."""
    return [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={folder}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.open_browser={open_browser}",
    ] + (["--ServerApp.allow_root=True"] if _is_root() else [])  # fmt: skip


def _is_root() -> bool:
    """Containers often run as root; JupyterLab refuses that unless told (it stays on 127.0.0.1)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def new_token() -> str:
    """A fresh JupyterLab token per start."""
    return secrets.token_hex(24)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM (closing the terminal, a service manager) ends the servers like Ctrl+C does."""
    raise KeyboardInterrupt


def run_foreground(command: list[str], env: dict[str, str] | None = None) -> int:
    """Run a server until it exits, Ctrl+C or SIGTERM; the child is always ended with us."""
    proc = subprocess.Popen(command, env=env)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main else None
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


def start_voting(p: PresentPlan) -> object:
    """Start the participants' app on the LAN address and the facilitator app on 127.0.0.1."""
    from wijktools.voting.app import VotingConfig, create_app
    from wijktools.voting.beheer import BeheerConfig, create_beheer_app
    from wijktools.voting.server import BackgroundServers

    if not (p.lan_host and p.vote_port and p.beheer_port):
        raise ValueError("plan has no LAN voting")
    if p.step == KAART_STEP:
        from wijktools.voting.kaart_app import KaartConfig, create_kaart_app
        from wijktools.voting.kaart_beheer import KaartBeheerConfig, create_kaart_beheer_app

        kaart = KaartConfig(p.db_path, frozenset({p.session_id}))
        beheer = KaartBeheerConfig(p.db_path, p.session_id, p.vote_url)
        return BackgroundServers(
            [
                (create_kaart_app(kaart), p.lan_host, p.vote_port),
                (create_kaart_beheer_app(beheer), "127.0.0.1", p.beheer_port),
            ]
        ).start()
    apps = [
        (create_app(VotingConfig(p.db_path, frozenset({p.session_id}))), p.lan_host, p.vote_port),
        (create_beheer_app(BeheerConfig(p.db_path, p.session_id, p.vote_url)), "127.0.0.1",
         p.beheer_port),
    ]  # fmt: skip
    return BackgroundServers(apps).start()
