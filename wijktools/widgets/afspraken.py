"""Afspraak form with validation in place, and the gereedschapskist picker."""

from __future__ import annotations

import sqlite3
from typing import Any

import ipywidgets as w
from markupsafe import escape

from wijktools.errors import WijktoolsError
from wijktools.widgets.priorities import _status
from wijktools.workshop import agreements, priorities, toolkit


class AfspraakForm:
    """Wat, wie, wanneer, hoe: checked while typing, saved at once with 'Opgeslagen om …'."""

    def __init__(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.conn, self.session_id = conn, session_id
        self.knelpunt = w.Dropdown(description="Knelpunt")
        self.wat = w.Textarea(description="Afspraak", placeholder="Wat spreken we af?")
        self.trekker = w.Combobox(
            description="Trekker", placeholder="kies of typ een organisatie", ensure_option=False
        )
        self.new_trekker = w.Checkbox(description="nieuwe partner (nog niet in de sociale kaart)")
        self.betrokken = w.SelectMultiple(description="Betrokken", rows=5)
        self.betrokken_nieuw = w.Text(
            description="Ook nieuw", placeholder="namen, gescheiden door ;"
        )
        self.deadline = w.Text(description="Deadline", placeholder="1-3-2027 of Q2 2027")
        self.deadline_hint = w.HTML()
        self.coordination = w.Text(
            description="Coördinatie", placeholder="overleg, frequentie, kanaal"
        )
        self.evaluation = w.Text(description="Evaluatie", placeholder="indicator of vraag, moment")
        self.status = w.Dropdown(description="Status", options=agreements.STATUSES)
        self.indicator = w.Text(
            description="Indicator", placeholder="cijfer dat moet veranderen, bijv. Eenzaam|65+"
        )
        self.save_button = w.Button(description="Afspraak opslaan", button_style="primary")
        self.message = w.HTML()
        self.deadline.observe(self._check_deadline, names="value")
        self.save_button.on_click(self._save)
        self.widget = w.VBox(
            [
                self.knelpunt,
                self.wat,
                w.HBox([self.trekker, self.new_trekker]),
                self.betrokken,
                self.betrokken_nieuw,
                w.HBox([self.deadline, self.deadline_hint]),
                self.coordination,
                self.evaluation,
                self.status,
                self.indicator,
                self.save_button,
                self.message,
            ]
        )
        self.last_saved: agreements.Saved | None = None
        self.refresh()

    def refresh(self) -> None:
        """Knelpunten in priority order and the session's partners as choices."""
        order = priorities.priority_order(self.conn, self.session_id)
        self.knelpunt.options = [("(geen)", None)] + [(k["title"], k["id"]) for k in order]
        names = [p["organisatie"] for p in agreements.partners(self.conn, self.session_id)]
        self.trekker.options = names
        self.betrokken.options = names

    def _check_deadline(self, _: Any = None) -> None:
        try:
            date, period = agreements.parse_deadline(self.deadline.value)
        except WijktoolsError as exc:
            _status(self.deadline_hint, str(exc), ok=False)
            return
        shown = agreements.deadline_text({"deadline": date, "period": period})
        _status(self.deadline_hint, f"= {shown}" if shown else "")

    def _save(self, _: Any = None) -> None:
        extra = [f"nieuw: {n.strip()}" for n in self.betrokken_nieuw.value.split(";") if n.strip()]
        try:
            saved = agreements.add_afspraak(
                self.conn,
                self.session_id,
                self.wat.value,
                knelpunt_id=self.knelpunt.value,
                trekker=self.trekker.value or None,
                nieuwe_trekker=self.new_trekker.value,
                betrokken=[*self.betrokken.value, *extra],
                deadline=self.deadline.value or None,
                coordination=self.coordination.value,
                evaluation=self.evaluation.value,
                status=self.status.value,
                indicator=self.indicator.value or None,
            )
        except WijktoolsError as exc:
            _status(self.message, str(exc), ok=False)
            return
        self.last_saved = saved
        _status(self.message, saved.message, ok=None if saved.warnings else True)
        self.wat.value = self.deadline.value = self.betrokken_nieuw.value = ""
        self.indicator.value = ""


class ToolkitPicker:
    """Browse the gereedschapskist by theme or word, see suggestions, copy one into the session."""

    def __init__(self, conn: sqlite3.Connection, session_id: int) -> None:
        self.conn, self.session_id = conn, session_id
        self.theme = w.Dropdown(
            description="Thema", options=[("(alle)", None), *[(t, t) for t in toolkit.themes()]]
        )
        self.keyword = w.Text(description="Zoekwoord", placeholder="bijv. eenzaam")
        self.results = w.Select(description="Voorbeelden", rows=8, layout=w.Layout(width="95%"))
        self.detail = w.HTML()
        self.suggestions = w.HTML()
        self.knelpunt = w.Dropdown(description="Voor knelpunt")
        self.kind = w.ToggleButtons(
            options=[
                ("als afspraak", "afspraak"),
                ("als interventie", "interventie"),
                ("beide", "beide"),
            ]
        )
        self.adopt_button = w.Button(description="Overnemen in sessie", button_style="primary")
        self.message = w.HTML()
        self.theme.observe(self._search, names="value")
        self.keyword.observe(self._search, names="value")
        self.results.observe(self._show, names="value")
        self.adopt_button.on_click(self._adopt)
        self.widget = w.VBox(
            [
                self.suggestions,
                w.HBox([self.theme, self.keyword]),
                self.results,
                self.detail,
                self.knelpunt,
                self.kind,
                self.adopt_button,
                self.message,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        """Suggestions follow the current priority order."""
        order = priorities.priority_order(self.conn, self.session_id)
        self.knelpunt.options = [("(geen)", None)] + [(k["title"], k["id"]) for k in order]
        parts = []
        for s in toolkit.suggest(order):
            names = ", ".join(escape(e.titel) for e in s.entries) or "geen voorbeeld gevonden"
            parts.append(f"<li><b>{escape(s.knelpunt)}</b>: {names}</li>")
        self.suggestions.value = (
            f"<p>Suggesties voor de top-knelpunten:</p><ul>{''.join(parts)}</ul>"
        )
        self._search()

    def _search(self, _: Any = None) -> None:
        found = toolkit.search(self.theme.value, self.keyword.value)
        self.results.options = [(f"{e.titel} ({e.thema})", e.id) for e in found]

    def _show(self, _: Any = None) -> None:
        if not self.results.value:
            self.detail.value = ""
            return
        e = toolkit.get(self.results.value)
        self.detail.value = (
            f"<p><b>{escape(e.titel)}</b> — {escape(e.beschrijving)}</p>"
            f"<p>Disciplines: {escape(', '.join(e.disciplines))}<br>Voorbeeldafspraak: "
            f"{escape(e.voorbeeld_afspraak)}<br>Bron: {escape(e.bron)}</p>"
        )

    def _adopt(self, _: Any = None) -> None:
        if not self.results.value:
            _status(self.message, "Kies eerst een voorbeeld.", ok=False)
            return
        try:
            made = toolkit.adopt(
                self.conn,
                self.session_id,
                self.results.value,
                self.knelpunt.value,
                kind=self.kind.value,
            )
        except WijktoolsError as exc:
            _status(self.message, str(exc), ok=False)
            return
        _status(
            self.message, "Overgenomen als " + " en ".join(made) + "; pas de tekst aan in het plan."
        )


def workshop(conn: sqlite3.Connection, session_id: int) -> w.Tab:
    """All step-3 widgets in tabs; the notebook displays this one object."""
    from wijktools.widgets.effect import AchievedView, ProgressForm
    from wijktools.widgets.priorities import KnelpuntenEditor, LiveResults, RoundControl, VoteEntry

    parts = {
        "Knelpunten": KnelpuntenEditor(conn, session_id),
        "Rondes": RoundControl(conn, session_id),
        "Stemmen": VoteEntry(conn, session_id),
        "Uitslag": LiveResults(conn, session_id),
        "Afspraken": AfspraakForm(conn, session_id),
        "Gereedschapskist": ToolkitPicker(conn, session_id),
        "Voortgang": ProgressForm(conn, session_id),
        "Bereikt": AchievedView(conn, session_id),
    }
    tab = w.Tab(children=[p.widget for p in parts.values()])
    tab.titles = tuple(parts)

    def on_tab(change: dict[str, Any]) -> None:
        """Each tab shows fresh store data when opened."""
        part = list(parts.values())[change["new"]]
        for name in ("refresh", "rebuild"):
            if hasattr(part, name):
                getattr(part, name)()

    tab.observe(on_tab, names="selected_index")
    tab.parts = parts  # tests and notebooks reach the pieces
    return tab
