"""Read a sociale kaart into the session from the notebook, with a choice per likely duplicate."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
from markupsafe import escape

from wijktools import network, nl
from wijktools.errors import WijktoolsError
from wijktools.network import duplicates as dup
from wijktools.widgets.partner_form import error_message, saved_message

_SUFFIXES = (".xlsx", ".csv")
_CHOOSE = "(kies)"


class PartnerImport:
    """Upload → check (rows and likely duplicates listed) → a choice per pair → import, all or nothing."""

    def __init__(
        self, conn: sqlite3.Connection, session_id: int, on_change: Callable[[], None] | None = None
    ) -> None:
        self.conn, self.session_id, self.on_change = conn, session_id, on_change
        self._folder = tempfile.TemporaryDirectory(prefix="wijktools-inlezen-")
        self.path: Path | None = None
        self.plan: network.PartnerImportPlan | None = None
        self.choices: dict[int, w.Dropdown] = {}
        self.upload = w.FileUpload(accept=",".join(_SUFFIXES), multiple=False)
        self.upload.observe(lambda _: self._uploaded(), names="value")
        self.pairs = w.VBox()
        self.status = w.HTML()
        self.import_button = w.Button(description="Inlezen", icon="upload", disabled=True)
        self.import_button.on_click(lambda _: self.run())
        self.widget = w.VBox(
            [
                w.HTML(
                    "Kies een sociale kaart (Excel of CSV, sjabloon ketenpartners). Mogelijke "
                    "dubbele organisaties verschijnen hieronder met een keuze per paar."
                ),
                self.upload,
                self.pairs,
                self.import_button,
                self.status,
            ]
        )

    def _uploaded(self) -> None:
        """Save the upload under a fixed name (only its extension is kept) and check it."""
        files = list(self.upload.value or ())
        if not files:
            return
        item = files[0]
        suffix = Path(str(item["name"])).suffix.lower()
        if suffix not in _SUFFIXES:
            self.status.value = error_message("Kies een .xlsx- of .csv-bestand.")
            return
        target = Path(self._folder.name) / f"sociale_kaart{suffix}"
        target.write_bytes(bytes(item["content"]))
        self.check(target)

    def check(self, path: str | Path) -> None:
        """Validate the file and list likely duplicates, each with a choice; nothing is stored."""
        self.path, self.plan, self.choices = Path(path), None, {}
        self.pairs.children = ()
        self.import_button.disabled = True
        try:
            self.plan = network.plan_partner_import(self.conn, self.session_id, self.path)
        except WijktoolsError as exc:
            self.status.value = error_message(str(exc))
            return
        rows = []
        for pair in self.plan.pairs:
            choice = w.Dropdown(
                options=[(_CHOOSE, "")] + [(dup.CHOICE_LABELS[c], c) for c in dup.CHOICES],
                value="",
                description="Keuze:",
                layout={"width": "320px"},
            )
            choice.observe(lambda _: self._update_button(), names="value")
            self.choices[pair.row] = choice
            rows.append(w.HBox([w.HTML(escape(pair.describe())), choice]))
        self.pairs.children = tuple(rows)
        count = len(self.plan.records)
        self.status.value = escape(
            f"{nl.plural(count, 'rij', 'rijen')} gecontroleerd; "
            f"{nl.plural(len(self.plan.pairs), 'mogelijke dubbele organisatie', 'mogelijke dubbele organisaties')}."
            + (" Kies per paar wat er moet gebeuren." if self.plan.pairs else "")
        )
        self._update_button()

    def _update_button(self) -> None:
        self.import_button.disabled = self.plan is None or any(
            not c.value for c in self.choices.values()
        )

    def choose(self, row: int, choice: str) -> None:
        """Set the choice for the pair of a file row (what the dropdown does)."""
        self.choices[row].value = choice

    def run(self) -> None:
        """Import with the chosen choices in one transaction; the panel refreshes afterwards."""
        if self.path is None:
            return
        keuzes = {row: c.value for row, c in self.choices.items() if c.value}
        try:
            result = network.import_partners(self.conn, self.session_id, self.path, keuzes=keuzes)
        except WijktoolsError as exc:
            self.status.value = error_message(str(exc))
            return
        self.status.value = saved_message(f"Ingelezen: {result}. Opgeslagen")
        self.pairs.children = ()
        self.import_button.disabled = True
        self.plan = None
        if self.on_change:
            self.on_change()
