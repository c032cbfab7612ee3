"""`werkboek` and `presenteer`: the commands they build, the session hand-over, the projector widget."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from wijktools import presenter
from wijktools.cli import app, main
from wijktools.errors import ValidationError, WijktoolsError
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.server import free_port
from wijktools.widgets import voting as voting_widgets
from wijktools.workshop import knelpunten

REPO = Path(__file__).resolve().parents[1]


def write_notebook(folder: Path, name: str = "03-prioriteiten-en-afspraken.ipynb") -> Path:
    """A thin workbook notebook: parameters cell, session from the environment, one widget."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("sessie_id: int = 1  # nummer van de werksessie")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Prioriteiten kiezen"),
        params,
        nbformat.v4.new_code_cell(
            "from wijktools import presenter\n\n"
            "sessie_id = presenter.session_from_env(sessie_id)\n"
            "print('Werksessie', sessie_id)  # BRONCODE_MARKERING"
        ),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(nb, path)
    return path


@pytest.fixture
def session(db_path: Path) -> int:
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Kick-off <Centrum>", "area_code": "WK036301"})
    knelpunten.add_knelpunt(conn, sid, "Eenzaamheid onder 75-plussers")
    knelpunten.add_knelpunt(conn, sid, "Wachttijd GGZ")
    conn.close()
    return sid


def test_plan_builds_loopback_voila_without_sources(tmp_path, db_path, session):
    nb = write_notebook(tmp_path / "notebooks")
    p = presenter.plan(3, session, db_path, port=9123, folder=tmp_path / "notebooks",
                       workdir=tmp_path / "kopie")  # fmt: skip
    assert p.notebook == nb
    served = tmp_path / "kopie" / nb.name
    assert p.voila_command == [
        sys.executable, "-m", "voila", str(served), "--no-browser", "--Voila.ip=127.0.0.1",
        "--port=9123", "--strip_sources=True", "--show_tracebacks=False",
        "--template=wijktools", "--theme=light",
    ]  # fmt: skip
    assert p.voila_url == "http://127.0.0.1:9123/"
    assert p.voila_env["WIJKTOOLS_SESSIE"] == str(session)
    assert p.voila_env["WIJKTOOLS_DB"] == str(db_path.resolve())
    root = p.voila_env["JUPYTER_PATH"].split(os.pathsep)[0]
    template = Path(root) / "voila" / "templates" / "wijktools"
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    assert p.vote_url is None


def test_served_copy_gets_papermill_parameters_and_workbook_stays(tmp_path, db_path, session):
    nb = write_notebook(tmp_path / "notebooks")
    before = nb.read_bytes()
    p = presenter.plan(3, session, db_path, folder=tmp_path / "notebooks", workdir=tmp_path / "k")
    copy = nbformat.read(p.voila_command[3], as_version=4)
    injected = [c for c in copy.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected[0].source.splitlines()[1:] == [f"sessie_id = {session}"]
    assert nb.read_bytes() == before
    # the real workbook notebooks name their parameters `sessie` and `db`
    real = REPO / "notebooks" / "03-prioriteiten-en-afspraken.ipynb"
    if real.exists():
        p3 = presenter.plan(3, session, db_path, folder=REPO / "notebooks", workdir=tmp_path / "r")
        copy3 = nbformat.read(p3.voila_command[3], as_version=4)
        text = next(c.source for c in copy3.cells if "injected-parameters" in c.metadata.tags)
        assert f"sessie = {session}" in text
        assert f'db = "{db_path.resolve()}"' in text


def test_lan_copy_shows_the_voting_panel_once(tmp_path, db_path, session):
    write_notebook(tmp_path / "notebooks")
    plain = presenter.plan(
        3, session, db_path, folder=tmp_path / "notebooks", workdir=tmp_path / "a"
    )
    lan = presenter.plan(3, session, db_path, folder=tmp_path / "notebooks", workdir=tmp_path / "b",
                         lan_host="192.168.1.40")  # fmt: skip
    plain_src = [c.source for c in nbformat.read(plain.voila_command[3], as_version=4).cells]
    lan_cells = nbformat.read(lan.voila_command[3], as_version=4).cells
    assert not any("voting_panel" in s for s in plain_src)
    tags = [c.metadata.get("tags", []) for c in lan_cells]
    at = next(i for i, t in enumerate(tags) if "injected-parameters" in t)
    assert lan_cells[at + 1].source.startswith("## Stemmen met uw telefoon")
    assert lan_cells[at + 2].source.endswith(f"voting_panel({session})")


def test_unknown_session_is_a_dutch_error(tmp_path, db_path):
    write_notebook(tmp_path / "notebooks")
    with pytest.raises(WijktoolsError, match="Werksessie 99 bestaat niet"):
        presenter.plan(3, 99, db_path, folder=tmp_path / "notebooks", workdir=tmp_path / "k")


def test_steps_map_to_notebooks_by_file_name(tmp_path):
    folder = tmp_path / "notebooks"
    for name in presenter.STEPS.values():
        write_notebook(folder, name)
    assert [presenter.notebook_for_step(s, folder).name for s in (1, 2, 3, 4)] == [
        "01-wijkprofiel.ipynb",
        "02-netwerkkaart.ipynb",
        "03-prioriteiten-en-afspraken.ipynb",
        "04-export.ipynb",
    ]
    with pytest.raises(ValidationError, match="kies 1, 2, 3 of 4"):
        presenter.notebook_for_step(5, folder)
    with pytest.raises(ValidationError, match="ontbreekt"):
        presenter.notebook_for_step(1, tmp_path / "leeg")


def test_session_comes_from_environment_else_parameter(monkeypatch):
    monkeypatch.delenv("WIJKTOOLS_SESSIE", raising=False)
    assert presenter.session_from_env(4) == 4
    monkeypatch.setenv("WIJKTOOLS_SESSIE", "12")
    assert presenter.session_from_env(4) == 12
    monkeypatch.setenv("WIJKTOOLS_SESSIE", "twaalf")
    with pytest.raises(ValidationError, match="geen sessienummer"):
        presenter.session_from_env(4)


def test_plan_with_lan_gives_code_and_urls(tmp_path, db_path, session):
    write_notebook(tmp_path / "notebooks")
    p = presenter.plan(3, session, db_path, lan_host="192.168.1.40", vote_port=8800,
                       folder=tmp_path / "notebooks")  # fmt: skip
    conn = store.connect(db_path)
    code = store.get(conn, "sessions", session)["code"]
    conn.close()
    assert p.vote_url == f"http://192.168.1.40:8800/s/{code}"
    assert p.beheer_url == f"http://127.0.0.1:8801/sessie/{session}"
    assert p.voila_env["WIJKTOOLS_STEMURL"] == p.vote_url
    assert "--Voila.ip=127.0.0.1" in p.voila_command


def test_cli_presenteer_runs_voila_and_voting(tmp_path, db_path, session, monkeypatch):
    write_notebook(tmp_path / "notebooks")
    monkeypatch.setattr(presenter, "notebooks_dir", lambda: tmp_path / "notebooks")
    started = []

    def fake_run(command, env=None):
        started.append((command, env))
        # while Voilà would run, the voting app answers on the chosen address
        import httpx

        port = int(env["WIJKTOOLS_STEMURL"].split(":")[2].split("/")[0])
        page = httpx.get(env["WIJKTOOLS_STEMURL"], timeout=5)
        started.append(("stempagina", page.status_code, port))
        return 0

    monkeypatch.setattr(presenter, "run_foreground", fake_run)
    vote_port = free_port()
    result = CliRunner().invoke(app, [
        "presenteer", "3", "--sessie", str(session), "--db", str(db_path), "--lan",
        "--adres", "127.0.0.1", "--stempoort", str(vote_port), "--poort", "9200",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    command, env = started[0]
    assert command[2] == "voila"
    served = Path(command[3])
    assert served.name == "03-prioriteiten-en-afspraken.ipynb"
    assert served.parent.name.startswith("wijktools-presenteer-")
    assert not served.parent.exists()  # the parameterised copy is removed when Voilà stops
    assert "--port=9200" in command
    assert env["WIJKTOOLS_SESSIE"] == str(session)
    assert started[1] == ("stempagina", 200, vote_port)
    assert "Sessiecode voor de deelnemers:" in result.output
    assert f"http://127.0.0.1:{vote_port + 1}/sessie/{session}" in result.output


def test_cli_presenteer_missing_notebook_is_a_dutch_error(
    tmp_path, db_path, session, monkeypatch, capsys
):
    monkeypatch.setattr(presenter, "notebooks_dir", lambda: tmp_path / "leeg")
    assert main(["presenteer", "2", "--sessie", str(session), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: Het werkboek voor stap 2 ontbreekt")
    assert "Traceback" not in err


def test_cli_werkboek_prints_token_url(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKTOOLS_HOME", str(tmp_path))
    started = []
    monkeypatch.setattr(presenter, "run_foreground", lambda c, env=None: started.append(c) or 0)
    result = CliRunner().invoke(app, ["werkboek", "--geen-browser", "--poort", "8899"])
    assert result.exit_code == 0, result.output
    command = started[0]
    # JupyterLab opens the user's copies in the work folder, not the package's own notebooks.
    assert f"--ServerApp.root_dir={tmp_path / 'werkboek'}" in command
    copies = sorted(p.name for p in (tmp_path / "werkboek").glob("*.ipynb"))
    assert copies == sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    token = next(a.split("=", 1)[1] for a in command if a.startswith("--IdentityProvider.token="))
    assert len(token) >= 32
    assert f"http://127.0.0.1:8899/lab?token={token}" in result.output
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--ServerApp.open_browser=False" in command


def test_voting_widget_follows_the_store(db_path, session, monkeypatch):
    monkeypatch.setenv("WIJKTOOLS_STEMURL", "http://192.168.1.40:8765/s/ABCDEF")
    panel = voting_widgets.voting_panel(session, db_path)
    assert "Kick-off &lt;Centrum&gt;" in panel.header.value
    assert "data:image/svg+xml;base64," in panel.header.value
    assert panel.status.value == "Nog geen stemronde geopend."
    panel.mode.value, panel.dots.value = "dots", 2
    panel.open_button.click()
    first_chart = panel.chart.value
    conn = store.connect(db_path)
    rnd = ballots.open_round(conn, session)
    k1 = knelpunten.knelpunten(conn, session)[0]["id"]
    device = ballots.device_hash(ballots.new_device_token())
    ballots.cast_phone_vote(conn, session, ballots.Ballot(rnd["id"], dots={k1: 2}), device)
    panel.refresh()
    assert "1 deelnemer gestemd, waarvan 1 via telefoon; ronde open" in panel.status.value
    assert panel.chart.value != first_chart
    panel.close_button.click()
    assert "ronde gesloten" in panel.status.value
    assert store.get(conn, "vote_rounds", rnd["id"])["status"] == "closed"
    panel.dots.value = 1
    panel.mode.value = "matrix"
    assert panel.open_round() is not None
    conn.close()


@pytest.mark.slow
def test_voila_serves_the_notebook_code_free_and_offline(tmp_path, db_path, session):
    write_notebook(tmp_path / "notebooks")
    port = free_port()
    p = presenter.plan(3, session, db_path, port=port, folder=tmp_path / "notebooks")
    env = {**p.voila_env, "PYTHONPATH": str(REPO)}
    import httpx

    proc = subprocess.Popen(p.voila_command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        html = None
        for _ in range(200):  # Voilà executes the notebook before answering; about 9 s here
            try:
                html = httpx.get(p.voila_url, timeout=60).text
                break
            except httpx.TransportError:
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(15)
    assert html is not None
    assert f"Werksessie {session}" in html
    assert "BRONCODE_MARKERING" not in html and "session_from_env" not in html
    assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html
    assert "wijktools-sessiecode" in html  # the projector CSS of our template


def test_step_1_shows_the_profile_of_the_sessions_area(tmp_path, db_path, session):
    p = presenter.plan(1, session, db_path, folder=REPO / "notebooks", workdir=tmp_path / "p1")
    copy = nbformat.read(p.voila_command[3], as_version=4)
    text = next(c.source for c in copy.cells if "injected-parameters" in c.metadata.tags)
    assert 'gebied = "WK036301"' in text


def test_step_1_for_a_kern_session_passes_the_kern_definition(tmp_path, db_path):
    conn = store.connect(db_path)
    sid = store.insert(
        conn,
        "sessions",
        {
            "name": "Kern Lochem",
            "area_code": "KERN-lochem",
            "area_name": "Lochem",
            "kern_codes": json.dumps(["WK026200", "WK026201"]),
        },
    )
    conn.close()
    p = presenter.plan(1, sid, db_path, folder=REPO / "notebooks", workdir=tmp_path / "k1")
    copy = nbformat.read(p.voila_command[3], as_version=4)
    text = next(c.source for c in copy.cells if "injected-parameters" in c.metadata.tags)
    assert 'kern_naam = "Lochem"' in text
    assert 'kern_codes = "WK026200,WK026201"' in text


def test_cli_werkboek_keeps_the_users_own_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKTOOLS_HOME", str(tmp_path))
    monkeypatch.setattr(presenter, "run_foreground", lambda c, env=None: 0)
    mine = tmp_path / "werkboek" / "01-wijkprofiel.ipynb"
    mine.parent.mkdir()
    mine.write_text("mijn aantekeningen", encoding="utf-8")
    result = CliRunner().invoke(app, ["werkboek", "--geen-browser"])
    assert result.exit_code == 0, result.output
    assert mine.read_text(encoding="utf-8") == "mijn aantekeningen"
    assert (tmp_path / "werkboek" / "04-export.ipynb").is_file()
    assert "1 notebook al aanwezig" in result.output


@pytest.mark.parametrize("step", [1, 2, 3, 4])
def test_served_copy_of_a_real_session_says_nothing_about_the_example_session(
    tmp_path, db_path, session, step
):
    p = presenter.plan(step, session, db_path, folder=REPO / "notebooks", workdir=tmp_path / "c")
    copy = nbformat.read(p.voila_command[3], as_version=4)
    shown = " ".join(c.source for c in copy.cells if c.cell_type == "markdown").lower()
    assert "voorbeeldsessie" not in shown and "fictieve" not in shown
    assert not [c for c in copy.cells if presenter.WORKBOOK_ONLY in c.metadata.get("tags", [])]
    setup = [c for c in copy.cells if presenter.PROJECTOR_SETUP in c.metadata.get("tags", [])]
    assert len(setup) == 1 and "projector_display()" in setup[0].source
    workbook = nbformat.read(REPO / "notebooks" / presenter.STEPS[step], as_version=4)
    assert len(copy.cells) <= len(workbook.cells) + 2  # parameters and setup added, nothing else
