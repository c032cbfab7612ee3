"""The partners' phone page for the sociale kaart: find your organisation, check it, propose changes.

Served on the room network (`presenteer 2 --lan`) or from a link after the meeting
(`sociale-kaart controleer`). Every phone sees organisation names only; a device that chose an
organisation sees that entry (with its contact details) and no other. What a phone sends is stored
as a proposal (network.proposals); only the adviser's moderation page changes the sociale kaart.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itsdangerous import URLSafeTimedSerializer
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from wijktools.errors import AlreadyProposedError, DeviceBoundError, ValidationError
from wijktools.network import proposals, vocab
from wijktools.network.partners import RecordInvalid
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
from wijktools.voting.kaart_forms import DAYS, entry_form, opnamestop_from_form, read_form
from wijktools.voting.web import (
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


@dataclass
class KaartConfig:
    """One store, the sessions whose code it accepts, its limits and signing secret."""

    db_path: Path
    session_ids: frozenset[int] | None = None
    limits: Limits = field(default_factory=lambda: Limits(posts_per_device=10))
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))


def _message(
    title: str, message: str, *, status: int = 200, kind: str = "melding", code: str | None = None
) -> HTMLResponse:
    return _page(
        "sociale_kaart/melding.html.j2", status, title=title, message=message, kind=kind, code=code
    )


def create_kaart_app(config: KaartConfig) -> Starlette:
    """Build the phone app; no moderation, no other partners' contact details."""
    db_path = Path(config.db_path)
    conn = store.connect(db_path)  # migrate once, before any request
    conn.close()
    lim = config.limits
    per_ip, posts_ip = lim.limiter(lim.requests_per_ip), lim.limiter(lim.posts_per_ip)
    posts_device = lim.limiter(lim.posts_per_device)
    signer = URLSafeTimedSerializer(config.secret, salt="wijktools-sociale-kaart")

    def find_session(code: str) -> dict[str, Any] | None:
        return session_for_code(db_path, code, config.session_ids)

    async def session_or_404(request: Request) -> tuple[dict[str, Any], str]:
        code = ballots.normalise_code(request.path_params["code"])
        session = await run_in_threadpool(find_session, code)
        if session is None:
            raise HTTPException(404)
        return session, code

    async def signed_post(
        request: Request, code: str, dev: str, form: int | str
    ) -> dict[str, str] | Response:
        """A phone's post within its limits, readable, and signed for this form on this device."""
        if not posts_ip.allow(client_host(request)) or not posts_device.allow(dev):
            return too_many()
        try:
            fields = await read_form(request)
        except ValidationError as exc:
            return _message("Formulier niet leesbaar", str(exc), status=400, kind="fout", code=code)
        if not signed(signer, fields.pop("token", ""), [form, dev[:32]], TOKEN_MAX_AGE):
            return _message(
                "Formulier verlopen",
                "Dit formulier is verlopen of hoort niet bij dit apparaat. Open de pagina opnieuw.",
                status=400,
                kind="fout",
                code=code,
            )
        return fields

    start_page = StartPage(
        "sociale_kaart/start.html.j2",
        "Sociale kaart",
        "Typ de sessiecode die u kreeg (letters en cijfers).",
        "/k",
    )

    async def list_page(request: Request) -> Response:
        session, code = await session_or_404(request)
        dev, new_token = device_or_new(request)
        query = request.query_params.get("zoek", "")[:100].strip()

        def work() -> tuple[list[dict[str, Any]], str | None]:
            with _conn(db_path) as c:
                return proposals.public_list(c, session["id"]), proposals.device_partner(
                    c, session["id"], dev
                )

        items, mine = await run_in_threadpool(work)
        if query:
            items = [i for i in items if query.casefold() in i["organisatie"].casefold()]
        response = _page(
            "sociale_kaart/lijst.html.j2",
            title="Zoek uw organisatie",
            session_name=session["name"],
            code=code,
            items=items,
            query=query,
            mine=mine,
        )
        return with_device_cookie(response, new_token)

    async def choose(request: Request) -> Response:
        """GET: 'is this your organisation?'; POST: bind this device to it."""
        session, code = await session_or_404(request)
        pid = request.path_params["pid"]
        dev = device(request)
        with _conn(db_path) as c:
            names = {i["id"]: i["organisatie"] for i in proposals.public_list(c, session["id"])}
        if pid not in names:
            raise HTTPException(404)
        if request.method == "GET" or dev is None:
            new_token = ballots.new_device_token() if dev is None else None
            response = _page(
                "sociale_kaart/kies.html.j2",
                title="Uw organisatie?",
                code=code,
                pid=pid,
                organisatie=names[pid],
                no_cookie=dev is None and request.method == "POST",
            )
            return with_device_cookie(response, new_token)  # a link straight to this page works too
        if not posts_device.allow(dev):
            return too_many()

        def bind() -> None:
            with _conn(db_path) as c:
                proposals.bind_device(c, session["id"], proposals.partner_key(pid), dev)

        try:
            await run_in_threadpool(bind)
        except DeviceBoundError as exc:
            return _message("Niet mogelijk", str(exc), status=403, kind="fout", code=code)
        return RedirectResponse(f"/k/{code}/o/{pid}", status_code=303)

    def entry_page(
        session: dict[str, Any],
        code: str,
        pid: int,
        dev: str,
        *,
        values: dict[str, str] | None = None,
        problems: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        with _conn(db_path) as c:
            key = proposals.partner_key(pid)
            if proposals.device_partner(c, session["id"], dev) != key:
                return _message(
                    "Geen toegang",
                    "Dit apparaat hoort niet bij deze organisatie. U ziet alleen de gegevens van "
                    "de organisatie die u op dit apparaat koos.",
                    status=403,
                    kind="fout",
                    code=code,
                )
            if proposals.has_proposed(c, session["id"], key, dev):
                return _message(
                    "Al verstuurd",
                    "Uw reactie voor deze organisatie is ontvangen. De gespreksleider verwerkt "
                    "die in de sociale kaart. U kunt dit venster sluiten.",
                    kind="goed",
                    code=code,
                )
            entry = proposals.own_entry(c, session["id"], pid)
            ways = vocab.CONTACT_WAYS
        shown = entry_form({**entry, **(values or {})}) if values else entry_form(entry)
        return _page(
            "sociale_kaart/gegevens.html.j2",
            status,
            title=entry["organisatie"],
            code=code,
            pid=pid,
            entry=shown,
            days=DAYS,
            ways=ways,
            problems=problems or {},
            labels=proposals.LABELS,
            token=signer.dumps([pid, dev[:32]]),
        )

    async def own_page(request: Request) -> Response:
        session, code = await session_or_404(request)
        pid = request.path_params["pid"]
        dev = device(request)
        if dev is None:
            return RedirectResponse(f"/k/{code}", status_code=303)
        if request.method == "GET":
            return await run_in_threadpool(entry_page, session, code, pid, dev)
        fields = await signed_post(request, code, dev, pid)
        if isinstance(fields, Response):
            return fields
        action = fields.pop("actie", "")
        values: dict[str, str] = {}
        if action == "wijzig":
            fields.setdefault("werkdagen", "")
            fields.setdefault("voorkeur_contact", "")
            stop = opnamestop_from_form(fields)  # pops the three stop fields first
            values = {**fields, "opnamestop": stop}
        elif action != "bevestig":
            return _message("Onbekende actie", "Kies bevestigen of wijzigingen versturen.", 400)

        def work() -> None:
            with _conn(db_path) as c:
                proposals.propose_change(c, session["id"], pid, values, dev)

        try:
            await run_in_threadpool(work)
        except RecordInvalid as exc:
            problems = exc.problems
            return await run_in_threadpool(
                lambda: entry_page(
                    session, code, pid, dev, values=values, problems=problems, status=400
                )
            )
        except (DeviceBoundError, AlreadyProposedError) as exc:
            return _message("Niet opgeslagen", str(exc), status=409, kind="fout", code=code)
        except ValidationError as exc:
            return _message("Niet opgeslagen", str(exc), status=400, kind="fout", code=code)
        text = (
            "Uw wijzigingen zijn doorgegeven. De gespreksleider bekijkt ze en neemt ze over in de "
            "sociale kaart. Dank u wel!"
            if values
            else "U hebt bevestigd dat uw gegevens kloppen. Dank u wel!"
        )
        return _message("Ontvangen", text, kind="goed", code=code)

    async def new_page(request: Request) -> Response:
        session, code = await session_or_404(request)
        # Without a cookie yet, it arrives with this page: the form is signed for it already.
        dev, new_token = device_or_new(request)
        disciplines = await run_in_threadpool(lambda: _disciplines(db_path, session["id"]))
        if request.method == "GET" or new_token:
            response = _page(
                "sociale_kaart/nieuw.html.j2",
                title="Nieuwe organisatie",
                code=code,
                entry=entry_form({"opnamestop": "nee"}),
                days=DAYS,
                ways=vocab.CONTACT_WAYS,
                disciplines=disciplines,
                problems={},
                labels=proposals.LABELS,
                token=signer.dumps(["nieuw", dev[:32]]),
            )
            return with_device_cookie(response, new_token)
        fields = await signed_post(request, code, dev, "nieuw")
        if isinstance(fields, Response):
            return fields
        fields.pop("actie", None)
        fields.setdefault("werkdagen", "")
        fields.setdefault("voorkeur_contact", "")
        stop = opnamestop_from_form(fields)
        values = {**fields, "opnamestop": stop}

        def work() -> None:
            with _conn(db_path) as c:
                proposals.propose_new(c, session["id"], values, dev)

        try:
            await run_in_threadpool(work)
        except RecordInvalid as exc:
            return _page(
                "sociale_kaart/nieuw.html.j2",
                400,
                title="Nieuwe organisatie",
                code=code,
                entry=entry_form(values),
                days=DAYS,
                ways=vocab.CONTACT_WAYS,
                disciplines=disciplines,
                problems=exc.problems,
                labels=proposals.LABELS,
                token=signer.dumps(["nieuw", dev[:32]]),
            )
        except ValidationError as exc:
            return _message("Niet opgeslagen", str(exc), status=400, kind="fout", code=code)
        return _message(
            "Ontvangen",
            "Uw aanmelding is doorgegeven. De gespreksleider bekijkt die en zet uw organisatie "
            "op de sociale kaart. Dank u wel!",
            kind="goed",
            code=code,
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        texts = {
            404: "Deze pagina bestaat niet. Controleer de sessiecode of de link die u kreeg.",
            405: "Deze pagina kan zo niet worden geopend. Ga terug naar het begin.",
        }
        return error_page(status, "Dat lukte niet", texts.get(status, "Er ging iets mis."))

    return Starlette(
        routes=[
            Route("/", start_page.start),
            Route("/code", start_page.code_form),
            Route("/k/{code}", list_page),
            Route("/k/{code}/kies/{pid:int}", choose, methods=["GET", "POST"]),
            Route("/k/{code}/o/{pid:int}", own_page, methods=["GET", "POST"]),
            Route("/k/{code}/nieuw", new_page, methods=["GET", "POST"]),
        ],
        middleware=[Middleware(RateLimit, limiter=per_ip), Middleware(BodySizeLimit)],
        exception_handlers={HTTPException: http_error, 500: http_error},
    )


def _disciplines(db_path: Path, session_id: int) -> list[str]:
    with _conn(db_path) as c:
        return list(vocab.disciplines(c, session_id))
