"""`presenteer STAP` on the projector, in headless Chromium at 1280×720 and 1920×1080.

A real session on an area outside the demo (Wijk 00 Borculo) with the shipped workbook notebooks:
nothing wider than its box, no label cut off with "…", no notebook leftovers (example-session text,
pandas index column, "Loading widget…", a summary printed as Python text), tables for reading.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import BROWSER_TESTS, block_outside
from tests.support.export_helpers import make_session
from wijktools import presenter
from wijktools.store import connection as store
from wijktools.voting.server import free_port

pytestmark = [*BROWSER_TESTS, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
SIZES = ((1280, 720), (1920, 1080))

# Every visible element inside the notebook output whose content is wider than its box, and every
# text that the browser cuts with an ellipsis (a truncated label, tab or button).
OVERFLOW = """() => {
  const out = [];
  for (const el of document.querySelectorAll('#rendered_cells *')) {
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    if (el instanceof SVGElement) continue;
    const text = (el.innerText || '').trim().slice(0, 50);
    if (el.scrollWidth > el.clientWidth + 1) out.push(['te breed', el.tagName, el.className.toString(), text]);
    if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) out.push(['afgekapt', el.tagName, text]);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) out.push(['pagina', document.documentElement.scrollWidth]);
  return out;
}"""


@pytest.fixture(scope="module")
def session_db(tmp_path_factory):
    base = tmp_path_factory.mktemp("beamer")
    db_path = base / "db.sqlite"
    conn = store.connect(db_path)
    sid = make_session(conn, name="Kick-off Borculo")
    store.update(conn, "sessions", sid, {"area_code": "WK185900", "area_name": "Borculo"})
    # FICTIEF: a long expertise text, which on the projector wraps instead of widening the table
    (noord,) = conn.execute(
        "SELECT id FROM ketenpartners WHERE session_id = ? AND organisatie = ?",
        (sid, "Huisartsenpraktijk Noord"),
    ).fetchone()
    store.update(conn, "ketenpartners", noord, {
        "expertise": "ouderenzorg, chronische zorg (diabetes, COPD, hartfalen), praktijkondersteuning "
                     "GGZ, palliatieve zorg thuis en medicatiebeoordeling samen met de apotheek",
        "werkdagen": "ma, di, do, vr",
    })  # fmt: skip
    conn.close()
    return db_path, sid, base


def _contact_values(db_path: Path, sid: int) -> list[str]:
    """Contactpersoon, telefoon and e-mail of the session's (fictional) partners, as stored."""
    conn = store.connect(db_path)
    rows = conn.execute(
        "SELECT contactpersoon, telefoon, email FROM ketenpartners WHERE session_id = ?", (sid,)
    ).fetchall()
    conn.close()
    values = [str(v) for row in rows for v in row if v]
    assert len(values) >= 3  # the fixture has a partner with all three
    return values


def _serve(step: int, db_path: Path, sid: int, workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    plan = presenter.plan(step, sid, db_path, port=port, workdir=workdir)
    env = {**plan.voila_env, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(plan.voila_command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, plan.voila_url


@pytest.mark.parametrize("step", [1, 2, 3])
def test_projector_view_fits_both_sizes_without_leftovers(step, session_db, browser):
    from playwright.sync_api import expect

    db_path, sid, base = session_db
    proc, url = _serve(step, db_path, sid, base / f"kopie{step}")
    outside: list[str] = []
    try:
        for width, height in SIZES:
            context = browser.new_context(viewport={"width": width, "height": height})
            block_outside(context, lambda u: u.startswith(("http://127.0.0.1", "data:")), outside)
            page = context.new_page()
            page.goto(url, timeout=300_000)
            page.wait_for_selector("#rendered_cells", state="visible", timeout=300_000)
            page.wait_for_load_state("networkidle")
            # widgets render after the page loads; none may stay a "Loading widget..." placeholder
            expect(page.locator("#rendered_cells")).not_to_contain_text(
                "Loading widget", timeout=120_000
            )
            text = page.inner_text("#rendered_cells")
            assert "voorbeeldsessie" not in text.lower() and "fictieve" not in text.lower()
            assert (
                page.locator("#rendered_cells th.row_heading, #rendered_cells th.blank").count()
                == 0
            )
            assert "{'" not in text  # no dict printed as Python text
            if step == 2:  # the room sees the sociale kaart without anyone's contact details
                shown = page.content()  # the whole page, tabs not opened included
                assert "Huisartsenpraktijk Noord" in shown
                assert [v for v in _contact_values(db_path, sid) if v in shown] == []
            assert page.evaluate(OVERFLOW) == []
            numbers = page.locator("#rendered_cells table td").filter(has_text="10.585")
            if step == 1:  # inhabitants of Wijk 00 Borculo, Dutch format, right-aligned
                assert numbers.count() >= 1
                assert numbers.first.evaluate("e => getComputedStyle(e).textAlign") == "right"
            assert "https://" not in "".join(outside)
            ARTIFACTS.mkdir(exist_ok=True)
            full = page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
            )
            page.set_viewport_size({"width": width, "height": min(full, 8000)})
            page.screenshot(path=str(ARTIFACTS / f"beamer-stap{step}-{width}x{height}.png"))
            context.close()
    finally:
        proc.terminate()
        proc.wait(15)
