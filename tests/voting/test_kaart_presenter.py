"""`presenteer 2 --lan`: the partners' sociale-kaart page on the room address, moderation on loopback."""

from __future__ import annotations

import httpx

from tests.test_presenter import write_notebook
from wijktools import network, presenter
from wijktools.store import connection as store
from wijktools.voting.server import free_port


def test_step_two_on_the_lan_serves_the_kaart_page(tmp_path, db_path):
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Kick-off (FICTIEF)", "area_code": "WK194019"})
    network.add_partner(conn, sid, {"organisatie": "Apotheek Zuid", "discipline": "apotheek",
                                    "email": "p.deboer@apotheekzuid.example.nl"})  # fmt: skip
    conn.close()
    write_notebook(tmp_path / "nb", "02-netwerkkaart.ipynb")
    port = free_port()
    p = presenter.plan(2, sid, db_path, lan_host="127.0.0.1", vote_port=port,
                       folder=tmp_path / "nb", workdir=tmp_path / "kopie")  # fmt: skip
    code = p.vote_url.rsplit("/", 1)[-1]
    assert p.vote_url == f"http://127.0.0.1:{port}/k/{code}"
    assert p.beheer_url == f"http://127.0.0.1:{port + 1}/sessie/{sid}/sociale-kaart"
    served = (tmp_path / "kopie" / "02-netwerkkaart.ipynb").read_text(encoding="utf-8")
    assert presenter.VOTING_PANEL not in served  # step 2 shows no voting panel
    servers = presenter.start_voting(p)
    try:
        phone = httpx.get(p.vote_url, timeout=10)
        assert phone.status_code == 200 and "Apotheek Zuid" in phone.text
        assert "apotheekzuid" not in phone.text
        laptop = httpx.get(p.beheer_url, timeout=10)
        assert laptop.status_code == 200 and "niet gereageerd" in laptop.text
        qr = httpx.get(p.beheer_url + "/qr", timeout=10)
        assert "data:image/svg+xml" in qr.text and "Apotheek" not in qr.text
    finally:
        servers.stop()
