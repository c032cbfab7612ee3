"""axe-core in headless Chromium: profile, report and voting pages have no serious or critical violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import BROWSER_TESTS, block_outside
from tests.support.export_helpers import make_session, profile_fixture
from wijktools import export
from wijktools.cli import main
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.app import VotingConfig, create_app
from wijktools.voting.beheer import BeheerConfig, create_beheer_app
from wijktools.voting.server import free_port, serving
from wijktools.workshop import knelpunten, priorities

pytestmark = BROWSER_TESTS

AXE = Path(__file__).resolve().parent / "support" / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    """Run axe-core on the open page; one line per serious/critical rule with its first targets."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["passes"] is not None  # axe really ran
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + json.dumps([n["target"] for n in v["nodes"][:3]], ensure_ascii=False)
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.fixture
def page(browser):
    # bypass_csp: the voting pages allow only their own nonce'd scripts; axe is injected by the test.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.outside = []
    block_outside(
        page,
        lambda url: url.startswith(("file:", "data:", "http://127.0.0.1")),
        page.outside,
    )
    yield page
    context.close()


def test_wijkprofiel_page(tmp_path, page):
    main(["profiel", "WK026200", "--uit", str(tmp_path)])
    page.goto((tmp_path / "wijkprofiel.html").as_uri())
    assert page.locator("main").count() == 1
    assert serious_violations(page) == []
    assert page.outside == []


def test_report_page(tmp_path, page):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn)
    written = export.export(
        conn, sid, formats="html", out_dir=tmp_path / "uit", profile=profile_fixture()
    )
    conn.close()
    page.goto(written["html"].as_uri())
    assert page.locator("main").count() == 1
    tables = page.locator("table")
    assert tables.count() >= 1
    assert page.locator("table > caption").count() == tables.count()
    assert serious_violations(page) == []


def test_voting_pages(tmp_path, page):
    db = tmp_path / "db.sqlite"
    conn = store.connect(db)
    sid = store.insert(conn, "sessions", {"name": "Kick-off Centrum", "area_code": "WK036301"})
    knelpunten.add_knelpunt(conn, sid, "Eenzaamheid onder 75-plussers")
    knelpunten.add_knelpunt(conn, sid, "Wachttijd praktijkondersteuner GGZ")
    code = ballots.ensure_code(conn, sid)
    priorities.open_round(conn, sid, "dots", 3)
    vote_port, beheer_port = free_port(), free_port()
    vote_url = f"http://127.0.0.1:{vote_port}"
    apps = [
        (create_app(VotingConfig(db, frozenset({sid}))), "127.0.0.1", vote_port),
        (
            create_beheer_app(BeheerConfig(db, sid, f"{vote_url}/s/{code}")),
            "127.0.0.1",
            beheer_port,
        ),
    ]
    with serving(apps):
        for url in (
            vote_url + "/",
            f"{vote_url}/s/{code}",
            f"http://127.0.0.1:{beheer_port}/sessie/{sid}",
        ):
            page.goto(url)
            assert page.locator("main").count() == 1, url
            assert serious_violations(page) == [], url
    conn.close()
    assert page.outside == []
