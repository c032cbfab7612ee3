"""The batch folder's index.html: every area with a link and a few key figures, sortable, offline.

A run over every area of the country (`--alle-gebieden`, folders <gemeente>/<code>/) streams its
index instead (`IndexStream`): index.csv gets a row per area as it finishes, each gemeente folder
its own index.html once its last area is done, and the top index.html lists the 342 gemeenten.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from wijktools import __version__
from wijktools.batch.results import AreaResult, BatchResult
from wijktools.batch.selection import Target
from wijktools.batch.tasks import KEY_FIGURES
from wijktools.paths import write_text_atomic
from wijktools.render.env import render

INDEX = "index.html"
_STATUS = {"klaar": "gemaakt", "actueel": "al actueel", "mislukt": "mislukt"}
# The page an area's link opens, in order of preference (fast path, then notebook path).
_MAIN_FILES = ("wijkprofiel.html", "01-wijkprofiel.html")


CSV_INDEX = "index.csv"
CSV_COLUMNS = ("code", "naam", "soort", "gemeente", "inwoners", "status", "opmerking", "pagina")
_LEVEL = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}


def _href(result: AreaResult, base: str = "") -> str:
    """Link to the area's page, relative to the folder `base` of the index that shows it."""
    files = set(result.files)
    main = next((name for name in _MAIN_FILES if name in files), None)
    if main is None:
        main = next((name for name in sorted(files) if name.endswith(".html")), None)
    folder = result.target.folder.removeprefix(f"{base}/") if base else result.target.folder
    return "" if main is None else f"{quote(folder)}/{quote(main)}"


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def rows(result: BatchResult) -> list[dict[str, object]]:
    """Plain rows for the template; a failed area shows its reason instead of a link."""
    return area_rows(result.results)


def area_rows(results: Sequence[AreaResult], base: str = "") -> list[dict[str, object]]:
    """One template row per area; a thin profile (no inwoners, no RIVM) says why beside its status."""
    out = []
    for item in results:
        figures = item.figures or {}
        status_text = _STATUS[item.status]
        if item.status == "mislukt":
            status_text = f"mislukt: {item.reason}"
        elif figures.get("opmerking"):
            status_text = f"{status_text}; {figures['opmerking']}"
        out.append(
            {
                "name": str(figures.get("naam") or item.target.name),
                "code": item.target.key,
                "gemeente": str(figures.get("gemeente") or ""),
                "inwoners": _number(figures.get("inwoners")),
                "cijfers": [_number(figures.get(title)) for title, _, _ in KEY_FIGURES],
                "href": "" if item.status == "mislukt" else _href(item, base),
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


class IndexStream:
    """The index of a run over many gemeenten, written while the run goes; memory stays flat.

    Rows go to index.csv as areas finish; a gemeente's own index.html is written as soon as its
    last area is in (the engine hands out areas gemeente by gemeente), then its rows are dropped.
    `close()` renames index.csv into place and writes the top index.html over the gemeenten.
    """

    def __init__(self, out_dir: Path, targets: Sequence[Target], title: str) -> None:
        self.out_dir, self.title = Path(out_dir), title
        self._expected = Counter(t.group for t in targets)
        self._names: dict[str, str] = {}
        self._open: dict[str, list[AreaResult]] = {}
        self._gemeenten: dict[str, dict[str, object]] = {}
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._csv_tmp = self.out_dir / f".{CSV_INDEX}.tmp"
        self._csv_file = self._csv_tmp.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file, delimiter=";")
        self._csv.writerow(CSV_COLUMNS)

    def add(self, item: AreaResult) -> None:
        """One finished area: a CSV row now; its gemeente's page when that gemeente is complete."""
        figures = item.figures or {}
        group = item.target.group
        row = area_rows([item])[0]
        self._csv.writerow(
            [
                row["code"],
                row["name"],
                _LEVEL.get(item.target.key[:2], ""),
                row["gemeente"],
                "" if row["inwoners"] is None else int(row["inwoners"]),
                _STATUS[item.status],
                item.reason if item.status == "mislukt" else figures.get("opmerking", ""),
                row["href"],
            ]
        )
        if item.target.key == group and figures.get("naam"):
            self._names[group] = str(figures["naam"])
        elif figures.get("gemeente"):
            self._names.setdefault(group, str(figures["gemeente"]))
        pending = self._open.setdefault(group, [])
        pending.append(item)
        if len(pending) == self._expected[group]:
            self._write_gemeente(group, self._open.pop(group))

    def _write_gemeente(self, group: str, results: list[AreaResult]) -> None:
        order = {"GM": 0, "WK": 1, "BU": 2}
        results.sort(key=lambda r: (order.get(r.target.key[:2], 3), r.target.key))
        table = area_rows(results, base=group)
        counts = {"totaal": len(table)}
        counts.update({status: sum(r["status"] == status for r in table) for status in _STATUS})
        name = self._names.get(group, group)
        html = render(
            "batch/index.html.j2",
            title=f"{self.title}: gemeente {name} ({group})",
            rows=table,
            columns=[title_ for title_, _, _ in KEY_FIGURES],
            counts=counts,
            version=__version__,
        )
        write_text_atomic(self.out_dir / group / INDEX, html)
        self._gemeenten[group] = {"code": group, "naam": name, "href": f"{quote(group)}/{INDEX}"}
        self._gemeenten[group].update(counts)

    def close(self) -> Path:
        """Finish index.csv and write the top index.html; returns its path."""
        for group in list(self._open):  # only when the run stopped early
            self._write_gemeente(group, self._open.pop(group))
        self._csv_file.close()
        os.replace(self._csv_tmp, self.out_dir / CSV_INDEX)
        gemeenten = sorted(self._gemeenten.values(), key=lambda g: str(g["naam"]))
        counts = {"totaal": sum(int(g["totaal"]) for g in gemeenten)}
        counts.update({s: sum(int(g[s]) for g in gemeenten) for s in _STATUS})
        html = render(
            "batch/gemeenten.html.j2",
            title=self.title,
            gemeenten=gemeenten,
            counts=counts,
            csv=CSV_INDEX,
            version=__version__,
        )
        return write_text_atomic(self.out_dir / INDEX, html)
