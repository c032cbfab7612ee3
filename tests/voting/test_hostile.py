"""Voting in the room under hostile or crowded conditions: malformed forms, NAT, host headers, stemcodes."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from tests.voting.test_app import client, form_of, message, room  # noqa: F401 (fixture)
from wijktools.voting import ballots
from wijktools.voting.app import Limits, VotingConfig, create_app
from wijktools.voting.beheer import BeheerConfig, create_beheer_app
from wijktools.workshop import priorities

NAT = ("192.168.1.1", 40000)


def test_malformed_round_and_fields_get_400_in_dutch(room):  # noqa: F811
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    c = client(room, Limits(posts_per_device=100))
    hidden, _ = form_of(c, room["code"])
    k1 = room["ids"][0]
    for bad in (
        {**hidden, "ronde": "²", f"k_{k1}": "1"},
        {**hidden, "ronde": "٣", f"k_{k1}": "1"},
        {**hidden, "ronde": "1" * 40, f"k_{k1}": "1"},
        {**hidden, f"k_{k1}": "²"},
        {**hidden, f"k_{k1}": "-1"},
        {**hidden, f"k_{k1}": "9" * 30},
        {**hidden, "k_٣": "1"},
        {**hidden, f"impact_{k1}": "3"},
        {**hidden, "token": "x" * 500},
    ):
        response = c.post(f"/s/{room['code']}/stem", data=bad)
        assert response.status_code == 400, bad
        text = message(response)
        assert text and "Traceback" not in response.text
        assert not re.search(r"\b(Error|Exception|invalid literal)\b", response.text)
    assert (
        priorities.results(
            room["conn"], priorities.rounds(room["conn"], room["sid"])[-1]["id"]
        ).participants
        == 0
    )


def test_many_phones_behind_one_address_can_all_vote(room):  # noqa: F811
    rid = priorities.open_round(room["conn"], room["sid"], "dots", 3)
    app = create_app(
        VotingConfig(room["db"], frozenset({room["sid"]}), Limits(requests_per_device=5))
    )
    k1 = room["ids"][0]
    stored = 0
    for _ in range(60):  # 60 phones, one NAT address; each does its 2 requests
        phone = TestClient(app, client=NAT)
        hidden, _ = form_of(phone, room["code"])
        ok = phone.post(f"/s/{room['code']}/stem", data={**hidden, f"k_{k1}": "1"})
        stored += ok.status_code == 200
    assert stored == 60
    assert priorities.results(room["conn"], rid).participants == 60


def test_one_phone_flooding_is_limited_without_blocking_the_others(room):  # noqa: F811
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    app = create_app(
        VotingConfig(room["db"], frozenset({room["sid"]}), Limits(requests_per_device=3))
    )
    noisy = TestClient(app, client=NAT)
    codes = [noisy.get(f"/s/{room['code']}").status_code for _ in range(5)]
    assert codes[:4] == [200, 200, 200, 200] and codes[4] == 429  # first visit has no cookie yet
    quiet = TestClient(app, client=NAT)
    assert quiet.get(f"/s/{room['code']}").status_code == 200


def test_global_ceiling_holds_across_devices(room):  # noqa: F811
    app = create_app(VotingConfig(room["db"], frozenset({room["sid"]}), Limits(requests_total=5)))
    codes = [TestClient(app, client=(f"10.0.0.{i}", 1)).get("/").status_code for i in range(7)]
    assert codes == [200] * 5 + [429] * 2


def test_invalid_host_header_is_refused_in_dutch(room):  # noqa: F811
    app = create_beheer_app(BeheerConfig(room["db"], room["sid"]))
    local = TestClient(app, client=("127.0.0.1", 5000), base_url="http://evil.example")
    response = local.get(f"/sessie/{room['sid']}")
    assert response.status_code == 400
    assert "Invalid host header" not in response.text
    assert "alleen te openen via het adres" in response.text
    ok = TestClient(app, client=("127.0.0.1", 5000), base_url="http://[::1]:8765")
    assert ok.get(f"/sessie/{room['sid']}").status_code == 200


def test_facilitator_form_with_superscript_number_is_not_a_500(room):  # noqa: F811
    app = create_beheer_app(BeheerConfig(room["db"], room["sid"]))
    local = TestClient(app, client=("127.0.0.1", 5000), base_url="http://127.0.0.1:8765")
    page = BeautifulSoup(local.get(f"/sessie/{room['sid']}").text, "html.parser")
    token = page.select_one("input[name=token]")["value"]
    response = local.post(
        f"/sessie/{room['sid']}/open",
        data={"token": token, "vorm": "dots", "stippen": "²"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    present = local.post(
        f"/sessie/{room['sid']}/aanwezig",
        data={"token": token, "aanwezig": "²"},
        follow_redirects=False,
    )
    assert present.status_code == 303 and "melding=" in present.headers["location"]


def test_stemcodes_give_one_ballot_per_code_per_round_whatever_the_cookie(room):  # noqa: F811
    rid = priorities.open_round(room["conn"], room["sid"], "dots", 3)
    codes = ballots.make_stemcodes(room["conn"], room["sid"], 3)
    assert len(set(codes)) == 3 and all(len(c) == 8 for c in codes)
    app = create_app(VotingConfig(room["db"], frozenset({room["sid"]})))
    k1 = room["ids"][0]

    def vote(code: str | None) -> int:
        phone = TestClient(app, client=NAT)  # a fresh cookie every time: cleared cookies
        hidden, page = form_of(phone, room["code"])
        assert 'name="stemcode"' in page
        data = {**hidden, f"k_{k1}": "1"}
        if code is not None:
            data["stemcode"] = code
        return phone.post(f"/s/{room['code']}/stem", data=data).status_code

    assert vote(None) == 400
    assert vote("ONBEKEND") == 400
    assert vote(codes[0].lower()) == 200
    assert vote(codes[0]) == 409  # same code, new cookie: refused
    assert vote(codes[1][:4] + "-" + codes[1][4:]) == 200
    assert priorities.results(room["conn"], rid).participants == 2
    # A new round: the same code votes again, once.
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    assert vote(codes[0]) == 200


def test_facilitator_sees_ballots_against_people_present(room):  # noqa: F811
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    ballots.set_present(room["conn"], room["sid"], 1)
    c = client(room)
    hidden, _ = form_of(c, room["code"])
    c.post(f"/s/{room['code']}/stem", data={**hidden, f"k_{room['ids'][0]}": "1"})
    other = client(room)
    hidden, _ = form_of(other, room["code"])
    other.post(f"/s/{room['code']}/stem", data={**hidden, f"k_{room['ids'][1]}": "1"})
    app = create_beheer_app(BeheerConfig(room["db"], room["sid"], "http://192.168.1.5:8000/s/X"))
    local = TestClient(app, client=("127.0.0.1", 5000), base_url="http://127.0.0.1:8765")
    data = local.get(f"/sessie/{room['sid']}/uitslag.json").json()["round"]
    assert (data["phones"], data["present"]) == (2, 1)
    ballots.make_stemcodes(room["conn"], room["sid"], 2)
    sheet = BeautifulSoup(local.get(f"/sessie/{room['sid']}/stemcodes").text, "html.parser")
    printed = [n.get_text() for n in sheet.select(".code")]
    assert printed == ballots.stemcodes(room["conn"], room["sid"])
    assert len(sheet.select(".kaartje img")) == 2
