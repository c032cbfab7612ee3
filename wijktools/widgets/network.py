"""The netwerkkaart panel: partner and relation forms, the sociale kaart table and the map, refreshing."""

from __future__ import annotations

import sqlite3

import ipywidgets as w
from markupsafe import escape

from wijktools import network
from wijktools.figures import network as network_figure
from wijktools.network import quality
from wijktools.widgets import projector
from wijktools.widgets.partner_form import PartnerForm
from wijktools.widgets.partner_import import PartnerImport
from wijktools.widgets.relation_form import RelationForm

__all__ = ["NetworkPanel", "PartnerForm", "RelationForm", "panel"]


class NetworkPanel:
    """Everything step 2 needs in the room; each save refreshes the table and the map."""

    def __init__(self, conn: sqlite3.Connection, session_id: int, *, draw_map: bool = True) -> None:
        self.conn, self.session_id, self.draw_map = conn, session_id, draw_map
        self.partner_form = PartnerForm(conn, session_id, on_change=self.refresh)
        self.relation_form = RelationForm(conn, session_id, on_change=self.refresh)
        self.importer = PartnerImport(conn, session_id, on_change=self.refresh)
        self.table = w.HTML()
        self.review = w.HTML()
        self.map = w.Image(format="png", layout=w.Layout(width="100%"))
        # A second laptop may write to the same store; this re-reads what it saved.
        self.refresh_button = w.Button(description="Vernieuwen", icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        tabs = w.Tab(
            children=[
                self.partner_form.widget,
                self.relation_form.widget,
                w.VBox([self.review, self.table]),
                self.map,
                self.importer.widget,
            ]
        )
        titles = ["Ketenpartner", "Relatie", "Sociale kaart", "Netwerkkaart", "Inlezen"]
        for i, title in enumerate(titles):
            tabs.set_title(i, title)
        self.widget = w.VBox([self.refresh_button, tabs])
        self.refresh()

    def refresh(self) -> None:
        """Re-read the store: forms' lists, table, review list and map."""
        self.partner_form.refresh_options()
        self.relation_form.refresh_options()
        frame = network.sociale_kaart(self.conn, self.session_id).drop(columns="id")
        if projector.active():  # the room: no contact details, a table that fits the screen
            self.table.value = projector.frame_html(frame)
        else:  # to_html escapes cell text by default; user input never becomes markup.
            self.table.value = frame.to_html(index=False, escape=True, na_rep="", border=0)
        due = network.review_due(self.conn, self.session_id)
        missing = network.missing_disciplines(self.conn, self.session_id)
        lines = [f"<b>{len(frame)} ketenpartners.</b>"]
        if due:
            items = "".join(
                f"<li>{escape(p['organisatie'])}: {escape(p['reden'])}</li>" for p in due
            )
            lines.append(f"<b>Te controleren</b> (langer dan de controletermijn):<ul>{items}</ul>")
        if missing:
            lines.append(f"<b>Ontbrekende disciplines:</b> {escape(', '.join(missing))}")
        for name, score in quality.means(network.relations(self.conn, self.session_id)).items():
            if score.scored:
                lines.append(f"<b>{quality.MEAN_LABELS[name]} (1-4):</b> {escape(score.label)}")
        self.review.value = "<br>".join(lines)
        if self.draw_map:
            self.map.value = network_figure.png(self.conn, self.session_id)


def panel(conn: sqlite3.Connection, session_id: int) -> NetworkPanel:
    """The panel the notebook displays (`panel(...).widget`)."""
    return NetworkPanel(conn, session_id)
