"""Protections for an app exposed on the room network: body size, request rate, loopback-only."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from itsdangerous import BadData, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wijktools.render.env import render

LOOPBACK = frozenset({"127.0.0.1", "::1"})
MAX_BODY_BYTES = 16 * 1024  # a ballot of 50 knelpunten is under 2 KB


def error_page(status: int, title: str, message: str) -> HTMLResponse:
    """Every refusal a participant can see is a small Dutch page, never a traceback."""
    nonce = secrets.token_urlsafe(16)
    html = render(
        "voting/melding.html.j2", title=title, message=message, code=None, nonce=nonce, kind="fout"
    )
    return HTMLResponse(html, status_code=status, headers=security_headers(nonce))


def security_headers(nonce: str) -> dict[str, str]:
    """Nothing loads from elsewhere; inline style/script only with this response's nonce."""
    csp = (
        "default-src 'none'; "
        f"style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


class _TooLarge(Exception):
    """Raised inside receive() when a streamed body passes the limit."""


class BodySizeLimit:
    """Refuse bodies over `limit` bytes: by Content-Length up front, by counting when streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_page(
            413,
            "Te groot",
            "Dit formulier is groter dan toegestaan. Ververs de pagina en stem opnieuw.",
        )
        await response(scope, receive, send)


class RateLimiter:
    """At most `limit` events per key in a sliding `window` seconds (in memory, per app)."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Record one event for key; False when the key is over its limit."""
        now = self.clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 10_000:  # forget idle keys so memory stays bounded
                cutoff = now - self.window
                for stale in [k for k, v in self._events.items() if not v or v[-1] <= cutoff]:
                    del self._events[stale]
            return True


class RateLimit:
    """Requests count per phone (its device cookie), cookie-less ones per address, all under a ceiling.

    A venue's Wi-Fi puts every phone behind one address (NAT), so the address alone cannot be the
    key; `device_of` names the phone from its cookie, and the global limiter bounds the total.
    """

    def __init__(
        self,
        app: ASGIApp,
        limiter: RateLimiter,
        device_of: Callable[[Scope], str | None] | None = None,
        per_device: RateLimiter | None = None,
        ceiling: RateLimiter | None = None,
    ) -> None:
        self.app, self.limiter = app, limiter
        self.device_of, self.per_device, self.ceiling = device_of, per_device, ceiling

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] == "http":
            device = self.device_of(scope) if self.device_of else None
            if device is not None and self.per_device is not None:
                allowed = self.per_device.allow(device)
            else:
                allowed = self.limiter.allow((scope.get("client") or ("?", 0))[0])
            if allowed and self.ceiling is not None:
                allowed = self.ceiling.allow("*")
            if not allowed:
                response = too_many()
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def host_of(header: str) -> str:
    """The host name of a Host header, without port ('[::1]:8000' -> '[::1]')."""
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.split(":")[0]


class TrustedHost:
    """Answer only requests addressed to one of `allowed` (DNS rebinding); a Dutch page otherwise."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str] | set[str] | list[str]) -> None:
        self.app, self.allowed = app, frozenset(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            host = host_of(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                response = error_page(
                    400,
                    "Onbekend adres",
                    "Deze pagina is alleen te openen via het adres dat wijktools toont "
                    "(http://127.0.0.1:... of http://localhost:...).",
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def client_host(request: Request) -> str:
    """The sender's address, for the limits per address."""
    return request.client.host if request.client else "?"


def signed(signer: URLSafeTimedSerializer, token: str, expected: object, max_age: int) -> bool:
    """Whether a form's token is ours, not expired, and signed for `expected` (form and device)."""
    try:
        return signer.loads(token, max_age=max_age) == expected
    except BadData:
        return False


def too_many() -> HTMLResponse:
    """The page a participant sees when they (or their address) send too many requests."""
    return error_page(
        429,
        "Even geduld",
        "Er komen te veel verzoeken van dit apparaat. Wacht een minuut en probeer het opnieuw.",
    )


class LoopbackOnly:
    """Facilitator controls answer only the laptop itself, whatever address the server listens on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] in ("http", "websocket"):
            host = (scope.get("client") or ("", 0))[0]
            if host not in LOOPBACK:
                response = error_page(
                    403,
                    "Geen toegang",
                    "De bediening van de stemming is alleen te openen op de laptop van de gespreksleider.",
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
