"""The batch folder's index.html: every area with a link and a few key figures, sortable, offline."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from wijktools import __version__
from wijktools.batch.results import AreaResult, BatchResult
from wijktools.batch.tasks import KEY_FIGURES
from wijktools.paths import write_text_atomic
from wijktools.render.env import render

INDEX = "index.html"
_STATUS = {"klaar": "gemaakt", "actueel": "al actueel", "mislukt": "mislukt"}
# The page an area's link opens, in order of preference (fast path, then notebook path).
_MAIN_FILES = ("wijkprofiel.html", "01-wijkprofiel.html")


def _href(result: AreaResult) -> str:
    files = set(result.files)
    main = next((name for name in _MAIN_FILES if name in files), None)
    if main is None:
        main = next((name for name in sorted(files) if name.endswith(".html")), None)
    return "" if main is None else f"{quote(result.target.folder)}/{quote(main)}"


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def rows(result: BatchResult) -> list[dict[str, object]]:
    """Plain rows for the template; a failed area shows its reason instead of a link."""
    out = []
    for item in result.results:
        figures = item.figures or {}
        status_text = _STATUS[item.status]
        if item.status == "mislukt":
            status_text = f"mislukt: {item.reason}"
        out.append(
            {
                "name": str(figures.get("naam") or item.target.name),
                "code": item.target.key,
                "gemeente": str(figures.get("gemeente") or ""),
                "inwoners": _number(figures.get("inwoners")),
                "cijfers": [_number(figures.get(title)) for title, _, _ in KEY_FIGURES],
                "href": "" if item.status == "mislukt" else _href(item),
                "status": item.status,
                "status_text": status_text,
            }
        )
    return out


def write(result: BatchResult, title: str = "Batch") -> Path:
    """Render index.html into the batch folder (atomically) and return its path."""
    table = rows(result)
    counts = {"totaal": len(table)}
    counts.update({status: sum(r["status"] == status for r in table) for status in _STATUS})
    html = render(
        "batch/index.html.j2",
        title=title,
        rows=table,
        columns=[title_ for title_, _, _ in KEY_FIGURES],
        counts=counts,
        version=__version__,
    )
    return write_text_atomic(result.out_dir / INDEX, html)
