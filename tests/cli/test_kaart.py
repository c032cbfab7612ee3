"""`wijktools sociale-kaart controleer`: prints the link and moderation address and serves both."""

from __future__ import annotations

import urllib.error
import urllib.request

from typer.testing import CliRunner

from wijktools import network
from wijktools.cli import app
from wijktools.store import connection as store
from wijktools.voting import server
from wijktools.voting.ballots import ensure_code


def test_controleer_prints_link_and_serves_pages(db_path, monkeypatch):
    conn = store.connect(db_path)
    sid = store.insert(
        conn, "sessions", {"name": "Vervolg Joure (FICTIEF)", "area_code": "WK194019"}
    )
    network.add_partner(conn, sid, {"organisatie": "Apotheek Zuid", "discipline": "apotheek"})
    code = ensure_code(conn, sid)
    port = server.free_port()
    seen: dict[str, object] = {}

    def visit(self) -> None:  # instead of waiting for Ctrl+C: look at both pages once
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/k/{code}") as page:
            seen["phone"] = page.read().decode()
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port + 1}/sessie/{sid}/sociale-kaart"
        ) as page:
            seen["laptop"] = page.read().decode()

    monkeypatch.setattr(server.BackgroundServers, "wait", visit)
    result = CliRunner().invoke(
        app,
        [
            "sociale-kaart",
            "controleer",
            "--sessie",
            str(sid),
            "--poort",
            str(port),
            "--db",
            str(db_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}/k/{code}" in result.output
    assert f"http://127.0.0.1:{port + 1}/sessie/{sid}/sociale-kaart" in result.output
    assert "0 bevestigd" in result.output and "1 niet gereageerd" in result.output
    assert "Apotheek Zuid" in seen["phone"] and "niet gereageerd" in seen["laptop"]


def test_controleer_with_lan_prints_a_qr_code(db_path, monkeypatch):
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Vervolg (FICTIEF)", "area_code": "WK194019"})
    monkeypatch.setattr(server.BackgroundServers, "wait", lambda self: None)
    port = server.free_port()
    result = CliRunner().invoke(
        app,
        ["sociale-kaart", "controleer", "--sessie", str(sid), "--lan", "--adres", "127.0.0.1",
         "--poort", str(port), "--db", str(db_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "██" in result.output


def test_unknown_session_is_a_dutch_error(db_path):
    store.connect(db_path).close()
    result = CliRunner().invoke(
        app, ["sociale-kaart", "controleer", "--sessie", "99", "--db", str(db_path)]
    )
    assert result.exit_code != 0
    assert "99" in str(result.exception) or "99" in result.output
