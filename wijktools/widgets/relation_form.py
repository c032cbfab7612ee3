"""Relation form: who works with whom, how (kind), how much (intensity) and how well; saved at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import ipywidgets as w
from markupsafe import escape

from wijktools import network
from wijktools.errors import WijktoolsError
from wijktools.network import quality, vocab
from wijktools.widgets.partner_form import _LAYOUT, _STYLE, NEW, error_message, saved_message


class RelationForm:
    """Add, edit or delete a relation between two ketenpartners."""

    def __init__(
        self, conn: sqlite3.Connection, session_id: int, on_change: Callable[[], None] | None = None
    ) -> None:
        self.conn, self.session_id, self.on_change = conn, session_id, on_change
        self.selector = w.Dropdown(description="Relatie", layout=_LAYOUT, style=_STYLE)
        self.van = w.Dropdown(description="Van", layout=_LAYOUT, style=_STYLE)
        self.naar = w.Dropdown(description="Naar", layout=_LAYOUT, style=_STYLE)
        self.soort = w.Dropdown(
            options=list(vocab.RELATION_KINDS), description="Soort", layout=_LAYOUT, style=_STYLE
        )
        self.intensiteit = w.ToggleButtons(
            options=[(f"{k} {v}", k) for k, v in vocab.INTENSITY_LABELS.items()],
            value=1,
            description="Intensiteit",
            style=_STYLE,
        )
        # Optional PARTNER-style scores; 0 stands for "not scored" (a widget value cannot be None).
        self.scores = {
            name: w.Dropdown(
                options=[("niet gescoord", 0)]
                + [(f"{k} {v}", k) for k, v in quality.LABELS.items()],
                value=0,
                description=quality.HEADERS[name],
                tooltip=quality.QUESTIONS[name],
                layout=_LAYOUT,
                style=_STYLE,
            )
            for name in quality.SCORES
        }
        self.scale_note = w.HTML(
            f"<small>{escape(quality.SCALE_TEXT)}. {escape(quality.SOURCE)}.</small>"
        )
        self.opmerkingen = w.Text(description="Opmerkingen", layout=_LAYOUT, style=_STYLE)
        self.save_button = w.Button(description="Opslaan", button_style="primary")
        self.delete_button = w.Button(description="Verwijderen", button_style="warning")
        self.undo_button = w.Button(description="Verwijderen ongedaan maken", disabled=True)
        self.status = w.HTML()
        self._deleted: int | None = None
        self.selector.observe(lambda change: self._load(change["new"]), names="value")
        self.save_button.on_click(lambda _: self.save())
        self.delete_button.on_click(lambda _: self.delete())
        self.undo_button.on_click(lambda _: self.undo())
        self.refresh_options()
        self.widget = w.VBox(
            [
                self.selector,
                self.van,
                self.naar,
                self.soort,
                self.intensiteit,
                *self.scores.values(),
                self.scale_note,
                self.opmerkingen,
                w.HBox([self.save_button, self.delete_button, self.undo_button]),
                self.status,
            ]
        )

    def refresh_options(self) -> None:
        """Partners and relations from the store."""
        people = [(p["organisatie"], p["id"]) for p in network.partners(self.conn, self.session_id)]
        for box in (self.van, self.naar):
            keep = box.value
            box.options = [("(kies)", NEW), *people]
            box.value = keep if keep in dict(people).values() else NEW
        arrow = {True: "→", False: "↔"}
        relations = [
            (f"{r['van']} {arrow[bool(r['directed'])]} {r['naar']} ({r['kind']})", r["id"])
            for r in network.relations(self.conn, self.session_id)
        ]
        current = self.selector.value
        self.selector.options = [("(nieuwe relatie)", NEW), *relations]
        self.selector.value = current if current in dict(relations).values() else NEW

    def _load(self, relation_id: int | None) -> None:
        if relation_id in (NEW, None):
            return
        row = next(
            r for r in network.relations(self.conn, self.session_id) if r["id"] == relation_id
        )
        self.van.value, self.naar.value = row["from_partner_id"], row["to_partner_id"]
        self.soort.value, self.intensiteit.value = row["kind"], row["intensity"]
        self.opmerkingen.value = row["remarks"] or ""
        for name, box in self.scores.items():
            box.value = row[name] or 0

    def _score_values(self) -> dict[str, int | None]:
        return {name: box.value or None for name, box in self.scores.items()}

    def save(self) -> int | None:
        """Store the relation (new or edit) and show when it was saved; None when refused."""
        if NEW in (self.van.value, self.naar.value):
            self.status.value = error_message(
                "Niet opgeslagen: kies bij Van en Naar een ketenpartner."
            )
            return None
        try:
            if self.selector.value == NEW:
                relation_id = network.add_relation(
                    self.conn,
                    self.session_id,
                    self.van.value,
                    self.naar.value,
                    self.soort.value,
                    self.intensiteit.value,
                    remarks=self.opmerkingen.value,
                    **self._score_values(),
                )
            else:
                relation_id = self.selector.value
                network.update_relation(
                    self.conn,
                    relation_id,
                    from_id=self.van.value,
                    to_id=self.naar.value,
                    kind=self.soort.value,
                    intensity=self.intensiteit.value,
                    remarks=self.opmerkingen.value,
                    **self._score_values(),
                )
        except WijktoolsError as exc:
            self.status.value = error_message(f"Niet opgeslagen: {exc}")
            return None
        self.refresh_options()
        self.selector.value = relation_id
        self.status.value = saved_message()
        self._changed()
        return relation_id

    def delete(self) -> None:
        """Soft delete the selected relation; undo brings it back."""
        if self.selector.value == NEW:
            self.status.value = error_message("Kies eerst een relatie om te verwijderen.")
            return
        self._deleted = self.selector.value
        network.delete_relation(self.conn, self._deleted)
        self.undo_button.disabled = False
        self.refresh_options()
        self.status.value = saved_message("Verwijderd")
        self._changed()

    def undo(self) -> None:
        """Restore the relation deleted last."""
        if self._deleted is None:
            return
        network.restore_relation(self.conn, self._deleted)
        self.refresh_options()
        self.selector.value, self._deleted = self._deleted, None
        self.undo_button.disabled = True
        self.status.value = saved_message("Teruggezet")
        self._changed()

    def _changed(self) -> None:
        if self.on_change:
            self.on_change()
