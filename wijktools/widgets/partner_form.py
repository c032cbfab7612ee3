"""Ketenpartner form: add, edit, delete and undo; every save is committed and shown as saved."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

import ipywidgets as w
from markupsafe import escape

from wijktools import network
from wijktools.errors import RecordInvalid, WijktoolsError
from wijktools.network import vocab
from wijktools.network.partners import ALL_COLUMNS, FIELD_LABELS, Ketenpartner, field_text

NEW = 0  # dropdown value for "(nieuwe ...)"
_ERROR = '<span style="color:#B00020">{}</span>'
_OK = '<span style="color:#007A4D">{}</span>'
_LAYOUT = {"width": "420px"}
_STYLE = {"description_width": "150px"}


def saved_message(prefix: str = "Opgeslagen") -> str:
    """What the room sees after each save: the data is on disk at this time."""
    return _OK.format(escape(f"{prefix} om {dt.datetime.now().strftime('%H:%M:%S')}"))


def error_message(text: str) -> str:
    """A red, escaped line."""
    return _ERROR.format(escape(text))


class PartnerForm:
    """Add or edit one ketenpartner; validation messages appear under the field concerned."""

    def __init__(
        self, conn: sqlite3.Connection, session_id: int, on_change: Callable[[], None] | None = None
    ) -> None:
        self.conn, self.session_id, self.on_change = conn, session_id, on_change
        self.selector = w.Dropdown(description="Ketenpartner", layout=_LAYOUT, style=_STYLE)
        self.fields: dict[str, w.ValueWidget] = {}
        for header, field in ALL_COLUMNS.items():
            if field == "discipline":
                widget: w.ValueWidget = w.Dropdown(options=[""], description=header)
            elif field == "voorkeur_contact":
                widget = w.Combobox(options=list(vocab.CONTACT_WAYS), description=header)
            elif field == "opnamestop":
                widget = w.Combobox(
                    options=["nee", "ja"], description=header, placeholder="nee / ja tot 2027-03-01"
                )
            elif field == "opmerkingen":
                widget = w.Textarea(description=header)
            else:
                widget = w.Text(description=header)
            widget.layout, widget.style = w.Layout(**_LAYOUT), _STYLE
            self.fields[field] = widget
        self.fields["werkdagen"].placeholder = "ma, di, do"
        self.fields["telefoon"].placeholder = "0513-123456"
        self.fields["postcode"].placeholder = "8501 AB"
        for field in ("fte_huisarts", "fte_poh_s", "fte_poh_ggz", "fte_praktijkverpleegkundige"):
            self.fields[field].placeholder = "bijv. 2,4 (leeg = onbekend)"
        self.fields["ingeschreven_patienten"].placeholder = "bijv. 5200 (leeg = onbekend)"
        self.messages = {field: w.HTML() for field in self.fields}
        self.new_discipline = w.Text(description="Nieuwe discipline", layout=_LAYOUT, style=_STYLE)
        self.new_domain = w.Dropdown(
            options=list(vocab.DOMAINS), value="overig", description="Domein", style=_STYLE
        )
        self.add_discipline_button = w.Button(description="Discipline toevoegen")
        self.save_button = w.Button(description="Opslaan", button_style="primary")
        self.delete_button = w.Button(description="Verwijderen", button_style="warning")
        self.undo_button = w.Button(description="Verwijderen ongedaan maken", disabled=True)
        self.status = w.HTML()
        self._deleted: int | None = None
        self.selector.observe(self._on_select, names="value")
        self.save_button.on_click(lambda _: self.save())
        self.delete_button.on_click(lambda _: self.delete())
        self.undo_button.on_click(lambda _: self.undo())
        self.add_discipline_button.on_click(lambda _: self.add_discipline())
        self.refresh_options()
        self.clear()
        rows = [w.VBox([self.fields[f], self.messages[f]]) for f in self.fields]
        self.widget = w.VBox(
            [
                self.selector,
                *rows,
                w.HBox([self.save_button, self.delete_button, self.undo_button]),
                self.status,
                w.HBox([self.new_discipline, self.new_domain, self.add_discipline_button]),
            ]
        )

    def refresh_options(self) -> None:
        """Partner list and discipline list from the store (both may change during a session)."""
        current = self.selector.value
        options = [("(nieuwe ketenpartner)", NEW)] + [
            (p["organisatie"], p["id"]) for p in network.partners(self.conn, self.session_id)
        ]
        self.selector.options = options
        self.selector.value = current if current in dict(options).values() else NEW
        names = sorted(vocab.disciplines(self.conn, self.session_id), key=str.casefold)
        chosen = self.fields["discipline"].value
        self.fields["discipline"].options = ["", *names]
        self.fields["discipline"].value = chosen if chosen in names else ""

    def clear(self) -> None:
        """An empty form for a new partner, checked today."""
        for widget in self.fields.values():
            widget.value = ""
        self.fields["opnamestop"].value = "nee"
        self.fields["laatst_gecontroleerd"].value = dt.date.today().isoformat()
        self._show_problems({})

    def _on_select(self, change: dict[str, Any]) -> None:
        if change["new"] in (NEW, None):
            self.clear()
            return
        record = Ketenpartner.from_row(network.partners_by_id(self.conn, change["new"]))
        for field, value in record.model_dump().items():
            widget = self.fields[field]
            if field == "discipline" and value not in widget.options:
                widget.options = [*widget.options, value]
            widget.value = field_text(field, value)
        self._show_problems({})

    def _show_problems(self, problems: dict[str, str]) -> None:
        for field, label in self.messages.items():
            label.value = error_message(problems[field]) if field in problems else ""

    def values(self) -> dict[str, str]:
        """The form as a record dict (field -> text)."""
        return {field: widget.value for field, widget in self.fields.items()}

    def save(self) -> int | None:
        """Validate, store (new or edit), show 'Opgeslagen om ...'; None when not saved."""
        try:
            if self.selector.value == NEW:
                partner_id = network.add_partner(self.conn, self.session_id, self.values())
            else:
                partner_id = self.selector.value
                network.update_partner(self.conn, partner_id, self.values())
        except RecordInvalid as exc:
            self._show_problems(exc.problems)
            fields = ", ".join(FIELD_LABELS.get(f, f) for f in exc.problems)
            self.status.value = error_message(f"Niet opgeslagen: controleer {fields}.")
            return None
        except WijktoolsError as exc:
            self.status.value = error_message(f"Niet opgeslagen: {exc}")
            return None
        self._show_problems({})
        self.refresh_options()
        self.selector.value = partner_id
        self.status.value = saved_message()
        self._changed()
        return partner_id

    def delete(self) -> None:
        """Soft delete the selected partner; the undo button brings it back."""
        if self.selector.value == NEW:
            self.status.value = error_message("Kies eerst een ketenpartner om te verwijderen.")
            return
        self._deleted = self.selector.value
        network.delete_partner(self.conn, self._deleted)
        self.undo_button.disabled = False
        self.refresh_options()
        self.selector.value = NEW
        self.status.value = saved_message("Verwijderd")
        self._changed()

    def undo(self) -> None:
        """Restore the partner deleted last."""
        if self._deleted is None:
            return
        try:
            network.restore_partner(self.conn, self._deleted)
        except WijktoolsError as exc:
            self.status.value = error_message(str(exc))
            return
        self.refresh_options()
        self.selector.value, self._deleted = self._deleted, None
        self.undo_button.disabled = True
        self.status.value = saved_message("Teruggezet")
        self._changed()

    def add_discipline(self) -> None:
        """Extend this session's discipline list (stored) and select the new discipline."""
        try:
            name = vocab.add_discipline(
                self.conn, self.session_id, self.new_discipline.value, self.new_domain.value
            )
        except WijktoolsError as exc:
            self.status.value = error_message(str(exc))
            return
        self.refresh_options()
        self.fields["discipline"].value = name
        self.new_discipline.value = ""
        self.status.value = saved_message(f"Discipline '{name}' toegevoegd")

    def _changed(self) -> None:
        if self.on_change:
            self.on_change()
