"""Real browser, real servers: two phones vote, the projector chart follows, a second vote is refused."""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import BROWSER_TESTS, block_outside
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.app import VotingConfig, create_app
from wijktools.voting.beheer import BeheerConfig, create_beheer_app
from wijktools.voting.server import free_port, serving
from wijktools.workshop import knelpunten, priorities

pytestmark = BROWSER_TESTS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 5_000  # the page polls every second; generous for a loaded CI machine


@pytest.fixture
def workshop(db_path: Path):
    """A session with three knelpunten and an open dot round of 3 dots, served on loopback ports."""
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Kick-off Centrum", "area_code": "WK036301"})
    ids = [
        knelpunten.add_knelpunt(conn, sid, "Eenzaamheid onder 75-plussers"),
        knelpunten.add_knelpunt(conn, sid, "Wachttijd praktijkondersteuner GGZ"),
        knelpunten.add_knelpunt(conn, sid, "Overdracht ziekenhuis → thuiszorg"),
    ]
    code = ballots.ensure_code(conn, sid)
    round_id = priorities.open_round(conn, sid, "dots", 3)
    vote_port, beheer_port = free_port(), free_port()
    vote_url = f"http://127.0.0.1:{vote_port}"
    apps = [
        (create_app(VotingConfig(db_path, frozenset({sid}))), "127.0.0.1", vote_port),
        (
            create_beheer_app(BeheerConfig(db_path, sid, f"{vote_url}/s/{code}")),
            "127.0.0.1",
            beheer_port,
        ),
    ]
    with serving(apps):
        yield {
            "conn": conn,
            "sid": sid,
            "ids": ids,
            "code": code,
            "round_id": round_id,
            "vote_url": vote_url,
            "beheer_url": f"http://127.0.0.1:{beheer_port}/sessie/{sid}",
        }
    conn.close()


@contextlib.contextmanager
def loopback_context(browser, outside: list[str], width: int = 412, height: int = 915):
    """A fresh browser profile (one 'device') in which every non-127.0.0.1 request is aborted."""
    context = browser.new_context(viewport={"width": width, "height": height})

    block_outside(
        context,
        lambda url: urlsplit(url).scheme == "data" or urlsplit(url).hostname == "127.0.0.1",
        outside,
    )
    try:
        yield context
    finally:
        context.close()


def test_two_phones_vote_projector_follows_second_vote_refused(workshop, browser):
    from playwright.sync_api import expect

    outside: list[str] = []
    w = workshop
    k1, k2, k3 = w["ids"]
    with (
        loopback_context(browser, outside, 1366, 768) as projector,
        loopback_context(browser, outside) as phone_a,
        loopback_context(browser, outside) as phone_b,
    ):
        screen = projector.new_page()
        screen.goto(w["beheer_url"])
        expect(screen.locator("#sessiecode")).to_have_text(w["code"])
        expect(screen.locator("#status")).to_contain_text("0 deelnemers hebben", timeout=TIMEOUT_MS)
        first_chart = screen.locator("#grafiek").get_attribute("data-versie")

        # Phone A types the code shown on the projector, in lower case with a space.
        a = phone_a.new_page()
        a.goto(w["vote_url"] + "/")
        a.fill("#code", w["code"][:3].lower() + " " + w["code"][3:].lower())
        a.click("button[type=submit]")
        expect(a.locator("h1")).to_have_text("Verdeel uw stippen")
        # A second tab on the same phone, opened before voting, to try a second ballot later.
        a_again = phone_a.new_page()
        a_again.goto(f"{w['vote_url']}/s/{w['code']}")
        a.fill(f"#k_{k1}", "2")
        a.fill(f"#k_{k2}", "1")
        expect(a.locator("#teller")).to_have_text("Nog 0 van de 3 stippen te verdelen.")
        ARTIFACTS.mkdir(exist_ok=True)
        a.screenshot(path=str(ARTIFACTS / "telefoon.png"))
        a.click("#verstuur")
        expect(a.locator("#melding")).to_have_text(
            "Uw stem is opgeslagen. U kunt dit venster sluiten."
        )
        expect(screen.locator("#status")).to_contain_text("1 deelnemer heeft", timeout=TIMEOUT_MS)

        b = phone_b.new_page()
        b.goto(f"{w['vote_url']}/s/{w['code']}")
        b.fill(f"#k_{k1}", "1")
        b.fill(f"#k_{k3}", "2")
        b.click("#verstuur")
        expect(b.locator("#melding")).to_contain_text("Uw stem is opgeslagen")

        # The projector page polls: two participants, the ranking and a redrawn chart.
        expect(screen.locator("#status")).to_contain_text("2 deelnemers hebben", timeout=TIMEOUT_MS)
        expect(screen.locator("#uitslag li").first).to_have_text(
            "1Eenzaamheid onder 75-plussers: 3 stippen"
        )
        expect(screen.locator("#grafiek")).not_to_have_attribute(
            "data-versie", first_chart or "", timeout=TIMEOUT_MS
        )

        # Same phone, same round, second ballot from the tab opened earlier: refused in Dutch.
        a_again.fill(f"#k_{k3}", "3")
        a_again.click("#verstuur")
        expect(a_again.locator("#melding")).to_have_text(
            "Vanaf dit apparaat is in deze ronde al gestemd. Elk apparaat stemt één keer per ronde."
        )
        a.goto(f"{w['vote_url']}/s/{w['code']}")
        expect(a.locator("#melding")).to_contain_text("al gestemd")

        ARTIFACTS.mkdir(exist_ok=True)
        expect(screen.locator("#status")).to_contain_text("2 deelnemers hebben")
        screen.wait_for_function("document.getElementById('grafiek').complete")
        screen.screenshot(path=str(ARTIFACTS / "facilitator.png"), full_page=True)

    # The votes are in the store, from two devices, marked as phone votes; the refused one is not.
    votes = store.rows(w["conn"], "votes", {"round_id": w["round_id"]})
    assert {v["source"] for v in votes} == {"telefoon"}
    assert len({v["participant"] for v in votes}) == 2
    assert all(v["device_token"] and len(v["device_token"]) == 64 for v in votes)
    result = {row.title: row.score for row in priorities.results(w["conn"], w["round_id"]).rows}
    assert result == {
        "Eenzaamheid onder 75-plussers": 3.0,
        "Overdracht ziekenhuis → thuiszorg": 2.0,
        "Wachttijd praktijkondersteuner GGZ": 1.0,
    }
    assert outside == []


@pytest.mark.slow
def test_projector_in_voila_shows_code_qr_and_a_phone_vote(db_path, tmp_path, browser):
    """`presenteer 3 --lan` as the room sees it: Voilà code-free, QR and code, a phone vote appears."""
    import os
    import socket
    import subprocess
    import time

    import httpx
    import nbformat
    from playwright.sync_api import expect

    from wijktools import presenter

    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Kick-off Centrum", "area_code": "WK036301"})
    kid = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid onder 75-plussers")
    priorities.open_round(conn, sid, "dots", 3)
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("sessie: int = 0  # nummer van de werksessie")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Stap 3: prioriteiten"), params,
                nbformat.v4.new_code_cell("print('sessie', sessie)  # BRONCODE")]  # fmt: skip
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    (tmp_path / "nb").mkdir()
    nbformat.write(nb, tmp_path / "nb" / "03-prioriteiten-en-afspraken.ipynb")
    port, vote_port = free_port(), free_port()
    plan = presenter.plan(3, sid, db_path, port=port, lan_host="127.0.0.1", vote_port=vote_port,
                          folder=tmp_path / "nb", workdir=tmp_path / "kopie")  # fmt: skip
    env = {**plan.voila_env, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    outside: list[str] = []
    servers = presenter.start_voting(plan)
    voila = subprocess.Popen(plan.voila_command, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.1)
        with loopback_context(browser, outside, 1366, 900) as projector:
            screen = projector.new_page()
            screen.goto(plan.voila_url, timeout=90_000)
            expect(screen.get_by_text("sessie " + str(sid))).to_be_visible(timeout=60_000)
            expect(screen.locator(".wijktools-sessiecode")).to_have_text(
                store.get(conn, "sessions", sid)["code"], timeout=30_000
            )
            expect(screen.locator("img[alt='QR-code naar de stempagina']")).to_be_visible()
            expect(screen.get_by_text("0 deelnemers gestemd")).to_be_visible(timeout=30_000)
            assert "BRONCODE" not in screen.content()
            # a phone on the room network votes (plain HTTP client: same form, same cookie rules)
            with httpx.Client() as phone:
                page = phone.get(plan.vote_url).text
                token = page.split('name="token" value="')[1].split('"')[0]
                ronde = page.split('name="ronde" value="')[1].split('"')[0]
                stem = phone.post(plan.vote_url + "/stem",
                                  data={"token": token, "ronde": ronde, f"k_{kid}": "3"})  # fmt: skip
                assert stem.status_code == 200
            expect(screen.get_by_text("1 deelnemer gestemd, waarvan 1 via telefoon")).to_be_visible(
                timeout=TIMEOUT_MS
            )
            ARTIFACTS.mkdir(exist_ok=True)
            screen.screenshot(path=str(ARTIFACTS / "beamer-voila.png"))
    finally:
        voila.terminate()
        voila.wait(15)
        servers.stop()
        conn.close()
    assert outside == []
    assert os.environ.get("WIJKTOOLS_SESSIE") is None  # the test process itself is untouched


def test_phone_keeps_its_choice_and_refuses_too_many_dots_itself(workshop, browser):
    """Over the limit: the page itself refuses (no request); a refusal by the server keeps the choice."""
    from playwright.sync_api import expect

    outside: list[str] = []
    w = workshop
    k1, k2, k3 = w["ids"]
    with loopback_context(browser, outside) as phone:
        page = phone.new_page()
        page.goto(f"{w['vote_url']}/s/{w['code']}")
        posts: list[str] = []
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        page.fill(f"#k_{k1}", "3")
        page.fill(f"#k_{k2}", "1")
        expect(page.locator("#teller")).to_have_text(
            "U heeft 1 stip te veel verdeeld. Haal er 1 weg."
        )
        expect(page.locator("#verstuur")).to_have_attribute("aria-disabled", "true")
        page.click("#verstuur", force=True)  # a tap on the greyed button: the page refuses it
        expect(page.locator(f"#k_{k1}")).to_have_value("3")  # still on the same page
        assert posts == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "telefoon-te-veel.png"))

        # A ballot the server refuses (half a dot, sent past the browser check) comes back filled in.
        page.fill(f"#k_{k1}", "1")
        page.fill(f"#k_{k2}", "0")
        page.evaluate(f"document.getElementById('k_{k3}').type = 'text'")
        page.fill(f"#k_{k3}", "2.5")
        page.click("#verstuur")
        expect(page.locator("#fout")).to_contain_text("Pas uw stem aan")
        expect(page.locator(f"#k_{k1}")).to_have_value("1")
        expect(page.locator(f"#k_{k3}")).to_have_value("2.5")
        expect(page.locator("h1")).to_have_text("Verdeel uw stippen")
    assert store.rows(w["conn"], "votes", {"round_id": w["round_id"]}) == []
    assert outside == []


def test_facilitator_controls_stand_apart_and_ties_match_the_chart(workshop, browser):
    """Open/close buttons in their own marked strip; a tie reads 2= twice in the list, as in the chart."""
    from playwright.sync_api import expect

    w = workshop
    k1, k2, k3 = w["ids"]
    priorities.cast_dots(w["conn"], w["round_id"], "huisarts", {k1: 2, k2: 1})
    priorities.cast_dots(w["conn"], w["round_id"], "apotheker", {k1: 1, k3: 1})
    outside: list[str] = []
    with loopback_context(browser, outside, 1280, 720) as projector:
        screen = projector.new_page()
        screen.goto(w["beheer_url"])
        expect(screen.locator("#uitslag li")).to_have_count(3, timeout=TIMEOUT_MS)
        ranks = screen.locator("#uitslag .rang").all_text_contents()
        assert ranks == ["1", "2=", "2="]
        strip = screen.locator("section.bediening")
        assert (
            strip.locator("#open-ronde").count() == 1 and strip.locator("#sluit-ronde").count() == 1
        )
        assert screen.locator("aside #open-ronde").count() == 0
        room = screen.locator("#grafiek").bounding_box()
        controls = strip.bounding_box()
        assert controls["y"] >= room["y"] + room["height"]  # below what the room reads
        colours = screen.evaluate(
            """() => ['open-ronde', 'sluit-ronde'].map(id => getComputedStyle(document.getElementById(id)).backgroundColor)"""
        )
        assert colours[0] == "rgb(0, 114, 178)" and colours[1] == "rgb(255, 255, 255)"
        ARTIFACTS.mkdir(exist_ok=True)
        screen.screenshot(path=str(ARTIFACTS / "facilitator-bediening.png"), full_page=True)
    assert outside == []
