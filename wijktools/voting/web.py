"""What the room's web pages share: store connection, session by code, device cookie, Dutch pages.

Also the phone apps' start page (the code form) and their rate limits.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from wijktools.render.env import render
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.guards import RateLimiter, security_headers

COOKIE = "wijktools_apparaat"
COOKIE_MAX_AGE = 12 * 3600  # one workshop day
TOKEN_MAX_AGE = 6 * 3600
_CODE_IN_PATH = re.compile(r"^[A-Za-z0-9]{4,12}$")


@dataclass
class Limits:
    """Requests per window (a minute): per phone (device cookie), per address, and in total.

    Many phones share one address behind a venue's Wi-Fi (NAT): an address limit only counts
    requests that carry no device cookie yet (first visits); a phone with a cookie counts on its
    own, and the totals keep one laptop from being flooded.
    """

    requests_per_ip: int = 2000
    requests_per_device: int = 120
    requests_total: int = 30_000
    posts_per_ip: int = 2000
    posts_per_device: int = 6
    posts_total: int = 10_000
    window: float = 60.0
    clock: Callable[[], float] | None = None

    def limiter(self, per_window: int) -> RateLimiter:
        """A limiter of `per_window` requests in this window (on this clock, for tests)."""
        clock = {"clock": self.clock} if self.clock else {}
        return RateLimiter(per_window, self.window, **clock)


@contextlib.contextmanager
def _conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    """One short connection per request; WAL lets the notebook and the app work side by side."""
    conn = store.connect(db_path, migrate=False)
    try:
        yield conn
    finally:
        conn.close()


def session_for_code(
    db_path: Path, code: str, session_ids: frozenset[int] | None
) -> dict[str, Any] | None:
    """The session a phone's code in the URL names, if this app serves it."""
    if not _CODE_IN_PATH.match(code):
        return None
    with _conn(db_path) as c:
        session = ballots.session_by_code(c, code)
    if session is None:
        return None
    if session_ids is not None and session["id"] not in session_ids:
        return None
    return session


def device(request: Request) -> str | None:
    """The hashed device token of the phone's cookie (None without a valid one)."""
    token = request.cookies.get(COOKIE)
    if token and ballots.DEVICE_TOKEN.match(token):
        return ballots.device_hash(token)
    return None


def device_or_new(request: Request) -> tuple[str, str | None]:
    """The phone's device hash, and a new token (for its cookie) when it had none yet."""
    dev = device(request)
    if dev is not None:
        return dev, None
    token = ballots.new_device_token()
    return ballots.device_hash(token), token


def with_device_cookie(response: Response, token: str | None) -> Response:
    """A phone's first page sets its device cookie (httponly, this site only, one workshop day)."""
    if token:
        response.set_cookie(
            COOKIE, token, max_age=COOKIE_MAX_AGE, path="/", httponly=True, samesite="strict"
        )
    return response


@dataclass(frozen=True)
class StartPage:
    """A phone app's start page: the code form, and where a code that can be one leads."""

    template: str
    title: str
    error: str  # when what was typed cannot be a session code
    prefix: str  # "/s" (voting) or "/k" (sociale kaart)

    async def start(self, request: Request) -> Response:
        """The empty code form."""
        return _page(self.template, title=self.title, error=None)

    async def code_form(self, request: Request) -> Response:
        """The typed code to its page; the form again (400) when it cannot be a code."""
        code = ballots.normalise_code(request.query_params.get("code", ""))[:12]
        if not _CODE_IN_PATH.match(code):
            return _page(self.template, 400, title=self.title, error=self.error)
        return RedirectResponse(f"{self.prefix}/{code}", status_code=303)


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a Dutch page with a fresh CSP nonce."""
    nonce = secrets.token_urlsafe(16)
    html = render(template, nonce=nonce, **context)
    return HTMLResponse(html, status_code=status, headers=security_headers(nonce))
