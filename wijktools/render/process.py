"""A slow format rendered in a second Python process: `python -m wijktools.render.process FORMAT`.

An export (wijktools.export.FormatProcess) starts one per slow format before it assembles the
report. The process imports what its format needs meanwhile: WeasyPrint for the PDF; matplotlib
and python-docx for Word, whose figures it draws. Then it reads the pickled Report on stdin once
(nothing: the export stopped first) and answers on stdout with "OK", a newline and the file's
bytes, or "FOUT", a newline and the Dutch message of the WijktoolsError. It unpickles only what
its own parent wrote.
"""

from __future__ import annotations

import importlib
import pickle
import sys
from typing import TYPE_CHECKING

from wijktools.errors import ExportError, WijktoolsError

if TYPE_CHECKING:
    from wijktools.report.model import Report

ANSWER_OK, ANSWER_ERROR = b"OK\n", b"FOUT\n"


# What each format imports when it renders, loaded before its report arrives. Word draws the
# profile's figures: matplotlib, Pillow and geopandas (the map); the Profile's own classes unpickle.
MODULES = {
    "pdf": ("wijktools.render.report_html",),
    "docx": (
        "wijktools.render.docx",
        "wijktools.profile.build",
        "wijktools.figures.render",
        "matplotlib.figure",
        "matplotlib.backends.backend_agg",
        "PIL.Image",
        "geopandas",
    ),
}


def prepare(fmt: str) -> None:
    """Import what the format needs (a missing Pango for the PDF says so in Dutch)."""
    if fmt not in MODULES:
        raise ExportError(f"Onbekend formaat voor een tweede proces: {fmt}.")
    if fmt == "pdf":
        from wijktools.render.pdf import load_weasyprint

        load_weasyprint()
    for name in MODULES[fmt]:
        importlib.import_module(name)


def render(fmt: str, report: Report) -> bytes:
    """The format's bytes, as `wijktools.export.write` makes them in one process."""
    if fmt == "pdf":
        from wijktools.render.pdf import render_pdf

        return render_pdf(report)
    from wijktools.render.docx import render_docx

    return render_docx(report)


def main(argv: list[str] | None = None) -> int:
    """Serve one file: the pickled Report in on stdin, the answer out on stdout."""
    fmt = (sys.argv[1:] if argv is None else argv)[0]
    answer_to = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever a library prints cannot garble the answer
    try:
        prepare(fmt)  # now, while the export assembles its report
        failed = None
    except WijktoolsError as exc:
        failed = exc
    data = sys.stdin.buffer.read()
    if not data:  # the export stopped before its report was ready
        return 0
    try:
        if failed is not None:
            raise failed
        answer = ANSWER_OK + render(fmt, pickle.loads(data))
    except WijktoolsError as exc:
        answer = ANSWER_ERROR + str(exc).encode("utf-8")
    answer_to.write(answer)
    answer_to.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
