"""Shared fixtures: small real extracts in tests/fixtures (copied before use), a store, sessions, Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.workshop import new_session
from wijktools.store import connection as store
from wijktools.workshop.sessions import create_session

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# pytestmark of the browser test modules: marked, and skipped with a reason when Chromium is absent.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian chromium ontbreekt (/usr/bin/chromium); `make browser` installeert het",
    ),
]


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """Tests may change their copy, never the fixture."""
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh store file per test."""
    return tmp_path / "werksessies.sqlite"


@pytest.fixture
def conn(db_path: Path) -> Any:
    """A migrated store in that file."""
    return store.connect(db_path)


@pytest.fixture
def sid(conn: Any) -> int:
    """A workshop session with three fictional ketenpartners (tests/support/workshop.py)."""
    return new_session(conn)


@pytest.fixture
def kickoff_sid(conn: Any) -> int:
    """An empty kick-off session, created as the notebook does."""
    return create_session(conn, "Kick-off", "WK194019")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium (playwright), offline flags; skipped with a reason when absent."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium ontbreekt (/usr/bin/chromium); `make browser` installeert het")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


def block_outside(target: Any, allowed: Callable[[str], bool], outside: list[str]) -> None:
    """Route every request of a page or context: `allowed` URLs pass, others are counted and aborted."""

    def guard(route: Any) -> None:
        url = route.request.url
        if allowed(url):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    target.route("**/*", guard)
