"""Workshop widgets for step 3: knelpunten, rounds, votes, live results, afspraken and the toolkit."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from typing import Any

import ipywidgets as w
from markupsafe import escape

from wijktools.errors import WijktoolsError
from wijktools.figures import theme
from wijktools.figures import votes as figures_votes
from wijktools.store import connection as store
from wijktools.voting.ballots import open_round
from wijktools.workshop import knelpunten, priorities, rounds

_COLOURS = {True: "#009E73", False: "#D55E00", None: "#B07800"}  # saved, error, saved with warning


def _status(label: w.HTML, text: str, ok: bool | None = True) -> None:
    """User text in an HTML widget is escaped; ipywidgets would render it as markup."""
    label.value = f"<span style='color:{_COLOURS[ok]}'>{escape(text)}</span>"


class KnelpuntenEditor:
    """Add, reword, merge and drop knelpunten; every change is saved at once."""

    def __init__(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.conn, self.session_id = conn, session_id
        self.title = w.Text(description="Knelpunt", placeholder="bijv. lange wachttijd GGZ")
        self.description = w.Textarea(description="Toelichting")
        self.add_button = w.Button(description="Toevoegen", button_style="primary")
        self.items = w.Select(description="Lijst", rows=8, layout=w.Layout(width="95%"))
        self.new_title = w.Text(description="Nieuwe titel")
        self.rename_button = w.Button(description="Titel opslaan")
        self.drop_button = w.Button(description="Laten vallen", button_style="warning")
        self.merge_with = w.SelectMultiple(description="Samenvoegen", rows=4)
        self.merge_button = w.Button(description="Samenvoegen met gekozen")
        self.message = w.HTML()
        self.add_button.on_click(self._add)
        self.rename_button.on_click(self._rename)
        self.drop_button.on_click(self._drop)
        self.merge_button.on_click(self._merge)
        self.widget = w.VBox(
            [
                w.HBox([self.title, self.add_button]),
                self.description,
                self.items,
                w.HBox([self.new_title, self.rename_button, self.drop_button]),
                w.HBox([self.merge_with, self.merge_button]),
                self.message,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        """Reload the list from the store (also after edits elsewhere)."""
        options = [
            (f"{k['title']} ({k['origin']})", k["id"])
            for k in knelpunten.knelpunten(self.conn, self.session_id)
        ]
        self.items.options = options
        self.merge_with.options = options

    def _run(self, action: Any, done: str) -> None:
        try:
            action()
        except WijktoolsError as exc:
            _status(self.message, str(exc), ok=False)
            return
        _status(self.message, done)
        self.refresh()

    def _add(self, _: Any = None) -> None:
        self._run(
            lambda: knelpunten.add_knelpunt(
                self.conn, self.session_id, self.title.value, self.description.value
            ),
            "Knelpunt opgeslagen.",
        )
        self.title.value = self.description.value = ""

    def _rename(self, _: Any = None) -> None:
        if self.items.value is None:
            _status(self.message, "Kies eerst een knelpunt in de lijst.", ok=False)
            return
        self._run(
            lambda: knelpunten.edit_knelpunt(
                self.conn, self.items.value, title=self.new_title.value
            ),
            "Titel opgeslagen (de oude staat in de geschiedenis).",
        )

    def _drop(self, _: Any = None) -> None:
        if self.items.value is not None:
            self._run(
                lambda: knelpunten.drop_knelpunt(self.conn, self.items.value),
                "Knelpunt van de lijst gehaald; het is terug te zetten.",
            )

    def _merge(self, _: Any = None) -> None:
        if self.items.value is not None and self.merge_with.value:
            self._run(
                lambda: knelpunten.merge_knelpunten(
                    self.conn, self.items.value, self.merge_with.value
                ),
                "Samengevoegd; de stemmen tellen voor het gekozen knelpunt.",
            )


class RoundControl:
    """Open and close rounds; a re-vote is a new round beside the earlier one."""

    def __init__(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.conn, self.session_id = conn, session_id
        self.mode = w.ToggleButtons(
            options=[("Stippen", "dots"), ("Impact × haalbaarheid", "matrix")]
        )
        self.dots = w.BoundedIntText(value=3, min=1, max=20, description="Stippen p.p.")
        self.open_button = w.Button(description="Nieuwe ronde openen", button_style="primary")
        self.close_button = w.Button(description="Ronde sluiten")
        self.message = w.HTML()
        self.open_button.on_click(self._open)
        self.close_button.on_click(self._close)
        self.widget = w.VBox(
            [self.mode, self.dots, w.HBox([self.open_button, self.close_button]), self.message]
        )
        self._show()

    def current(self) -> dict[str, Any] | None:
        """The open round, if any."""
        return open_round(self.conn, self.session_id)

    def _show(self) -> None:
        r = self.current()
        _status(self.message, f"Ronde {r['number']} is open." if r else "Er is geen ronde open.")

    def _open(self, _: Any = None) -> None:
        try:
            priorities.open_round(self.conn, self.session_id, self.mode.value, self.dots.value)
        except WijktoolsError as exc:
            _status(self.message, str(exc), ok=False)
            return
        self._show()

    def _close(self, _: Any = None) -> None:
        r = self.current()
        if r:
            priorities.close_round(self.conn, r["id"])
        self._show()


class VoteEntry:
    """Type in one participant's votes for the open round (pseudonym or discipline, no name needed)."""

    def __init__(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.conn, self.session_id = conn, session_id
        self.participant = w.Text(description="Deelnemer", placeholder="bijv. huisarts 2")
        self.save_button = w.Button(description="Stemmen opslaan", button_style="primary")
        self.message = w.HTML()
        self.fields: dict[int, Any] = {}
        self.box = w.VBox()
        self.save_button.on_click(self._save)
        self.widget = w.VBox([self.participant, self.box, self.save_button, self.message])
        self.rebuild()

    def rebuild(self) -> None:
        """One input per knelpunt for the open round's mode."""
        self.round = open_round(self.conn, self.session_id)
        self.fields = {}
        rows = []
        for k in knelpunten.knelpunten(self.conn, self.session_id):
            label = w.Label(k["title"], layout=w.Layout(width="45%"))
            if self.round and self.round["mode"] == "matrix":
                pair = (
                    w.IntSlider(value=3, min=1, max=5, description="impact"),
                    w.IntSlider(value=3, min=1, max=5, description="haalbaar"),
                )
                self.fields[k["id"]] = pair
                rows.append(w.HBox([label, *pair]))
            else:
                field = w.BoundedIntText(value=0, min=0, max=50, layout=w.Layout(width="6em"))
                self.fields[k["id"]] = field
                rows.append(w.HBox([label, field]))
        self.box.children = rows
        if not self.round:
            _status(self.message, "Open eerst een ronde.", ok=False)

    def _save(self, _: Any = None) -> None:
        if not self.round:
            _status(self.message, "Open eerst een ronde.", ok=False)
            return
        try:
            if self.round["mode"] == "dots":
                priorities.cast_dots(
                    self.conn,
                    self.round["id"],
                    self.participant.value,
                    {k: f.value for k, f in self.fields.items() if f.value},
                )
            else:
                priorities.cast_scores(
                    self.conn,
                    self.round["id"],
                    self.participant.value,
                    {k: (a.value, b.value) for k, (a, b) in self.fields.items()},
                )
        except WijktoolsError as exc:
            _status(self.message, str(exc), ok=False)
            return
        who = self.participant.value.strip()
        _status(self.message, f"Stemmen van {who} opgeslagen om {dt.datetime.now():%H:%M}.")
        self.participant.value = ""
        for f in self.fields.values():
            if isinstance(f, tuple):
                f[0].value = f[1].value = 3
            else:
                f.value = 0


class LiveResults:
    """Projector view: charts redrawn when the votes in the store change (`refresh()` or a timer)."""

    def __init__(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.conn, self.session_id = conn, session_id
        self.image = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self.table = w.HTML()
        self.widget = w.VBox([self.image, self.table])
        self._signature: str | None = None
        self._timer: threading.Event | None = None
        self.refresh()

    def refresh(self, conn: sqlite3.Connection | None = None) -> bool:
        """Redraw if anything changed; returns whether it redrew (cheap to call every few seconds)."""
        conn = conn or self.conn
        signature = rounds.tally_version(conn, self.session_id)
        if signature == self._signature:
            return False
        self._signature = signature
        results = priorities.session_results(conn, self.session_id)
        if not results:
            self.table.value = "<p>Nog geen stemronde.</p>"
            return True
        latest = results[-1]
        earlier = [r for r in results[:-1] if r.mode == "dots" and latest.mode == "dots"]
        self.image.value = theme.to_png(
            figures_votes.round_figure(latest, earlier[-1] if earlier else None), dpi=90
        )
        lines = "".join(
            f"<tr><td>{escape(r.rank_label)}</td><td>{escape(r.title)}</td>"
            f"<td>{escape(theme.fmt_number(r.score, 0 if latest.mode == 'dots' else 1))}</td></tr>"
            for r in latest.rows
        )
        self.table.value = (
            f"<p>{escape(latest.title)}: {escape(latest.who_voted)}</p>"
            f"<table><tr><th>Plaats</th><th>Knelpunt</th><th>Score</th></tr>{lines}</table>"
        )
        return True

    def start(self, seconds: float = 3.0) -> None:
        """Poll the store in the background while votes come in (phones, a second laptop)."""
        self.stop()
        stop = threading.Event()
        self._timer = stop

        # SQLite connections belong to one thread: the poller opens its own on the same file.
        path = store.db_file(self.conn)

        def loop() -> None:
            own = store.connect(path)
            try:
                while not stop.wait(seconds):
                    self.refresh(own)
            finally:
                own.close()

        threading.Thread(target=loop, daemon=True).start()

    def stop(self) -> None:
        """End the polling (e.g. when the round is closed)."""
        if self._timer:
            self._timer.set()
            self._timer = None
