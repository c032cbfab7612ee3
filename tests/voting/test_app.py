"""The voting apps without a browser: validation, limits, the loopback guard, no outside assets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from wijktools.errors import AlreadyVotedError
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.app import COOKIE, Limits, VotingConfig, create_app
from wijktools.voting.beheer import BeheerConfig, create_beheer_app
from wijktools.workshop import knelpunten, priorities, rounds

LOCAL = ("127.0.0.1", 50000)
ROOM = ("192.168.1.23", 50000)
LOCAL_URL = "http://127.0.0.1:8766"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def room(db_path: Path):
    conn = store.connect(db_path)
    sid = store.insert(conn, "sessions", {"name": "Kick-off Centrum", "area_code": "WK036301"})
    other = store.insert(conn, "sessions", {"name": "Andere wijk", "area_code": "WK036302"})
    store.insert(
        conn,
        "ketenpartners",
        {
            "session_id": sid,
            "organisatie": "Huisartsenpraktijk De Linde",
            "discipline": "huisarts",
            "contactpersoon": "J. Jansen",
            "email": "j.jansen@example.nl",
            "telefoon": "020-1234567",
        },
    )
    ids = [
        knelpunten.add_knelpunt(conn, sid, "Eenzaamheid <script>alert(1)</script>", "75+ alleen"),
        knelpunten.add_knelpunt(conn, sid, "Wachttijd GGZ"),
    ]
    foreign = knelpunten.add_knelpunt(conn, other, "Knelpunt van een andere sessie")
    ballots.ensure_code(conn, other)
    code = ballots.ensure_code(conn, sid)
    yield {
        "conn": conn,
        "sid": sid,
        "other": other,
        "ids": ids,
        "foreign": foreign,
        "code": code,
        "db": db_path,
    }
    conn.close()


def client(room, limits: Limits | None = None) -> TestClient:
    config = VotingConfig(room["db"], frozenset({room["sid"]}), limits or Limits())
    return TestClient(create_app(config), client=("192.168.1.50", 40000))


def form_of(c: TestClient, code: str) -> tuple[dict[str, str], str]:
    page = c.get(f"/s/{code}")
    assert page.status_code == 200, page.text
    soup = BeautifulSoup(page.text, "html.parser")
    hidden = {i["name"]: i["value"] for i in soup.select("input[type=hidden]")}
    return hidden, page.text


def message(response) -> str:
    soup = BeautifulSoup(response.text, "html.parser")
    node = soup.select_one("#melding") or soup.select_one("[role=alert]")
    return node.get_text(" ", strip=True)


def test_dot_vote_is_stored_once_per_device(room):
    rid = priorities.open_round(room["conn"], room["sid"], "dots", 3)
    c = client(room)
    hidden, _ = form_of(c, room["code"].lower())
    k1, k2 = room["ids"]
    ok = c.post(f"/s/{room['code']}/stem", data={**hidden, f"k_{k1}": "2", f"k_{k2}": "1"})
    assert ok.status_code == 200
    assert message(ok) == "Uw stem is opgeslagen. U kunt dit venster sluiten."
    again = c.post(f"/s/{room['code']}/stem", data={**hidden, f"k_{k2}": "1"})
    assert again.status_code == 409
    assert "Vanaf dit apparaat is in deze ronde al gestemd" in message(again)
    assert "al gestemd" in message(c.get(f"/s/{room['code']}"))
    result = {r.knelpunt_id: r.score for r in priorities.results(room["conn"], rid).rows}
    assert result == {k1: 2.0, k2: 1.0}
    # a new round is a new chance to vote, for the same device
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    hidden2, _ = form_of(c, room["code"])
    assert c.post(f"/s/{room['code']}/stem", data={**hidden2, f"k_{k2}": "3"}).status_code == 200


def test_device_cookie_is_httponly_and_samesite(room):
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    response = client(room).get(f"/s/{room['code']}")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie


def test_matrix_vote_with_sliders(room):
    rid = priorities.open_round(room["conn"], room["sid"], "matrix", None)
    c = client(room)
    hidden, html = form_of(c, room["code"])
    assert html.count('type="range"') == 4
    k1, k2 = room["ids"]
    data = {
        **hidden,
        f"impact_{k1}": "5",
        f"haalbaarheid_{k1}": "4",
        f"impact_{k2}": "2",
        f"haalbaarheid_{k2}": "1",
    }
    assert c.post(f"/s/{room['code']}/stem", data=data).status_code == 200
    row = next(r for r in priorities.results(room["conn"], rid).rows if r.knelpunt_id == k1)
    assert (row.impact, row.haalbaarheid, row.quadrant) == (5.0, 4.0, "snel resultaat")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"k_{k1}": "4"}, "tussen 0 en 3"),
        ({"k_{k1}": "2", "k_{k2}": "2"}, "Haal er 1 weg"),
        ({"k_{k1}": "-1"}, "heel getal"),
        ({"k_{k1}": "twee"}, "heel getal"),
        ({"k_{k1}": "0"}, "minstens één stip"),
        ({"k_{foreign}": "1"}, "niet in deze ronde"),
        ({"k_999999": "1"}, "niet in deze ronde"),
        ({"naam": "Jan"}, "Onbekend veld"),
        ({"impact_{k1}": "3"}, "stippenronde"),
    ],
)
def test_dot_ballot_fields_are_validated(room, fields, expected):
    rid = priorities.open_round(room["conn"], room["sid"], "dots", 3)
    c = client(room)
    hidden, _ = form_of(c, room["code"])
    names = {"k1": room["ids"][0], "k2": room["ids"][1], "foreign": room["foreign"]}
    data = {**hidden, **{k.format(**names): v for k, v in fields.items()}}
    response = c.post(f"/s/{room['code']}/stem", data=data)
    assert response.status_code == 400
    assert expected in message(response)
    assert store.rows(room["conn"], "votes", {"round_id": rid}) == []


def test_matrix_scores_must_be_1_to_5_for_every_knelpunt(room):
    priorities.open_round(room["conn"], room["sid"], "matrix", None)
    c = client(room)
    hidden, _ = form_of(c, room["code"])
    k1, k2 = room["ids"]
    full = {
        f"impact_{k1}": "3",
        f"haalbaarheid_{k1}": "3",
        f"impact_{k2}": "3",
        f"haalbaarheid_{k2}": "3",
    }
    too_high = c.post(f"/s/{room['code']}/stem", data={**hidden, **full, f"impact_{k2}": "6"})
    assert too_high.status_code == 400
    assert "tussen 1 en 5" in message(too_high)
    partial = {k: v for k, v in full.items() if not k.startswith("haalbaarheid")}
    missing = c.post(f"/s/{room['code']}/stem", data={**hidden, **partial})
    assert "impact én haalbaarheid" in message(missing)


def test_form_token_is_bound_to_device_and_round(room):
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    k1 = room["ids"][0]
    phone_a, phone_b = client(room), client(room)
    hidden_a, _ = form_of(phone_a, room["code"])
    form_of(phone_b, room["code"])
    stolen = phone_b.post(f"/s/{room['code']}/stem", data={**hidden_a, f"k_{k1}": "1"})
    assert stolen.status_code == 400
    assert "verlopen of hoort niet bij dit apparaat" in message(stolen)
    no_token = phone_a.post(
        f"/s/{room['code']}/stem", data={"ronde": hidden_a["ronde"], f"k_{k1}": "1"}
    )
    assert no_token.status_code == 400
    fresh = client(room)  # no cookie at all
    no_cookie = fresh.post(f"/s/{room['code']}/stem", data={**hidden_a, f"k_{k1}": "1"})
    assert "geen apparaatcookie" in message(no_cookie)


def test_closed_round_refuses_a_ballot_loaded_before(room):
    rid = priorities.open_round(room["conn"], room["sid"], "dots", 3)
    c = client(room)
    hidden, _ = form_of(c, room["code"])
    priorities.close_round(room["conn"], rid)
    late = c.post(f"/s/{room['code']}/stem", data={**hidden, f"k_{room['ids'][0]}": "1"})
    assert late.status_code == 409
    assert "gesloten" in message(late)
    waiting = c.get(f"/s/{room['code']}")
    assert "geen stemronde open" in message(waiting)
    assert '<meta http-equiv="refresh" content="5">' in waiting.text  # the phone looks again


def test_unknown_or_other_sessions_code_shows_nothing(room):
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    priorities.open_round(room["conn"], room["other"], "dots", 3)
    other_code = store.get(room["conn"], "sessions", room["other"])["code"]
    c = client(room)
    for code in (other_code, "ZZZZZZ", "..%2F..", "a" * 40):
        response = c.get(f"/s/{code}")
        assert response.status_code == 404
        assert "Knelpunt van een andere sessie" not in response.text


def test_page_shows_knelpunten_escaped_and_no_contact_details(room):
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    _, html = form_of(client(room), room["code"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    for secret in ("j.jansen@example.nl", "020-1234567", "J. Jansen", "De Linde", "Andere wijk"):
        assert secret not in html


def test_body_size_limit(room):
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    c = client(room)
    hidden, _ = form_of(c, room["code"])
    big = c.post(f"/s/{room['code']}/stem", data={**hidden, "k_1": "1" * 20_000})
    assert big.status_code == 413
    assert "groter dan toegestaan" in message(big)

    def chunks():
        for _ in range(40):
            yield b"k_1=" + b"1" * 1000 + b"&"

    streamed = c.post(
        f"/s/{room['code']}/stem",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert streamed.status_code == 413


def test_rate_limit_per_device_and_per_address(room):
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    clock = FakeClock()
    c = client(room, Limits(requests_per_ip=100, posts_per_ip=100, posts_per_device=2, clock=clock))
    hidden, _ = form_of(c, room["code"])
    bad = {**hidden, "naam": "x"}
    assert [c.post(f"/s/{room['code']}/stem", data=bad).status_code for _ in range(3)] == [
        400,
        400,
        429,
    ]
    clock.now += 61
    assert c.post(f"/s/{room['code']}/stem", data=bad).status_code == 400

    per_ip = client(room, Limits(requests_per_ip=3, clock=FakeClock()))
    codes = [per_ip.get("/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "te veel verzoeken" in message(per_ip.get("/"))


def test_facilitator_app_answers_only_loopback(room):
    app = create_beheer_app(BeheerConfig(room["db"], room["sid"], "http://192.168.1.5:8000/s/X"))
    sid = room["sid"]
    outside = TestClient(app, client=ROOM)
    for path in (
        "/",
        f"/sessie/{sid}",
        f"/sessie/{sid}/uitslag.json",
        f"/sessie/{sid}/uitslag.svg",
    ):
        response = outside.get(path)
        assert response.status_code == 403
        assert "alleen te openen op de laptop" in message(response)
    assert outside.post(f"/sessie/{sid}/open", data={"vorm": "dots"}).status_code == 403
    assert priorities.rounds(room["conn"], sid) == []
    inside = TestClient(app, client=LOCAL, base_url=LOCAL_URL)
    assert inside.get(f"/sessie/{sid}").status_code == 200
    rebound = TestClient(app, client=LOCAL, base_url="http://aanvaller.example:8766")
    assert rebound.get(f"/sessie/{sid}/uitslag.json").status_code == 400
    # the participants' app has no facilitator routes at all: four routes, nothing else
    assert [r.path for r in create_app(VotingConfig(room["db"])).routes] == [
        "/", "/code", "/s/{code}", "/s/{code}/stem"]  # fmt: skip
    for path in (f"/sessie/{sid}", f"/sessie/{sid}/uitslag.json"):
        assert client(room).get(path).status_code == 404


def test_facilitator_opens_and_closes_rounds_with_form_token(room):
    sid = room["sid"]
    inside = TestClient(
        create_beheer_app(BeheerConfig(room["db"], sid)), client=LOCAL, base_url=LOCAL_URL
    )
    soup = BeautifulSoup(inside.get(f"/sessie/{sid}").text, "html.parser")
    token = soup.select_one("input[name=token]")["value"]
    forged = inside.post(f"/sessie/{sid}/open", data={"vorm": "dots", "stippen": "3"})
    assert forged.status_code == 403
    cross = inside.post(
        f"/sessie/{sid}/open",
        data={"token": token, "vorm": "dots"},
        headers={"origin": "http://evil.example"},
    )
    assert cross.status_code == 403
    assert priorities.rounds(room["conn"], sid) == []
    opened = inside.post(
        f"/sessie/{sid}/open",
        data={"token": token, "vorm": "dots", "stippen": "5"},
        follow_redirects=False,
    )
    assert opened.status_code == 303
    live = inside.get(f"/sessie/{sid}/uitslag.json").json()
    assert live["round"]["status"] == "open"
    assert live["round"]["dots_per_participant"] == 5
    assert [r["title"] for r in live["rows"]][1] == "Wachttijd GGZ"
    inside.post(f"/sessie/{sid}/sluit", data={"token": token})
    assert inside.get(f"/sessie/{sid}/uitslag.json").json()["round"]["status"] == "closed"
    bad = inside.post(f"/sessie/{sid}/open", data={"token": token, "vorm": "dots", "stippen": "0"})
    assert "minstens 1 stip" in bad.text
    svg = inside.get(f"/sessie/{sid}/uitslag.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")


def _outside_references(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attr in ("src", "href", "action", "data", "poster", "srcset"):
            value = tag.get(attr)
            if value and re.match(r"^\s*(https?:)?//", value):
                found.append(f"{tag.name}[{attr}]={value}")
    for style in soup.find_all("style"):
        found += re.findall(r"(?:@import|url\(\s*['\"]?(?:https?:)?//)[^;)]*", style.text)
    return found


def test_every_page_is_self_contained(room):
    priorities.open_round(room["conn"], room["sid"], "dots", 3)
    c = client(room)
    pages = [c.get("/"), c.get(f"/s/{room['code']}"), c.get("/s/ONBEKEND"), c.get("/nergens")]
    hidden, _ = form_of(c, room["code"])
    pages.append(c.post(f"/s/{room['code']}/stem", data={**hidden, f"k_{room['ids'][0]}": "1"}))
    inside = TestClient(
        create_beheer_app(BeheerConfig(room["db"], room["sid"], "http://192.168.1.5:8000/s/X")),
        client=LOCAL,
        base_url=LOCAL_URL,
    )
    pages.append(inside.get(f"/sessie/{room['sid']}"))
    for page in pages:
        assert page.headers["content-type"].startswith("text/html")
        assert _outside_references(page.text) == [], page.url
        assert '<html lang="nl">' in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]


def test_second_ballot_race_is_decided_by_the_store(room):
    rid = priorities.open_round(room["conn"], room["sid"], "dots", 3)
    ballot = ballots.Ballot(rid, dots={room["ids"][0]: 1})
    device = ballots.device_hash(ballots.new_device_token())
    ballots.cast_phone_vote(room["conn"], room["sid"], ballot, device)
    with pytest.raises(AlreadyVotedError, match="al gestemd"):
        ballots.cast_phone_vote(room["conn"], room["sid"], ballot, device)
    assert len(store.rows(room["conn"], "votes", {"round_id": rid})) == 1


def test_projector_redraws_when_votes_rounds_or_knelpunten_change(room):
    conn, sid = room["conn"], room["sid"]
    seen = [rounds.tally_version(conn, sid)]
    rid = priorities.open_round(conn, sid, "dots", 3)
    seen.append(rounds.tally_version(conn, sid))
    device = ballots.device_hash(ballots.new_device_token())
    ballots.cast_phone_vote(conn, sid, ballots.Ballot(rid, dots={room["ids"][0]: 1}), device)
    seen.append(rounds.tally_version(conn, sid))
    knelpunten.add_knelpunt(conn, sid, "Genoemd in de zaal")
    seen.append(rounds.tally_version(conn, sid))
    assert len(set(seen)) == 4
    assert rounds.tally_version(conn, sid) == seen[-1]  # unchanged store, unchanged version
