"""What a worker does for one area: the fast profile path, the notebook path, and the index figures.

Every function here is a plain module-level function so a process pool or a Dask worker can pickle
it; data is loaded at most once per worker process (`warm`, module-level caches).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import resource
from collections.abc import Callable, Sequence
from pathlib import Path

from wijktools.batch.selection import Target
from wijktools.errors import ExportError
from wijktools.paths import notebooks_dir, write_text_atomic

AreaFn = Callable[[Target, Path], Sequence[Path]]
NOTEBOOK = "01-wijkprofiel.ipynb"
# Headline figures on the index page: (column title, indicator key, age group).
KEY_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("65+ (%)", "aandeel_65_plus", ""),
    ("Ervaren gezondheid goed (%)", "ErvarenGezondheidGoedZeerGoed", "18+"),
    ("Langdurige aandoening 65+ (%)", "EenOfMeerLangdurigeAandoeningen", "65+"),
)


def warm(examples: Sequence[str] = ()) -> None:
    """Process-pool initializer: load the open data once per worker, not once per area.

    `examples` (one code per level of the run) also fill what a profile of that level computes
    once per process: the rankings among all areas of the level, the peer matrix, the wijk map.
    With fork the parent does this once and every worker inherits it.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    from wijktools.opendata import areas, indicators

    areas.table()
    indicators.load()
    if examples:
        from wijktools.profile import build as profile
        from wijktools.render.profile_html import render_profile

        for code in examples:
            render_profile(profile.build(areas.lookup(code)), with_figures=True)


def warm_for(targets: Sequence[Target]) -> Callable[[], None]:
    """The initializer for these targets: `warm` with one example per level (picklable)."""
    examples: dict[str, str] = {}
    for target in targets:
        if not target.is_kern and target.key[:2] in ("GM", "WK", "BU"):
            examples.setdefault(target.key[:2], target.key)
    return functools.partial(warm, tuple(examples.values()))


def resolve(target: Target) -> object:
    """The `areas.Area` for a target; a kern is built from its member codes."""
    from wijktools.opendata import areas

    if target.is_kern:
        return areas.kern(target.name, target.members)
    return areas.lookup(target.key)


def build_profile(target: Target, out_dir: Path) -> list[Path]:
    """Fast path: exactly what `wijktools profiel CODE --uit DIR` does, without a kernel per area."""
    from wijktools.profile import build as profile
    from wijktools.render.profile_html import write_outputs

    area = resolve(target)
    return list(write_outputs(profile.build(area), out_dir))


def build_profile_without_figures(target: Target, out_dir: Path) -> list[Path]:
    """Fastest path: the same profile without matplotlib figures (`write_outputs(with_figures=False)`)."""
    from wijktools.profile import build as profile
    from wijktools.render.profile_html import write_outputs

    area = resolve(target)
    return list(write_outputs(profile.build(area), out_dir, with_figures=False))


def run_notebook(target: Target, out_dir: Path, notebook: Path | None = None) -> list[Path]:
    """Notebook path: execute 01-wijkprofiel.ipynb with papermill and keep it plus its HTML."""
    import papermill
    from nbconvert import HTMLExporter

    source = Path(notebook) if notebook is not None else notebooks_dir() / NOTEBOOK
    if not source.exists():
        raise ExportError(f"Het notebook '{source}' ontbreekt; het notebookpad kan niet draaien.")
    out_dir.mkdir(parents=True, exist_ok=True)
    # papermill warns for every parameter comment it cannot parse; per area that drowns the progress bar
    logging.getLogger("papermill").setLevel(logging.ERROR)
    executed = out_dir / NOTEBOOK
    tmp = out_dir / f".{NOTEBOOK}.tmp.ipynb"
    try:
        papermill.execute_notebook(
            str(source),
            str(tmp),
            parameters=target.parameters,
            progress_bar=False,
            cwd=str(source.parent),
            kernel_name="python3",
        )
        body, _ = HTMLExporter(sanitize_html=True).from_filename(str(tmp))
        os.replace(tmp, executed)
    except papermill.PapermillExecutionError as exc:
        raise ExportError(
            f"het notebook stopte in cel {exc.exec_count} voor '{target.key}': "
            f"{exc.ename}: {exc.evalue}"
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return [executed, write_text_atomic(executed.with_suffix(".html"), body)]


def key_figures(target: Target) -> dict[str, object]:
    """Name, gemeente, inwoners and a few shares for the index page (None where data has none)."""
    from wijktools.opendata import indicators

    area = resolve(target)
    figures: dict[str, object] = {
        "naam": area.name,
        "gemeente": area.gemeente_name or "",
        "inwoners": area.inwoners,
    }
    latest = indicators.latest(area)
    for title, key, age in KEY_FIGURES:
        rows = latest[(latest["key"] == key) & (latest["age_group"] == age)]
        figures[title] = None if rows.empty else round(float(rows["value"].iloc[-1]), 1)
    figures["opmerking"] = data_note(area, latest)
    return figures


def data_note(area: object, latest: object) -> str:
    """Why an area's profile is thin, for the index ('' when it has CBS and RIVM figures).

    Such areas still get their profile (it shows what there is, with the reasons); the index says
    it so nobody takes the empty bars for a failure.
    """
    from wijktools.opendata import indicators

    if area.inwoners == 0:
        return "geen inwoners volgens CBS: het profiel toont alleen gemeente en Nederland"
    if not latest["age_group"].ne("").any():
        reason = indicators.missing_reason(area, KEY_FIGURES[1][1], KEY_FIGURES[1][2])
        return f"geen RIVM-gezondheidscijfers: {reason}"
    return ""


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children: fair on a busy machine, unlike wall time."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_kb() -> int:
    """Peak resident memory of this worker process (Linux reports kB)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def open_figures() -> int:
    """Figures left open in pyplot; must stay 0 or memory grows with every area."""
    import sys

    if "matplotlib.pyplot" not in sys.modules:
        return 0
    import matplotlib.pyplot as plt

    return len(plt.get_fignums())
