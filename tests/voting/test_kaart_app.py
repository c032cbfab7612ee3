"""The partners' sociale-kaart page and the adviser's moderation list, without a browser.

Partner data is FICTIEF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from wijktools import network
from wijktools.network import proposals
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.app import Limits
from wijktools.voting.kaart_app import KaartConfig, create_kaart_app
from wijktools.voting.kaart_beheer import KaartBeheerConfig, create_kaart_beheer_app

LOCAL = ("127.0.0.1", 50000)
LOCAL_URL = "http://127.0.0.1:8766"


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
            "telefoon": "0513-412345",
            "email": "j.jansen@delinde.example.nl",
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
            "telefoon": "0513-498765",
            "email": "p.deboer@apotheekzuid.example.nl",
        },
    )
    code = ballots.ensure_code(conn, sid)
    yield {"conn": conn, "sid": sid, "linde": linde, "zuid": zuid, "code": code, "db": db_path}
    conn.close()


def phone(kaart, address="192.168.1.50", limits=None) -> TestClient:
    config = KaartConfig(kaart["db"], frozenset({kaart["sid"]}), limits or Limits())
    return TestClient(create_kaart_app(config), client=(address, 40000))


def form_token(response) -> str:
    return BeautifulSoup(response.text, "html.parser").select_one("input[name=token]")["value"]


def text_of(response) -> str:
    return BeautifulSoup(response.text, "html.parser").get_text(" ")


def claim(c: TestClient, kaart, pid: int):
    c.get(f"/k/{kaart['code']}")  # sets the device cookie
    return c.post(f"/k/{kaart['code']}/kies/{pid}")


def test_list_shows_names_only(kaart):
    c = phone(kaart)
    page = c.get(f"/k/{kaart['code']}")
    assert page.status_code == 200
    body = text_of(page)
    assert "Huisartsenpraktijk De Linde" in body and "Apotheek Zuid" in body
    for secret in ("0513", "Jansen", "de Boer", "@"):
        assert secret not in page.text
    assert "Linde" in text_of(c.get(f"/k/{kaart['code']}?zoek=lin"))
    assert "Apotheek Zuid" not in text_of(c.get(f"/k/{kaart['code']}?zoek=lin"))


def test_own_entry_only_and_one_device_per_organisation(kaart):
    first, second = phone(kaart), phone(kaart, "192.168.1.51")
    assert claim(first, kaart, kaart["linde"]).status_code == 200  # followed the redirect
    own = first.get(f"/k/{kaart['code']}/o/{kaart['linde']}")
    stored = network.partners_by_id(kaart["conn"], kaart["linde"])
    assert stored["email"] in own.text and stored["telefoon"] in own.text
    assert "apotheekzuid" not in own.text
    # the first phone cannot open another organisation
    other = first.get(f"/k/{kaart['code']}/o/{kaart['zuid']}")
    assert other.status_code == 403 and "apotheekzuid" not in other.text
    assert claim(first, kaart, kaart["zuid"]).status_code == 403
    # a second phone cannot take an organisation already bound, nor see it
    taken = claim(second, kaart, kaart["linde"])
    assert taken.status_code == 403 and "ander apparaat" in text_of(taken)
    peek = second.get(f"/k/{kaart['code']}/o/{kaart['linde']}")
    assert peek.status_code == 403 and "delinde" not in peek.text


def test_proposal_is_stored_not_applied_and_only_once(kaart):
    c = phone(kaart)
    claim(c, kaart, kaart["linde"])
    page = c.get(f"/k/{kaart['code']}/o/{kaart['linde']}")
    data = {
        "token": form_token(page),
        "actie": "wijzig",
        "werkdagen": ["ma", "di", "do"],
        "opnamestop": "ja",
        "opnamestop_sinds": "2026-11-01",
        "opnamestop_tot": "2027-03-01",
        "expertise": "ouderenzorg",
        "voorkeur_contact": ["ZorgMail"],
        "contactpersoon": "J. Jansen",
        "telefoon": "0513-412345",
        "email": "info@delinde.example.nl",
        "adres": "",
        "postcode": "",
        "website": "",
    }
    sent = c.post(f"/k/{kaart['code']}/o/{kaart['linde']}", data=data)
    assert sent.status_code == 200 and "doorgegeven" in text_of(sent)
    entry = network.partners_by_id(kaart["conn"], kaart["linde"])
    assert entry["email"] == "j.jansen@delinde.example.nl"  # unchanged until the adviser decides
    (p,) = proposals.proposals(kaart["conn"], kaart["sid"])
    assert {f.field: f.new_value for f in p.fields} == {
        "werkdagen": "ma, di, do",
        "opnamestop": "ja sinds 2026-11-01 tot 2027-03-01",
        "expertise": "ouderenzorg",
        "voorkeur_contact": "ZorgMail",
        "email": "info@delinde.example.nl",
    }
    again = c.post(f"/k/{kaart['code']}/o/{kaart['linde']}", data=data)
    assert again.status_code in (400, 409)
    assert len(proposals.proposals(kaart["conn"], kaart["sid"])) == 1


def test_invalid_values_come_back_in_dutch(kaart):
    c = phone(kaart)
    claim(c, kaart, kaart["linde"])
    page = c.get(f"/k/{kaart['code']}/o/{kaart['linde']}")
    bad = c.post(
        f"/k/{kaart['code']}/o/{kaart['linde']}",
        data={
            "token": form_token(page),
            "actie": "wijzig",
            "email": "geen-adres",
            "opnamestop": "nee",
        },
    )
    assert bad.status_code == 400
    assert BeautifulSoup(bad.text, "html.parser").select_one("#probleem-email")
    assert proposals.proposals(kaart["conn"], kaart["sid"]) == []
    forged = c.post(
        f"/k/{kaart['code']}/o/{kaart['linde']}",
        data={"token": "vals", "actie": "bevestig"},
    )
    assert forged.status_code == 400 and proposals.proposals(kaart["conn"], kaart["sid"]) == []
    big = c.post(
        f"/k/{kaart['code']}/o/{kaart['linde']}",
        data={"token": form_token(page), "actie": "wijzig", "expertise": "x" * 20_000},
    )
    assert big.status_code == 413


def test_device_post_limit(kaart):
    c = phone(kaart, limits=Limits(posts_per_device=2))
    claim(c, kaart, kaart["linde"])  # one post
    page = c.get(f"/k/{kaart['code']}/o/{kaart['linde']}")
    c.post(f"/k/{kaart['code']}/o/{kaart['linde']}", data={"token": "x", "actie": "bevestig"})
    over = c.post(f"/k/{kaart['code']}/o/{kaart['linde']}", data={"token": form_token(page)})
    assert over.status_code == 429


def moderation(kaart) -> TestClient:
    app = create_kaart_beheer_app(KaartBeheerConfig(kaart["db"], kaart["sid"]))
    return TestClient(app, client=LOCAL, base_url=LOCAL_URL)


def test_moderation_is_loopback_only(kaart):
    app = create_kaart_beheer_app(KaartBeheerConfig(kaart["db"], kaart["sid"]))
    outside = TestClient(app, client=("192.168.1.23", 50000))
    sid = kaart["sid"]
    assert outside.get(f"/sessie/{sid}/sociale-kaart").status_code == 403
    assert outside.post(f"/sessie/{sid}/sociale-kaart/veld/1").status_code == 403
    rebound = TestClient(app, client=LOCAL, base_url="http://aanvaller.example:8766")
    assert rebound.get(f"/sessie/{sid}/sociale-kaart").status_code == 400
    # the phone app has no moderation routes
    assert phone(kaart).get(f"/sessie/{sid}/sociale-kaart").status_code == 404


def test_accept_one_field_reject_another_confirm_and_upkeep(kaart):
    conn, sid = kaart["conn"], kaart["sid"]
    proposals.propose_change(
        conn,
        sid,
        kaart["linde"],
        {"email": "info@delinde.example.nl", "werkdagen": "ma, di"},
        "a" * 64,
    )
    proposals.propose_change(conn, sid, kaart["zuid"], {}, "b" * 64)
    before = len(store.history(conn, "ketenpartners", kaart["linde"]))
    m = moderation(kaart)
    page = m.get(f"/sessie/{sid}/sociale-kaart")
    token = form_token(page)
    assert "bevestigd" in text_of(page) and "wijziging voorgesteld" in text_of(page)
    fields = {f.field: f.id for p in proposals.proposals(conn, sid) for f in p.fields}
    base = f"/sessie/{sid}/sociale-kaart"
    assert (
        m.post(f"{base}/veld/{fields['email']}", data={"besluit": "accepteren"}).status_code == 403
    )
    m.post(f"{base}/veld/{fields['email']}", data={"token": token, "besluit": "accepteren"})
    m.post(f"{base}/veld/{fields['werkdagen']}", data={"token": token, "besluit": "afwijzen"})
    linde = network.partners_by_id(conn, kaart["linde"])
    assert linde["email"] == "info@delinde.example.nl"
    assert linde["werkdagen"] == "ma, di, wo, do, vr"
    assert linde["laatst_gecontroleerd"]
    history = store.history(conn, "ketenpartners", kaart["linde"])
    assert len(history) == before + 1
    assert history[-1]["data"]["email"] == "j.jansen@delinde.example.nl"
    confirm = next(p for p in proposals.proposals(conn, sid) if p.kind == "bevestigd")
    m.post(f"{base}/reactie/{confirm.id}", data={"token": token, "besluit": "bevestiging"})
    assert network.partners_by_id(conn, kaart["zuid"])["laatst_gecontroleerd"]
    states = {u["organisatie"]: u["reactie"] for u in proposals.upkeep(conn, sid)}
    assert states == {
        "Huisartsenpraktijk De Linde": "wijziging voorgesteld",
        "Apotheek Zuid": "bevestigd",
    }
    network.add_partner(
        conn, sid, {"organisatie": "Wijkteam Joure", "discipline": "sociaal wijkteam"}
    )
    assert proposals.upkeep(conn, sid)[-1]["reactie"] == "niet gereageerd"


def test_new_organisation_waits_for_the_adviser(kaart):
    c = phone(kaart)
    page = c.get(f"/k/{kaart['code']}/nieuw")  # a direct link: the cookie comes with the form
    sent = c.post(
        f"/k/{kaart['code']}/nieuw",
        data={
            "token": form_token(page),
            "organisatie": "Fysiotherapie Joure",
            "discipline": "fysiotherapie",
            "werkdagen": ["ma", "wo"],
            "opnamestop": "nee",
            "telefoon": "0513-411111",
        },
    )
    assert sent.status_code == 200, text_of(sent)
    conn, sid = kaart["conn"], kaart["sid"]
    assert network.find_partner(conn, sid, "Fysiotherapie Joure") is None
    (p,) = proposals.proposals(conn, sid)
    new_id = proposals.accept_new(conn, sid, p.id)
    row = network.partners_by_id(conn, new_id)
    assert (row["organisatie"], row["werkdagen"]) == ("Fysiotherapie Joure", "ma, wo")
