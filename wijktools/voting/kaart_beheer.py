"""The adviser's moderation list for the sociale kaart: accept or reject each proposed field.

Answers only the laptop itself (LoopbackOnly + a loopback Host), whatever address the phone page
listens on; every action is a POST with a signed token, so another web page cannot trigger it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from wijktools.errors import WijktoolsError
from wijktools.network import proposals
from wijktools.voting.admin import AdminSite, http_error, middleware
from wijktools.voting.web import _conn, _page


@dataclass
class KaartBeheerConfig:
    """One store and one session; kaart_url (for the QR code) when phones can reach the page."""

    db_path: Path
    session_id: int
    kaart_url: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))


def create_kaart_beheer_app(config: KaartBeheerConfig) -> Starlette:
    """Build the moderation app; wrapped in LoopbackOnly so a LAN bind never exposes it."""
    db_path, sid = Path(config.db_path), config.session_id
    site = AdminSite.open(
        db_path,
        sid,
        config.secret,
        "wijktools-kaart-beheer",
        f"/sessie/{sid}/sociale-kaart",
        config.kaart_url,
    )
    session, code, base, qr = site.session, site.code, site.base, site.qr
    check_session, checked_form, back = site.check_session, site.checked_form, site.back

    async def page(request: Request) -> Response:
        check_session(request)

        def load() -> tuple[list[proposals.Proposal], list[dict[str, str]]]:
            with _conn(db_path) as c:
                return proposals.proposals(c, sid), proposals.upkeep(c, sid)

        items, upkeep = await run_in_threadpool(load)
        counts = {s: sum(1 for u in upkeep if u["reactie"] == s) for s in proposals.UPKEEP_STATES}
        response = _page(
            "sociale_kaart/beheer.html.j2",
            title="Sociale kaart bijhouden",
            session_name=session["name"],
            code=code,
            kaart_url=config.kaart_url,
            qr=qr,
            base=base,
            token=site.token(),
            proposals=items,
            upkeep=upkeep,
            counts=counts,
            message=request.query_params.get("melding", "")[:300],
        )
        # With 'no-referrer' Chromium posts the forms with 'Origin: null'; same-origin keeps the
        # real origin, which checked_form compares with the Host.
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    async def qr_page(request: Request) -> Response:
        """For the projector: the address, code and QR code, no partner data at all."""
        check_session(request)
        return _page(
            "sociale_kaart/qr.html.j2",
            title="Sociale kaart controleren",
            code=code,
            kaart_url=config.kaart_url,
            qr=qr,
        )

    async def decide_field(request: Request) -> Response:
        check_session(request)
        fields = await checked_form(request)
        accept = fields.get("besluit") == "accepteren"
        field_id = request.path_params["fid"]

        def work() -> None:
            with _conn(db_path) as c:
                proposals.decide_field(c, sid, field_id, accept)

        try:
            await run_in_threadpool(work)
        except WijktoolsError as exc:
            return back(str(exc))
        return back("Overgenomen in de sociale kaart." if accept else "Afgewezen.")

    async def decide_proposal(request: Request) -> Response:
        check_session(request)
        fields = await checked_form(request)
        decision = fields.get("besluit", "")
        proposal_id = request.path_params["pid"]

        def work() -> str:
            with _conn(db_path) as c:
                if decision == "bevestiging":
                    proposals.accept_confirmation(c, sid, proposal_id)
                    return "Bevestiging verwerkt: laatst gecontroleerd is vandaag."
                if decision == "opnemen":
                    proposals.accept_new(c, sid, proposal_id)
                    return "Organisatie opgenomen in de sociale kaart."
                if decision == "afwijzen":
                    proposals.reject_proposal(c, sid, proposal_id)
                    return "Reactie afgewezen."
                raise HTTPException(400)

        try:
            message = await run_in_threadpool(work)
        except WijktoolsError as exc:
            return back(str(exc))
        return back(message)

    return Starlette(
        routes=[
            Route("/", site.index),
            Route("/sessie/{sid:int}/sociale-kaart", page),
            Route("/sessie/{sid:int}/sociale-kaart/qr", qr_page),
            Route("/sessie/{sid:int}/sociale-kaart/veld/{fid:int}", decide_field, methods=["POST"]),
            Route(
                "/sessie/{sid:int}/sociale-kaart/reactie/{pid:int}",
                decide_proposal,
                methods=["POST"],
            ),
        ],
        middleware=middleware(),
        exception_handlers={HTTPException: http_error, 500: http_error},
    )
