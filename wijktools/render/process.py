"""A slow format rendered in a second Python process: `python -m wijktools.render.process FORMAT`.

An export (wijktools.export.FormatProcess) starts one per slow format before it assembles the
report. The process imports what its format needs meanwhile: WeasyPrint for the PDF; matplotlib
and python-docx for Word, whose figures it draws as soon as the export sends the Profile. Then it
reads the pickled Report on stdin (nothing: the export stopped first) and answers on stdout with
"OK", a newline and the file's bytes, or "FOUT", a newline and the Dutch message of the
WijktoolsError. It unpickles only what its own parent wrote.
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


def begin(fmt: str, profile: object) -> dict[str, bytes]:
    """What a format can make from the Profile alone, before the report comes: Word's PNGs."""
    from wijktools.report.profile import is_profile, profile_pngs

    if fmt == "docx" and is_profile(profile):
        return profile_pngs(profile)  # type: ignore[arg-type]
    return {}


def render(fmt: str, report: Report, drawn: dict[str, bytes] | None = None) -> bytes:
    """The format's bytes, as `wijktools.export.write` makes them in one process."""
    if fmt == "pdf":
        from wijktools.render.pdf import render_pdf

        return render_pdf(report)
    from wijktools.render.docx import render_docx

    profiel = report.section("profiel")
    for figure in profiel.figures if profiel is not None and drawn else []:
        figure.png = figure.png or drawn.get(figure.name, b"")  # type: ignore[union-attr]
    return render_docx(report)


def main(argv: list[str] | None = None) -> int:
    """Serve one file: pickled objects in on stdin until the Report, the answer out on stdout."""
    fmt = (sys.argv[1:] if argv is None else argv)[0]
    answer_to = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever a library prints cannot garble the answer
    try:
        prepare(fmt)  # now, while the export assembles its report
        failed = None
    except WijktoolsError as exc:
        failed = exc
    from wijktools.report.model import Report

    drawn: dict[str, bytes] = {}
    try:
        while not isinstance(received := pickle.load(sys.stdin.buffer), Report):
            if failed is None:
                drawn.update(begin(fmt, received))  # the Profile, sent as soon as it was built
        if failed is not None:
            raise failed
        answer = ANSWER_OK + render(fmt, received, drawn)
    except EOFError:  # the export stopped before its report was ready
        return 0
    except WijktoolsError as exc:
        answer = ANSWER_ERROR + str(exc).encode("utf-8")
    answer_to.write(answer)
    answer_to.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
