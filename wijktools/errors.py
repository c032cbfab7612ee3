"""One exception hierarchy; str() of every error is the Dutch message a user can act on."""

from __future__ import annotations


class WijktoolsError(Exception):
    """Root of every error a user can fix; str() is the Dutch message."""

    def __init__(self, message: str, *args: object) -> None:
        super().__init__(message, *args)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DataFileError(WijktoolsError):
    """Bad input must name its place (file, row, column), or users cannot fix it."""

    def __init__(
        self, path: str, hint: str, row: int | None = None, column: str | None = None
    ) -> None:
        super().__init__(hint, path, row, column)
        self.path, self.hint, self.row, self.column = str(path), hint, row, column
        self.args = (path, hint, row, column)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return (type(self), (self.path, self.hint, self.row, self.column))

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
        from wijktools.nl import plural

        lines = [str(p) for p in problems[:20]]
        more = len(problems) - len(lines)
        if more > 0:
            lines.append(f"... en nog {plural(more, 'andere fout', 'andere fouten')}")
        message = (
            f"Het bestand '{path}' is niet ingelezen ({plural(len(problems), 'fout', 'fouten')}); "
            "er is niets opgeslagen. Verbeter het bestand en probeer opnieuw:\n- "
            + "\n- ".join(lines)
        )
        super().__init__(message, path, problems)
        self.path, self.problems = str(path), problems

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return (type(self), (self.path, self.problems))


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


class ExportError(WijktoolsError):
    """An export could not be written."""
