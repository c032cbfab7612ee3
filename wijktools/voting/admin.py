"""What the adviser's two laptop-only pages share: the session, signed forms, the QR code, the guards.

Both the voting control (`beheer`) and the sociale-kaart moderation (`kaart_beheer`) answer only the
laptop itself (LoopbackOnly and a loopback Host), and every action is a POST with a signed token, so
another web page cannot trigger it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from itsdangerous import BadData, URLSafeTimedSerializer
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.guards import BodySizeLimit, LoopbackOnly, TrustedHost, error_page
from wijktools.voting.server import qr_data_uri
from wijktools.voting.web import _conn

FORM_MAX_AGE = 24 * 3600  # an adviser's page may stay open all day
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


@dataclass
class AdminSite:
    """One session's admin pages: its row and code, the form signer, the page base and QR code."""

    db_path: Path
    sid: int
    session: dict[str, Any]
    code: str
    signer: URLSafeTimedSerializer
    base: str
    qr: str | None

    @classmethod
    def open(
        cls, db_path: Path, sid: int, secret: bytes, salt: str, base: str, url: str | None
    ) -> AdminSite:
        """Migrate the store and read the session once (a Dutch StoreError for an unknown one)."""
        db_path = Path(db_path)
        with _conn(db_path) as c:
            store.upgrade(c, db_path)
            session = store.get(c, "sessions", sid)
            code = ballots.ensure_code(c, sid)
        return cls(
            db_path,
            sid,
            session,
            code,
            URLSafeTimedSerializer(secret, salt=salt),
            base,
            qr_data_uri(url) if url else None,
        )

    def check_session(self, request: Request) -> None:
        """Only this session's pages exist here."""
        if request.path_params["sid"] != self.sid:
            raise HTTPException(404)

    def token(self) -> str:
        """The signed token every form of the page carries."""
        return self.signer.dumps(self.sid)

    async def index(self, request: Request) -> Response:
        """The root leads to the session's page."""
        return RedirectResponse(self.base, status_code=303)

    async def checked_form(self, request: Request) -> dict[str, str]:
        """The posted fields, after the same-origin and signed-token checks (403 otherwise)."""
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.headers.get("host"):
            raise HTTPException(403)
        async with request.form(max_files=0, max_fields=10, max_part_size=256) as form:
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            if self.signer.loads(fields.get("token", ""), max_age=FORM_MAX_AGE) != self.sid:
                raise HTTPException(403)
        except BadData as exc:
            raise HTTPException(403) from exc
        return fields

    def back(self, message: str = "") -> Response:
        """Back to the session's page, with a message when there is one."""
        target = self.base + ("?" + urlencode({"melding": message}) if message else "")
        return RedirectResponse(target, status_code=303)


async def http_error(request: Request, exc: Exception) -> Response:
    """A Dutch page for a refused or failed request."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return error_page(
        status, "Dat lukte niet", "Deze pagina of actie bestaat niet (meer). Ververs de pagina."
    )


def middleware() -> list[Middleware]:
    """The laptop only; a loopback Host against DNS rebinding; a small body."""
    return [
        Middleware(LoopbackOnly),
        # DNS rebinding: a web page whose name resolves to 127.0.0.1 still sends its own Host.
        Middleware(TrustedHost, allowed=LOOPBACK_HOSTS),
        Middleware(BodySizeLimit),
    ]
