"""Real browser, real servers: a phone proposes a change to its own entry, a second phone sees no
other partner's contact details, the laptop accepts one field and rejects another.

Partner data is FICTIEF.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import BROWSER_TESTS, block_outside
from wijktools import network
from wijktools.network import proposals
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.kaart_app import KaartConfig, create_kaart_app
from wijktools.voting.kaart_beheer import KaartBeheerConfig, create_kaart_beheer_app
from wijktools.voting.server import free_port, serving

pytestmark = BROWSER_TESTS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LINDE_MAIL, LINDE_PHONE = "j.jansen@delinde.example.nl", "0513-412345"
ZUID_MAIL = "p.deboer@apotheekzuid.example.nl"


@pytest.fixture
def kaart(db_path: Path):
    conn = store.connect(db_path)
    sid = store.insert(
        conn, "sessions", {"name": "Kick-off Joure (FICTIEF)", "area_code": "WK194019"}
    )
    linde = network.add_partner(
        conn,
        sid,
        {
            "organisatie": "Huisartsenpraktijk De Linde",
            "discipline": "huisarts",
            "contactpersoon": "J. Jansen",
            "telefoon": LINDE_PHONE,
            "email": LINDE_MAIL,
            "werkdagen": "ma, di, wo, do, vr",
        },
    )
    zuid = network.add_partner(
        conn,
        sid,
        {
            "organisatie": "Apotheek Zuid",
            "discipline": "apotheek",
            "contactpersoon": "P. de Boer",
            "email": ZUID_MAIL,
        },
    )
    code = ballots.ensure_code(conn, sid)
    port, beheer_port = free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    apps = [
        (create_kaart_app(KaartConfig(db_path, frozenset({sid}))), "127.0.0.1", port),
        (
            create_kaart_beheer_app(KaartBeheerConfig(db_path, sid, f"{url}/k/{code}")),
            "127.0.0.1",
            beheer_port,
        ),
    ]
    with serving(apps):
        yield {
            "conn": conn,
            "sid": sid,
            "linde": linde,
            "zuid": zuid,
            "code": code,
            "url": url,
            "beheer_url": f"http://127.0.0.1:{beheer_port}/sessie/{sid}/sociale-kaart",
        }
    conn.close()


@contextlib.contextmanager
def device(browser, outside: list[str], width: int = 412, height: int = 915):
    """A fresh browser profile (one phone or the laptop); every non-127.0.0.1 request is aborted."""
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


def test_phone_proposes_laptop_accepts_one_field_rejects_another(kaart, browser):
    from playwright.sync_api import expect

    k = kaart
    conn = k["conn"]
    history_before = len(store.history(conn, "ketenpartners", k["linde"]))
    outside: list[str] = []
    with (
        device(browser, outside) as phone_a,
        device(browser, outside) as phone_b,
        device(browser, outside, 1366, 900) as laptop,
    ):
        # Phone A types the code, finds its practice and asks to see its entry.
        a = phone_a.new_page()
        a.goto(k["url"] + "/")
        a.fill("#code", k["code"].lower())
        a.click("button[type=submit]")
        a.fill("#zoek", "linde")
        a.click("text=Zoeken")
        a.click("text=Huisartsenpraktijk De Linde")
        a.click("#kies")
        expect(a.locator("h1")).to_have_text("Huisartsenpraktijk De Linde")
        expect(a.locator("#email")).to_have_value(LINDE_MAIL)
        assert ZUID_MAIL not in a.content()
        # It proposes a new e-mail address and one working day less.
        a.fill("#email", "info@delinde.example.nl")
        a.uncheck("input[name=werkdagen][value=wo]")
        ARTIFACTS.mkdir(exist_ok=True)
        a.screenshot(path=str(ARTIFACTS / "sociale-kaart-telefoon.png"), full_page=True)
        a.click("#wijzig")
        expect(a.locator("#melding")).to_contain_text("doorgegeven")
        # Nothing changed on the sociale kaart yet.
        assert network.partners_by_id(conn, k["linde"])["email"] == LINDE_MAIL

        # Phone B sees names only, and after choosing its own pharmacy only that entry.
        b = phone_b.new_page()
        b.goto(f"{k['url']}/k/{k['code']}")
        listing = b.content()
        for secret in (LINDE_MAIL, LINDE_PHONE, "Jansen", ZUID_MAIL):
            assert secret not in listing
        b.click("text=Apotheek Zuid")
        b.click("#kies")
        expect(b.locator("#email")).to_have_value(ZUID_MAIL)
        assert LINDE_MAIL not in b.content() and "info@delinde" not in b.content()
        b.goto(f"{k['url']}/k/{k['code']}/o/{k['linde']}")
        expect(b.locator("h1")).to_have_text("Geen toegang")
        assert LINDE_MAIL not in b.content() and "Jansen" not in b.content()
        b.goto(f"{k['url']}/k/{k['code']}/kies/{k['linde']}")
        b.click("#kies")
        expect(b.locator("#melding")).to_contain_text("andere organisatie")
        assert LINDE_MAIL not in b.content()

        # The laptop accepts the e-mail address and rejects the working days.
        screen = laptop.new_page()
        screen.goto(k["beheer_url"])
        expect(screen.locator("#bijhouden")).to_contain_text("wijziging voorgesteld")
        screen.locator("tr[data-veld=email] button[value=accepteren]").click()
        expect(screen.locator("#melding")).to_have_text("Overgenomen in de sociale kaart.")
        screen.locator("tr[data-veld=werkdagen] button[value=afwijzen]").click()
        expect(screen.locator("#melding")).to_have_text("Afgewezen.")
        expect(screen.locator("tr[data-veld=email]")).to_contain_text("geaccepteerd")
        expect(screen.locator("tr[data-veld=werkdagen]")).to_contain_text("afgewezen")
        screen.screenshot(path=str(ARTIFACTS / "sociale-kaart-beoordelen.png"), full_page=True)

    # The store holds exactly the accepted change, with the old version in history.
    linde = network.partners_by_id(conn, k["linde"])
    assert linde["email"] == "info@delinde.example.nl"
    assert linde["werkdagen"] == "ma, di, wo, do, vr"
    assert linde["telefoon"] and linde["contactpersoon"] == "J. Jansen"
    assert linde["laatst_gecontroleerd"]
    history = store.history(conn, "ketenpartners", k["linde"])
    assert len(history) == history_before + 1
    assert history[-1]["action"] == "before_update"
    assert history[-1]["data"]["email"] == LINDE_MAIL
    zuid = network.partners_by_id(conn, k["zuid"])
    assert zuid["email"] == ZUID_MAIL and not zuid["laatst_gecontroleerd"]
    (proposal,) = proposals.proposals(conn, k["sid"])
    assert {f.field: f.status for f in proposal.fields} == {
        "email": "geaccepteerd",
        "werkdagen": "afgewezen",
    }
    assert proposal.status == "afgehandeld"
    assert outside == []
