"""Running the voting apps: the laptop's room address, the QR code, and uvicorn servers in a thread."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ipaddress
import socket
import threading
from collections.abc import Iterator

import qrcode
import qrcode.image.svg
import uvicorn
from starlette.types import ASGIApp

from wijktools.errors import WijktoolsError


def lan_address() -> str:
    """The address other devices in the room reach this laptop on (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            # connect() on UDP only picks the outgoing interface; 192.0.2.1 is TEST-NET, never routed.
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError as exc:
            raise WijktoolsError(
                "Geen netwerkverbinding gevonden. Verbind de laptop met het wifi-netwerk van de zaal "
                "en probeer opnieuw, of geef het adres op met --adres."
            ) from exc
    if ipaddress.ip_address(address).is_loopback:
        raise WijktoolsError(
            "De laptop heeft alleen een intern adres (127.0.0.1). Verbind met het wifi-netwerk van "
            "de zaal of geef het adres op met --adres."
        )
    return address


def is_private(address: str) -> bool:
    """Room networks use private addresses; a public one deserves a warning before exposing a page."""
    return ipaddress.ip_address(address).is_private


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (for tests and a default voting port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def qr_svg(url: str) -> str:
    """The voting URL as a QR code, drawn locally (no web service)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def qr_terminal(url: str) -> str:
    """The URL as a QR code in text, for a terminal (two characters per module)."""
    code = qrcode.QRCode(border=2)
    code.add_data(url)
    code.make(fit=True)
    rows = code.get_matrix()
    return "\n".join("".join("██" if cell else "  " for cell in row) for row in rows)


def qr_data_uri(url: str) -> str:
    """The QR code inline in a page, so the projector view needs no extra request."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url).encode()).decode("ascii")


def _config(app: ASGIApp, host: str, port: int) -> uvicorn.Config:
    """No proxy headers: the client address is the real peer, which the loopback guard relies on."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
        date_header=False,
        access_log=False,
        lifespan="off",
    )


class BackgroundServers:
    """Serve several (app, host, port) in one event loop on a daemon thread; stop() ends them."""

    def __init__(self, apps: list[tuple[ASGIApp, str, int]]) -> None:
        self.servers = [uvicorn.Server(_config(app, host, port)) for app, host, port in apps]
        self._thread = threading.Thread(target=self._run, name="wijktools-stemmen", daemon=True)
        self._error: BaseException | None = None

    def _run(self) -> None:
        async def main() -> None:
            await asyncio.gather(*(s.serve() for s in self.servers))

        try:
            asyncio.run(main())
        except BaseException as exc:  # surfaced by start()
            self._error = exc

    def start(self, timeout: float = 15.0) -> BackgroundServers:
        """Start and wait until every server accepts connections."""
        self._thread.start()
        waited = 0.0
        while not all(s.started for s in self.servers):
            if not self._thread.is_alive() or waited > timeout:
                self.stop()
                raise WijktoolsError(
                    "De stemserver kon niet starten (is de poort al in gebruik?). "
                    "Kies een andere poort met --poort."
                ) from self._error
            self._thread.join(0.05)
            waited += 0.05
        return self

    def stop(self) -> None:
        """Ask every server to finish open requests and exit."""
        for s in self.servers:
            s.should_exit = True
        self._thread.join(10)

    def wait(self) -> None:
        """Block until the servers stop (Ctrl+C stops them)."""
        while self._thread.is_alive():
            self._thread.join(0.5)


@contextlib.contextmanager
def serving(apps: list[tuple[ASGIApp, str, int]]) -> Iterator[BackgroundServers]:
    """Context manager form for tests and the CLI."""
    servers = BackgroundServers(apps).start()
    try:
        yield servers
    finally:
        servers.stop()
