"""One exception hierarchy; str() of every error is the Dutch message a user can act on.

Every class passes all its constructor arguments to ``super().__init__``, so ``args`` rebuilds the
error and it pickles (a batch worker sends errors across processes); str() builds the message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class WijktoolsError(Exception):
    """Root of every error a user can fix; str() is the Dutch message."""

    def __init__(self, message: str, *args: object) -> None:
        super().__init__(message, *args)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DataFileError(WijktoolsError):
    """Bad input must name its place (file, row, column), or users cannot fix it."""

    def __init__(
        self, path: str, hint: str, row: int | None = None, column: str | None = None
    ) -> None:
        super().__init__(path, hint, row, column)
        self.path, self.hint, self.row, self.column = str(path), hint, row, column

    def __str__(self) -> str:
        place = [f"bestand '{self.path}'"]
        if self.row is not None:
            place.append(f"rij {self.row}")
        if self.column is not None:
            place.append(f"kolom '{self.column}'")
        return f"{', '.join(place)}: {self.hint}"


class DataFileErrors(WijktoolsError):
    """Collects every problem of one file, so a user fixes them all in one go."""

    def __init__(self, path: str, problems: list[DataFileError]) -> None:
        super().__init__(path, problems)
        self.path, self.problems = str(path), problems

    def __str__(self) -> str:
        # errors sits below nl (which raises ValidationError), so the Dutch plural rule is spelled
        # out here: singular for exactly one.
        lines = [str(p) for p in self.problems[:20]]
        more = len(self.problems) - len(lines)
        if more > 0:
            lines.append(f"... en nog {more} andere {'fout' if more == 1 else 'fouten'}")
        count = len(self.problems)
        return (
            f"Het bestand '{self.path}' is niet ingelezen "
            f"({count} {'fout' if count == 1 else 'fouten'}); "
            "er is niets opgeslagen. Verbeter het bestand en probeer opnieuw:\n- "
            + "\n- ".join(lines)
        )


class AreaNotFoundError(WijktoolsError):
    """An unknown area code or name; the message suggests the closest names."""


class DataMissingError(WijktoolsError):
    """Shipped or fetched open data is absent or unusable."""


class FetchError(WijktoolsError):
    """Fetching fresh open data failed (often: no internet connection)."""


class StoreError(WijktoolsError):
    """The workshop store cannot be opened or written."""


class ValidationError(WijktoolsError):
    """A value entered in a form or import is not valid."""


class RecordInvalid(ValidationError):
    """A form or file row with one or more invalid fields; `problems` maps field -> Dutch message.

    `labels` maps a field to the column header the user sees (the ketenpartner columns).
    """

    def __init__(self, problems: dict[str, str], labels: Mapping[str, str] | None = None) -> None:
        super().__init__(problems, labels)
        self.problems, self.labels = problems, labels or {}

    def __str__(self) -> str:
        lines = "; ".join(f"{self.labels.get(k, k)}: {v}" for k, v in self.problems.items())
        return f"Niet opgeslagen. {lines}"


class AlreadyVotedError(ValidationError):
    """A device tried to vote twice in one round."""


class RoundClosedError(ValidationError):
    """The round the form was made for is no longer open."""


class ExportError(WijktoolsError):
    """An export could not be written."""


class BatchError(WijktoolsError):
    """Some areas failed; the exit code must say so after the others were done."""


class MissingExtraError(WijktoolsError):
    """An optional part is used without its extra installed; the message names the pip command."""

    def __init__(self, extra: str, feature: str) -> None:
        super().__init__(extra, feature)
        self.extra, self.feature = extra, feature

    def __str__(self) -> str:
        return (
            f"Voor {self.feature} is een onderdeel nodig dat niet is geïnstalleerd. Installeer het "
            f'met: pip install "wijktools[{self.extra}]"'
        )


class DuplicatesFound(ValidationError):
    """An import held likely duplicate organisations and no choice was given: nothing was stored.

    `pairs` are `network.duplicates.DuplicatePair`s (anything with `describe()` -> a Dutch line).
    """

    def __init__(self, path: str, pairs: list[Any]) -> None:
        super().__init__(str(path), pairs)
        self.path, self.pairs = str(path), pairs

    def __str__(self) -> str:
        lines = "\n- ".join(p.describe() for p in self.pairs)
        return (
            f"Het bestand '{self.path}' is niet ingelezen: {len(self.pairs)} mogelijke dubbele "
            f"organisatie(s); er is niets opgeslagen.\n- {lines}\n"
            "Kies wat er moet gebeuren met --duplicaten samenvoegen (gegevens uit het bestand "
            "aanvullen bij de bestaande organisatie), --duplicaten overslaan (de rij niet inlezen) "
            "of --duplicaten toevoegen (als nieuwe organisatie toevoegen), of pas de naam in het "
            "bestand aan."
        )


class AlreadyProposedError(ValidationError):
    """This device already sent a reaction for this organisation of the sociale kaart."""


class DeviceBoundError(ValidationError):
    """This device belongs to another organisation, or the organisation to another device."""
