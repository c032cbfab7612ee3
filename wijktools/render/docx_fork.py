"""Word written by a forked copy of the exporting process, beside the export's own work (Linux).

The copy is made as soon as the Profile is built. It shares everything the export has loaded (no
second start-up, unlike the PDF process), draws the profile's figures as PNG while the export
assembles the report, then gets the report and writes the document; the export meanwhile draws the
deck and writes the other formats. Where fork is not the platform's way (Windows, macOS) Word is
rendered in the exporting process, as in a notebook.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from wijktools.errors import ExportError, WijktoolsError
from wijktools.processes import fork_is_safe

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from wijktools.profile.model import Profile
    from wijktools.render.pdf import PdfProcess
    from wijktools.report.model import Report


class DocxFork:
    """The Word document from a forked copy; its errors read as in one process.

    `inherited`: file descriptors the copy must close at once, such as the PDF process's pipes
    (that process sees the end of its input only when no copy of the pipe stays open).
    """

    def __init__(self, profile: Profile, inherited: Iterable[int] = ()) -> None:
        for stream in (sys.stdout, sys.stderr):  # the copy must not print this process's buffer
            stream.flush()
        context = multiprocessing.get_context("fork")
        self._conn, child_end = context.Pipe()
        self._proc = context.Process(
            target=_serve,
            args=(profile, child_end, self._conn, tuple(inherited)),
            daemon=True,
        )
        self._proc.start()
        child_end.close()
        self._feeder: threading.Thread | None = None

    def start(self, report: Report) -> None:
        """Write the document now (the sections must be final); returns at once."""
        data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)  # the report as it is now
        # A thread sends it: the copy takes it only when its figures are drawn.
        self._feeder = threading.Thread(target=self._send, args=(data,), daemon=True)
        self._feeder.start()

    def _send(self, data: bytes) -> None:
        with suppress(OSError):  # the copy is gone; result() says so
            self._conn.send_bytes(data)

    def result(self, report: Report) -> bytes:
        """The .docx bytes; an ExportError with the Dutch reason when it could not be made."""
        if self._feeder is None:
            self.start(report)
        assert self._feeder is not None
        try:
            kind, answer = self._conn.recv()
        except (EOFError, OSError):
            self._proc.join()
            raise ExportError(
                "Het Word-rapport kon niet worden gemaakt: het Word-proces stopte onverwacht "
                f"(code {self._proc.exitcode}). Probeer de export opnieuw."
            ) from None
        finally:
            self._feeder.join()
        if kind == "fout":
            raise ExportError(answer)
        return answer

    def close(self) -> None:
        """Stop the copy when it still works (the export failed elsewhere: its file is not wanted)."""
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
        self._conn.close()


def _serve(
    profile: Profile, conn: Connection, parent_end: Connection, inherited: tuple[int, ...]
) -> None:
    """In the copy: the profile's PNGs first, then the report, then the document's bytes."""
    parent_end.close()
    for fd in inherited:
        os.close(fd)
    from wijktools.render.docx import render_docx
    from wijktools.report.profile import profile_pngs

    try:
        drawn = profile_pngs(profile)
        report: Report = pickle.loads(conn.recv_bytes())
        profiel = report.section("profiel")
        for figure in profiel.figures if profiel is not None else []:
            figure.png = figure.png or drawn.get(figure.name, b"")
        conn.send(("ok", render_docx(report)))
    except EOFError:  # the export stopped before its report was ready
        return
    except WijktoolsError as exc:
        conn.send(("fout", str(exc)))


class _LaterFork:
    """Holds the Word fork, made once the Profile is built (`begin`); None until then or at all."""

    def __init__(self, wanted: bool, inherited: tuple[int, ...]) -> None:
        self.wanted, self.inherited = wanted, inherited
        self.worker: DocxFork | None = None

    def begin(self, profile: object) -> None:
        if self.wanted and self.worker is None and hasattr(profile, "indicatoren"):
            try:
                self.worker = DocxFork(profile, self.inherited)  # type: ignore[arg-type]
            except OSError:  # no fork allowed here: Word is rendered in this process
                self.worker = None


@contextmanager
def docx_fork(formats: Iterable[str], pdf: PdfProcess | None) -> Iterator[_LaterFork]:
    """Word from a forked copy when Word is among the formats and forking is safe here (Linux)."""
    inherited = pdf.pipes() if pdf is not None else ()
    later = _LaterFork("docx" in formats and fork_is_safe(), inherited)
    try:
        yield later
    finally:
        if later.worker is not None:
            later.worker.close()
