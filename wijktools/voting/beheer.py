"""The facilitator's app: open/close rounds and the live chart; answers only the laptop itself."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from wijktools.errors import WijktoolsError
from wijktools.voting import ballots, chart
from wijktools.voting.admin import AdminSite, http_error, middleware
from wijktools.voting.server import qr_data_uri
from wijktools.voting.web import _conn, _page
from wijktools.workshop import priorities, rounds

_NO_STORE = {"Cache-Control": "no-store"}


@dataclass
class BeheerConfig:
    """One store and one session; vote_url (for the QR code) only when phones can reach the app."""

    db_path: Path
    session_id: int
    vote_url: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))


def create_beheer_app(config: BeheerConfig) -> Starlette:
    """Build the facilitator app; wrapped in LoopbackOnly so a LAN bind never exposes it."""
    db_path, sid = Path(config.db_path), config.session_id
    site = AdminSite.open(
        db_path, sid, config.secret, "wijktools-beheer", f"/sessie/{sid}", config.vote_url
    )
    session, code, base, qr = site.session, site.code, site.base, site.qr
    check_session, checked_form, back = site.check_session, site.checked_form, site.back
    svg_cache: dict[str, bytes] = {}

    async def page(request: Request) -> Response:
        check_session(request)
        return _page(
            "voting/beheer.html.j2",
            session_name=session["name"],
            code=code,
            vote_url=config.vote_url,
            qr=qr,
            base=base,
            token=site.token(),
            message=request.query_params.get("melding", "")[:200],
        )

    def live() -> dict[str, Any]:
        with _conn(db_path) as c:
            return ballots.live_results(c, sid)

    async def results_json(request: Request) -> Response:
        check_session(request)
        data = await run_in_threadpool(live)
        return JSONResponse(data, headers=_NO_STORE)

    def render_svg() -> bytes:
        with _conn(db_path) as c:
            version = rounds.tally_version(c, sid)
            if version not in svg_cache:
                svg_cache.clear()
                svg_cache[version] = chart.svg(c, sid)
            return svg_cache[version]

    async def results_svg(request: Request) -> Response:
        check_session(request)
        body = await run_in_threadpool(render_svg)
        return Response(body, media_type="image/svg+xml", headers=_NO_STORE)

    async def open_round(request: Request) -> Response:
        check_session(request)
        fields = await checked_form(request)
        mode = fields.get("vorm", "dots")
        dots_text = fields.get("stippen", "3")
        # isdigit() accepts '²', which int() refuses: only ASCII digits are a number here.
        dots = int(dots_text) if re.fullmatch(r"[0-9]{1,2}", dots_text) else 0

        def work() -> None:
            with _conn(db_path) as c:
                priorities.open_round(c, sid, mode, dots if mode == "dots" else None)

        try:
            await run_in_threadpool(work)
        except WijktoolsError as exc:
            return back(str(exc))
        return back()

    async def close_round(request: Request) -> Response:
        check_session(request)
        await checked_form(request)

        def work() -> None:
            with _conn(db_path) as c:
                rnd = ballots.open_round(c, sid)
                if rnd is not None:
                    priorities.close_round(c, rnd["id"])

        await run_in_threadpool(work)
        return back()

    async def set_present(request: Request) -> Response:
        check_session(request)
        fields = await checked_form(request)
        text = fields.get("aanwezig", "").strip()
        if text and not re.fullmatch(r"[0-9]{1,5}", text):
            return back("Geef het aantal aanwezigen als heel getal.")

        def work() -> None:
            with _conn(db_path) as c:
                ballots.set_present(c, sid, int(text) if text else None)

        await run_in_threadpool(work)
        return back()

    async def make_codes(request: Request) -> Response:
        check_session(request)
        fields = await checked_form(request)
        text = fields.get("aantal", "").strip()
        if not re.fullmatch(r"[0-9]{1,4}", text):
            return back("Geef het aantal stemcodes als heel getal (bijvoorbeeld 30).")

        def work() -> None:
            with _conn(db_path) as c:
                ballots.make_stemcodes(c, sid, int(text))

        try:
            await run_in_threadpool(work)
        except WijktoolsError as exc:
            return back(str(exc))
        return RedirectResponse(f"{base}/stemcodes", status_code=303)

    async def codes_page(request: Request) -> Response:
        check_session(request)

        def work() -> list[str]:
            with _conn(db_path) as c:
                return ballots.stemcodes(c, sid)

        found = await run_in_threadpool(work)
        cards = [
            {
                "code": c,
                "qr": qr_data_uri(f"{config.vote_url}?{urlencode({'stemcode': c})}")
                if config.vote_url
                else None,
            }
            for c in found
        ]
        return _page(
            "voting/stemcodes.html.j2",
            session_name=session["name"],
            code=code,
            cards=cards,
            vote_url=config.vote_url,
        )

    return Starlette(
        routes=[
            Route("/", site.index),
            Route("/sessie/{sid:int}", page),
            Route("/sessie/{sid:int}/uitslag.json", results_json),
            Route("/sessie/{sid:int}/uitslag.svg", results_svg),
            Route("/sessie/{sid:int}/open", open_round, methods=["POST"]),
            Route("/sessie/{sid:int}/sluit", close_round, methods=["POST"]),
            Route("/sessie/{sid:int}/aanwezig", set_present, methods=["POST"]),
            Route("/sessie/{sid:int}/stemcodes", codes_page),
            Route("/sessie/{sid:int}/stemcodes/maak", make_codes, methods=["POST"]),
        ],
        middleware=middleware(),
        exception_handlers={HTTPException: http_error, 500: http_error},
    )
