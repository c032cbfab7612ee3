"""The live vote on the projector (Voilà or JupyterLab): code + QR, open/close a round, a chart that follows."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import escape

from wijktools import presenter
from wijktools.errors import WijktoolsError
from wijktools.store import connection as store
from wijktools.voting import ballots, chart
from wijktools.voting.server import qr_data_uri
from wijktools.workshop import priorities

MODES = [("stippen", "dots"), ("impact × haalbaarheid", "matrix")]


class VotingPanel:
    """Wires the controls to `priorities` and polls the store on a timer; tests call `refresh()`."""

    def __init__(self, session_id: int, db_path: Path | None = None, interval: float = 1.0) -> None:
        self.session_id = session_id
        self.db_path = Path(db_path) if db_path else store.default_db_path()
        self.interval = interval
        self._version: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        with self._conn() as conn:
            session = store.get(conn, "sessions", session_id)
            self.code = ballots.ensure_code(conn, session_id)
        self.vote_url = presenter.vote_url_from_env()
        self.header = widgets.HTML(self._header_html(session["name"]))
        wide = {"description_width": "initial"}
        self.mode = widgets.ToggleButtons(
            options=MODES, value="dots", description="Stemvorm",
            style={**wide, "button_width": "auto"},
        )  # fmt: skip
        self.dots = widgets.BoundedIntText(
            value=3, min=1, max=20, description="Stippen per deelnemer", style=wide,
            layout=widgets.Layout(width="auto"),
        )  # fmt: skip
        auto = widgets.Layout(width="auto")
        self.open_button = widgets.Button(
            description="Nieuwe ronde openen", button_style="primary", layout=auto
        )
        self.close_button = widgets.Button(
            description="Ronde sluiten", button_style="warning", layout=auto
        )
        self.message = widgets.HTML()
        self.status = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(width="100%"))
        self.open_button.on_click(lambda _b: self.open_round())
        self.close_button.on_click(lambda _b: self.close_round())
        self.widget = widgets.VBox(
            [
                self.header,
                widgets.HBox([self.mode, self.dots]),
                widgets.HBox([self.open_button, self.close_button]),
                self.message,
                self.status,
                self.chart,
            ]
        )
        self.refresh()

    @contextlib.contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        """A connection per call: the timer thread and the button handlers never share one."""
        conn = store.connect(self.db_path)
        try:
            yield conn
        finally:
            conn.close()

    def _header_html(self, name: str) -> str:
        """Session code always; QR code and address only when phones can reach the voting page."""
        parts = [
            f"<h2>Stemmen: {escape(name)}</h2>",
            f'<p>Sessiecode: <span class="wijktools-sessiecode">{escape(self.code)}</span></p>',
        ]
        if self.vote_url:
            parts.append(
                f'<p><img src="{qr_data_uri(self.vote_url)}" alt="QR-code naar de stempagina" '
                f'width="260" height="260"><br>Of ga naar <b>{escape(self.vote_url)}</b></p>'
            )
        else:
            parts.append(
                "<p>Stemmen met de telefoon: start de presentatie met "
                "<code>wijktools presenteer 3 --sessie "
                f"{self.session_id} --lan</code>.</p>"
            )
        return "\n".join(parts)

    def open_round(self) -> int | None:
        """A new round with the chosen mode; a Dutch message instead of an exception."""
        try:
            with self._conn() as conn:
                dots = self.dots.value if self.mode.value == "dots" else None
                round_id = priorities.open_round(conn, self.session_id, self.mode.value, dots)
        except WijktoolsError as exc:
            self.message.value = f"<b>{escape(str(exc))}</b>"
            return None
        self.message.value = "Nieuwe ronde geopend: deelnemers kunnen nu stemmen."
        self.refresh()
        return round_id

    def close_round(self) -> None:
        """Close the open round; its votes stay and the chart shows the final count."""
        with self._conn() as conn:
            rnd = ballots.open_round(conn, self.session_id)
            if rnd is not None:
                priorities.close_round(conn, rnd["id"])
        self.message.value = "Ronde gesloten." if rnd else "Er was geen open ronde."
        self.refresh()

    def refresh(self) -> dict[str, Any]:
        """Read the tally; redraw the chart only when votes or rounds changed."""
        with self._conn() as conn:
            live = ballots.live_results(conn, self.session_id)
            if live["version"] != self._version:
                self._version = live["version"]
                self.chart.value = chart.png(conn, self.session_id)
        rnd = live["round"]
        if rnd is None:
            self.status.value = "Nog geen stemronde geopend."
        else:
            state = "open" if rnd["status"] == "open" else "gesloten"
            self.status.value = (
                f"<b>{escape(rnd['title'])}</b>: {rnd['participants']} deelnemer(s) gestemd, "
                f"waarvan {rnd['phones']} via telefoon; ronde {state}."
            )
        return live

    def start(self) -> VotingPanel:
        """Poll every `interval` seconds in a background thread (votes show within two seconds)."""
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._poll, name="wijktools-uitslag", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """End the polling thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _poll(self) -> None:
        while not self._stop.wait(self.interval):
            with contextlib.suppress(WijktoolsError, sqlite3.Error):
                self.refresh()

    def _ipython_display_(self) -> None:
        """Showing the panel in a notebook shows its widget and starts polling."""
        from IPython.display import display

        self.start()
        display(self.widget)


def voting_panel(session_id: int, db_path: Path | None = None) -> VotingPanel:
    """The one call a notebook makes: `voting.voting_panel(sessie_id)` as the cell's last line."""
    return VotingPanel(session_id, db_path)
