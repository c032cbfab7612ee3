"""The participants' voting app: the only thing the room network sees (code → open round → one ballot)."""

from __future__ import annotations

import functools
import re
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itsdangerous import URLSafeTimedSerializer
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from wijktools.errors import AlreadyVotedError, RoundClosedError, StoreError, ValidationError
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.voting.guards import (
    BodySizeLimit,
    RateLimit,
    client_host,
    error_page,
    signed,
    too_many,
)
from wijktools.voting.web import (
    COOKIE,
    TOKEN_MAX_AGE,
    Limits,
    StartPage,
    _conn,
    _page,
    device,
    device_or_new,
    session_for_code,
    with_device_cookie,
)

_ROUND = re.compile(r"[0-9]{1,9}")
_HTTP_MESSAGES = {
    400: "Dit verzoek kon niet worden gelezen. Ververs de pagina en probeer opnieuw.",
    404: "Deze pagina bestaat niet. Typ de sessiecode opnieuw in.",
    405: "Deze pagina kan zo niet worden geopend. Ga terug naar het begin.",
}


@dataclass
class VotingConfig:
    """What a voting app serves: one store, the sessions whose code it accepts, its limits."""

    db_path: Path
    session_ids: frozenset[int] | None = None  # None: every session with a code
    limits: Limits = field(default_factory=Limits)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))


def _message(
    title: str,
    message: str,
    *,
    status: int = 200,
    kind: str = "melding",
    code: str | None = None,
    refresh: int = 0,
) -> HTMLResponse:
    """A Dutch message page; `refresh` seconds makes a waiting phone look again by itself."""
    return _page(
        "voting/melding.html.j2", status, title=title, message=message, kind=kind, code=code,
        refresh=refresh,
    )  # fmt: skip


def _unknown_code() -> HTMLResponse:
    """The start page again (404) when no session (served here) has this code."""
    return _page(
        "voting/start.html.j2",
        404,
        title="Sessiecode",
        error="Deze sessiecode is onbekend. Controleer de code op het scherm.",
    )


def _device_in_scope(scope: Any) -> str | None:
    """The phone's device token from its cookie (validated), for rate limits per phone."""
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, token = part.strip().partition("=")
                if key == COOKIE and ballots.DEVICE_TOKEN.match(token):
                    return ballots.device_hash(token)
    return None


def create_app(config: VotingConfig) -> Starlette:
    """Build the participants' app; it exposes no facilitator control and no other session data."""
    db_path = Path(config.db_path)
    conn = store.connect(db_path)  # migrate once, before any request
    conn.close()
    lim = config.limits
    per_ip, per_device = lim.limiter(lim.requests_per_ip), lim.limiter(lim.requests_per_device)
    total = lim.limiter(lim.requests_total)
    posts_ip, posts_device = lim.limiter(lim.posts_per_ip), lim.limiter(lim.posts_per_device)
    posts_total = lim.limiter(lim.posts_total)
    signer = URLSafeTimedSerializer(config.secret, salt="wijktools-stem")
    # Ballots are written one at a time within this process: threads queue here instead of
    # spinning in SQLite's busy handler, so a burst of phones is served in order, quickly.
    write_lock = threading.Lock()

    def find_session(code: str) -> dict[str, Any] | None:
        return session_for_code(db_path, code, config.session_ids)

    start_page = StartPage(
        "voting/start.html.j2",
        "Sessiecode",
        "Typ de code die op het scherm staat (letters en cijfers).",
        "/s",
    )

    def ballot_page(
        session: dict[str, Any],
        code: str,
        dev_hash: str,
        error: str | None = None,
        chosen: dict[str, str] | None = None,
        stemcode: str = "",
    ) -> HTMLResponse:
        """The ballot; after a refused submit with the refusal and the participant's own choice."""
        with _conn(db_path) as c:
            with_codes = ballots.stemcodes_required(c, session["id"])
            rnd = ballots.open_round(c, session["id"])
            if rnd is None:
                return _message(
                    "Nog even wachten",
                    "Er is nu geen stemronde open. Deze pagina kijkt elke 5 seconden "
                    "opnieuw; het stemformulier verschijnt zodra de gespreksleider de ronde opent.",
                    code=code,
                    refresh=5,
                )
            if not with_codes and ballots.has_voted(c, rnd["id"], dev_hash):
                return _message(
                    "Al gestemd",
                    "Vanaf dit apparaat is in deze ronde al gestemd. Dank u wel! "
                    "Deze pagina kijkt elke 5 seconden of er een nieuwe ronde is.",
                    kind="goed",
                    code=code,
                    refresh=5,
                )
            items = ballots.ballot_items(c, session["id"])
        if not items:
            return _message("Nog even wachten", "Deze ronde heeft nog geen knelpunten.", code=code)
        token = signer.dumps([rnd["id"], dev_hash[:32]])
        title = rnd["label"] or (
            "Verdeel uw stippen" if rnd["mode"] == "dots" else "Impact en haalbaarheid"
        )
        return _page(
            "voting/stem.html.j2",
            400 if error else 200,
            title=title,
            round_title=title,
            error=error,
            chosen=chosen or {},
            code=code,
            token=token,
            round_id=rnd["id"],
            mode=rnd["mode"],
            dots=rnd["dots_per_participant"],
            items=items,
            stemcode_required=with_codes,
            stemcode=ballots.normalise_stemcode(stemcode),
        )

    async def session_page(request: Request) -> Response:
        code = ballots.normalise_code(request.path_params["code"])
        session = await run_in_threadpool(find_session, code)
        if session is None:
            return _unknown_code()
        dev_hash, new_token = device_or_new(request)
        stemcode = request.query_params.get("stemcode", "")
        response = await run_in_threadpool(
            functools.partial(ballot_page, session, code, dev_hash, stemcode=stemcode)
        )
        return with_device_cookie(response, new_token)

    def cast(session: dict[str, Any], round_id: int, fields: dict[str, str], dev_hash: str) -> None:
        stemcode = fields.pop("stemcode", None)
        with write_lock, _conn(db_path) as c:
            if ballots.stemcodes_required(c, session["id"]):
                # One ballot per stemcode per round, whichever phone brings it.
                key = ballots.stemcode_ballot_key(c, session["id"], stemcode or "")
                ballot = ballots.parse_ballot(c, session["id"], round_id, fields)
                ballots.cast_phone_vote(c, session["id"], ballot, key, by_stemcode=True)
                return
            ballot = ballots.parse_ballot(c, session["id"], round_id, fields)
            ballots.cast_phone_vote(c, session["id"], ballot, dev_hash)

    async def vote(request: Request) -> Response:
        code = ballots.normalise_code(request.path_params["code"])
        session = await run_in_threadpool(find_session, code)
        if session is None:
            return _unknown_code()
        dev_hash = device(request)
        if dev_hash is None:
            if not posts_ip.allow(client_host(request)):
                return too_many()
            return _message(
                "Geen apparaatcookie",
                "Uw browser stuurde geen apparaatcookie mee. Sta cookies toe voor "
                "deze pagina en open de stempagina opnieuw.",
                status=400,
                kind="fout",
                code=code,
            )
        if not posts_device.allow(dev_hash) or not posts_total.allow("*"):
            return too_many()
        async with request.form(max_files=0, max_fields=200, max_part_size=2048) as form:
            items = form.multi_items()
        fields: dict[str, str] = {}
        for name, value in items:
            if not isinstance(value, str) or name in fields:
                return _message(
                    "Formulier niet leesbaar",
                    "Het formulier bevat een veld twee "
                    "keer of een bestand. Ververs de pagina en stem opnieuw.",
                    status=400,
                    kind="fout",
                    code=code,
                )
            fields[name] = value
        token, round_text = fields.pop("token", ""), fields.pop("ronde", "")
        stemcode = fields.get("stemcode", "")
        # isdigit() accepts '²', which int() refuses: only ASCII digits are a round number.
        if not _ROUND.fullmatch(round_text) or not signed(
            signer, token, [int(round_text), dev_hash[:32]], TOKEN_MAX_AGE
        ):
            return _message(
                "Formulier verlopen",
                "Dit stemformulier is verlopen of hoort niet "
                "bij dit apparaat. Ververs de pagina en stem opnieuw.",
                status=400,
                kind="fout",
                code=code,
            )
        try:
            await run_in_threadpool(cast, session, int(round_text), fields, dev_hash)
        except (AlreadyVotedError, RoundClosedError) as exc:
            return _message("Stem niet opgeslagen", str(exc), status=409, kind="fout", code=code)
        except StoreError:
            return _message(
                "Even geduld",
                "Het is nu erg druk; uw stem is nog niet opgeslagen. Wacht een paar seconden en "
                "druk opnieuw op de knop.",
                status=503,
                kind="fout",
                code=code,
            )
        except ValidationError as exc:  # the same form again, with what the participant chose
            return await run_in_threadpool(
                ballot_page,
                session,
                code,
                dev_hash,
                f"{exc} Pas uw stem aan.",
                fields,
                stemcode,
            )
        return _message(
            "Bedankt!", "Uw stem is opgeslagen. U kunt dit venster sluiten.", kind="goed", code=code
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        text = _HTTP_MESSAGES.get(status, "Er ging iets mis. Probeer het opnieuw.")
        return error_page(status, "Dat lukte niet", text)

    return Starlette(
        routes=[
            Route("/", start_page.start),
            Route("/code", start_page.code_form),
            Route("/s/{code}", session_page),
            Route("/s/{code}/stem", vote, methods=["POST"]),
        ],
        middleware=[
            Middleware(
                RateLimit,
                limiter=per_ip,
                device_of=_device_in_scope,
                per_device=per_device,
                ceiling=total,
            ),
            Middleware(BodySizeLimit),
        ],
        exception_handlers={HTTPException: http_error, 500: http_error},
    )


def app_from_env() -> Starlette:
    """For `uvicorn --factory wijktools.voting.app:app_from_env`: the store named by WIJKTOOLS_DB."""
    return create_app(VotingConfig(store.default_db_path()))
