"""The workshop on the projector: JupyterLab for preparation, Voilà for the room, voting for phones.

How a notebook learns its session under Voilà: Voilà does not inject papermill parameters, so
`presenteer` starts Voilà with the environment variable WIJKTOOLS_SESSIE (and WIJKTOOLS_DB, and with
--lan WIJKTOOLS_STEMURL / WIJKTOOLS_BEHEERURL). Voilà's kernel inherits that environment. A notebook keeps
its literal default in the `parameters` cell and, in the next cell, calls
`sessie_id = presenter.session_from_env(sessie_id)`: under papermill or JupyterLab the variable is unset
and the parameter stands; under `presenteer` the variable wins.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from wijktools.errors import ValidationError
from wijktools.paths import PACKAGE_DIR, notebooks_dir

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
) -> PresentPlan:
    """Work out the Voilà command and environment (and with a LAN host, the voting addresses)."""
    notebook = notebook_for_step(step, folder)
    db_path = Path(db_path).expanduser().resolve()
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
        step, session_id, notebook, voila_command(notebook, port), env,
        f"http://127.0.0.1:{port}/", db_path,
    )  # fmt: skip
    if lan_host:
        from wijktools import store
        from wijktools.voting import ballots

        conn = store.connect(db_path)
        try:
            store.get(conn, "sessions", session_id)
            code = ballots.ensure_code(conn, session_id)
        finally:
            conn.close()
        host = f"[{lan_host}]" if ":" in lan_host else lan_host
        result.lan_host, result.vote_port, result.beheer_port = lan_host, vote_port, vote_port + 1
        result.vote_url = f"http://{host}:{vote_port}/s/{code}"
        result.beheer_url = f"http://127.0.0.1:{vote_port + 1}/sessie/{session_id}"
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
    ]  # fmt: skip


def new_token() -> str:
    """A fresh JupyterLab token per start."""
    return secrets.token_hex(24)


def run_foreground(command: list[str], env: dict[str, str] | None = None) -> int:
    """Run a server until it exits or Ctrl+C; the child is always ended with us."""
    proc = subprocess.Popen(command, env=env)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise


def start_voting(p: PresentPlan) -> object:
    """Start the participants' app on the LAN address and the facilitator app on 127.0.0.1."""
    from wijktools.voting.app import VotingConfig, create_app
    from wijktools.voting.beheer import BeheerConfig, create_beheer_app
    from wijktools.voting.server import BackgroundServers

    if not (p.lan_host and p.vote_port and p.beheer_port):
        raise ValueError("plan has no LAN voting")
    apps = [
        (create_app(VotingConfig(p.db_path, frozenset({p.session_id}))), p.lan_host, p.vote_port),
        (create_beheer_app(BeheerConfig(p.db_path, p.session_id, p.vote_url)), "127.0.0.1",
         p.beheer_port),
    ]  # fmt: skip
    return BackgroundServers(apps).start()
