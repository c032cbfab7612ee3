"""Progress per afspraak (dated log, status, voortgang, indicator link) and the vervolg's 'Wat is er bereikt'."""

from __future__ import annotations

import sqlite3
from typing import Any

import ipywidgets as w
from markupsafe import escape

from wijktools import nl
from wijktools.errors import WijktoolsError
from wijktools.widgets.priorities import _status
from wijktools.workshop import agreements, effect

UNCHANGED = "(ongewijzigd)"


class ProgressForm:
    """Pick an afspraak, write what happened (who, when), optionally set status and voortgang."""

    def __init__(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.conn, self.session_id = conn, session_id
        self.afspraak = w.Dropdown(description="Afspraak", layout=w.Layout(width="95%"))
        self.current = w.HTML()
        self.datum = w.Text(description="Datum", placeholder="1-6-2027 (leeg = vandaag)")
        self.wie = w.Text(description="Wie", placeholder="naam, rol of organisatie")
        self.wat = w.Textarea(description="Wat", placeholder="wat is er gebeurd?")
        self.status = w.Dropdown(
            description="Status",
            options=[(UNCHANGED, None), *[(s, s) for s in agreements.STATUSES]],
        )
        self.voortgang = w.Text(description="Voortgang %", placeholder="0-100 (leeg = ongewijzigd)")
        self.save_button = w.Button(description="Voortgang opslaan", button_style="primary")
        self.indicator = w.Text(
            description="Indicator", placeholder="bijv. Eenzaam|65+ (leeg = geen koppeling)"
        )
        self.link_button = w.Button(description="Indicator koppelen")
        self.message = w.HTML()
        self.afspraak.observe(self._show, names="value")
        self.save_button.on_click(self._save)
        self.link_button.on_click(self._link)
        self.widget = w.VBox(
            [
                self.afspraak,
                self.current,
                w.HBox([self.datum, self.wie]),
                self.wat,
                w.HBox([self.status, self.voortgang]),
                self.save_button,
                w.HBox([self.indicator, self.link_button]),
                self.message,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        """The session's afspraken as choices, keeping the one selected."""
        keep = self.afspraak.value
        found = agreements.afspraken(self.conn, self.session_id)
        self.afspraak.options = [(f"{a['id']}. {a['wat'][:80]}", a["id"]) for a in found]
        if keep in {a["id"] for a in found}:
            self.afspraak.value = keep
        elif found:
            self.afspraak.value = found[0]["id"]
        self._show()

    def _show(self, _: Any = None) -> None:
        if self.afspraak.value is None:
            self.current.value = "<p>Nog geen afspraken in deze sessie.</p>"
            return
        a = agreements.get_afspraak(self.conn, self.afspraak.value)
        voortgang = "onbekend" if a["voortgang"] is None else nl.percent(a["voortgang"])
        link = agreements.indicator_ref(a)
        self.indicator.value = link
        lines = [
            f"{escape(nl.date(e['datum']))} – {escape(e['wie'])}: {escape(e['wat'])}"
            for e in effect.log_entries(self.conn, a["id"])[: effect.LOG_SHOWN]
        ]
        self.current.value = (
            f"<p>Status <b>{escape(a['status'])}</b>, voortgang <b>{voortgang}</b>"
            + (
                f"; indicator {escape(link)}, nulmeting {escape(nl.number(a['baseline_value'], 1))}"
                f" ({a['baseline_year']})"
                if link
                else ""
            )
            + "</p>"
            + ("<ul>" + "".join(f"<li>{x}</li>" for x in lines) + "</ul>" if lines else "")
        )

    def _save(self, _: Any = None) -> None:
        if self.afspraak.value is None:
            _status(self.message, "Kies eerst een afspraak.", ok=False)
            return
        try:
            logged = effect.record_progress(
                self.conn,
                self.afspraak.value,
                wat=self.wat.value,
                wie=self.wie.value,
                datum=self.datum.value or None,
                status=self.status.value,
                voortgang=self.voortgang.value or None,
            )
        except WijktoolsError as exc:
            _status(self.message, str(exc), ok=False)
            return
        _status(
            self.message, logged.message, ok=None if logged.already or logged.warnings else True
        )
        self.wat.value = self.voortgang.value = ""
        self.status.value = None
        self._show()

    def _link(self, _: Any = None) -> None:
        if self.afspraak.value is None:
            _status(self.message, "Kies eerst een afspraak.", ok=False)
            return
        try:
            agreements.update_afspraak(
                self.conn, self.afspraak.value, indicator=self.indicator.value or None
            )
        except WijktoolsError as exc:
            _status(self.message, str(exc), ok=False)
            return
        text = "Indicator gekoppeld" if self.indicator.value else "Koppeling weggehaald"
        _status(self.message, text)
        self._show()


class AchievedView:
    """'Wat is er bereikt' of a vervolg session: earlier afspraken, progress, indicator before/after."""

    def __init__(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.conn, self.session_id = conn, session_id
        self.html = w.HTML()
        self.widget = w.VBox([self.html])
        self.refresh()

    def refresh(self) -> None:
        """Read the store and the data at hand again."""
        self.html.value = html(effect.achieved(self.conn, self.session_id))


def html(result: effect.Achieved | None) -> str:
    """The overview as escaped HTML (user text never becomes markup)."""
    if result is None:
        return "<p>Dit is geen vervolgsessie; er is niets eerder afgesproken om te volgen.</p>"
    parts = [f"<h3>Wat is er bereikt</h3><p>{escape(result.intro)}</p>"]
    rows = []
    for item in result.items:
        log = "<br>".join(escape(line) for line in item.log_lines()) or "nog geen voortgang"
        indicator = ""
        if item.effect is not None:
            e = item.effect
            indicator = (
                f"{escape(e.indicator.label)}: {escape(e.baseline_text)} → {escape(e.newest_text)}"
            )
        rows.append(
            f"<tr><td>{escape(item.wat)}</td><td>{escape(item.status)}</td>"
            f"<td>{escape(item.voortgang_text)}</td><td>{log}</td><td>{indicator}</td></tr>"
        )
    if rows:
        parts.append(
            "<table><thead><tr><th>Afspraak</th><th>Status</th><th>Voortgang</th>"
            "<th>Laatste voortgang</th><th>Indicator: start → nu</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )
    return "".join(parts)
