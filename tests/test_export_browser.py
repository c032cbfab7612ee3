"""The reveal.js deck and the HTML report opened from the file system in headless Chromium, offline."""

from pathlib import Path

import pytest

from tests.conftest import BROWSER_TESTS, block_outside
from tests.support.export_helpers import SCRIPT_NAME, make_session, profile_fixture
from wijktools import export
from wijktools.store import connection as store

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    conn = store.connect(base / "db.sqlite")
    sid = make_session(conn)
    written = export.export(
        conn, sid, formats="html,slides", out_dir=base / "uit", profile=profile_fixture()
    )
    conn.close()
    return written


@pytest.fixture
def page(browser):
    """A page whose every request is routed: file:/data: pass, anything else is counted and refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.outside = []
    page.dialogs = []

    block_outside(page, lambda url: url.startswith(("file:", "data:")), page.outside)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def test_reveal_deck_renders_title_slide_offline(files, page):
    page.goto(files["slides"].as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    title = page.locator("section#titel h1")
    assert title.is_visible()
    assert title.inner_text() == "Kick-off Centrum"
    assert page.evaluate("Reveal.getTotalSlides()") >= 6
    assert page.evaluate("Reveal.getIndices().h") == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "presentatie-titeldia.png"))
    assert page.outside == []
    assert page.dialogs == []


def test_html_report_opens_offline_and_scripts_do_not_run(files, page):
    page.goto(files["html"].as_uri())
    heading = page.locator("h1")
    assert heading.is_visible() and heading.inner_text() == "Kick-off Centrum"
    assert page.locator("text=geen contactgegevens").first.is_visible()
    assert page.get_by_text(SCRIPT_NAME).first.is_visible()  # shown as text
    assert page.evaluate("document.scripts.length") == 0
    images = page.evaluate("Array.from(document.images).map(i => i.naturalWidth)")
    assert images and all(w > 0 for w in images)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "rapport-eerste-scherm.png"))
    assert page.outside == []
    assert page.dialogs == []


def test_guard_counts_requests_leaving_the_machine(tmp_path, page):
    probe = tmp_path / "probe.html"
    probe.write_text('<img src="https://example.invalid/x.png"><p>probe</p>', encoding="utf-8")
    page.goto(probe.as_uri())
    page.wait_for_load_state("load")
    assert page.outside == ["https://example.invalid/x.png"]
