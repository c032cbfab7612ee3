"""CPU time per figure of a six-format session export (fictional Joure demo session).

Collects every figure the export renders (report, Word, slides) by wrapping `theme.to_png` and
`theme.to_svg` while the report and the deck are built, then renders each collected figure again,
each a fresh copy, several times in this one thread, and prints the median CPU time per figure.

    python benchmarks/export_figures.py [herhalingen]
"""

import copy
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

from wijktools.figures import theme

_png, _svg = theme.to_png, theme.to_svg
collected: list[tuple[str, str, object, dict, dict]] = []


def _caller() -> str:
    """The wijktools function that asked for the image (module.function, and the figure's name)."""
    frame = sys._getframe(2)
    while frame is not None:
        code = frame.f_code
        if "wijktools" in code.co_filename and not code.co_filename.endswith("theme.py"):
            name = frame.f_locals.get("name")
            named = f" {name}" if isinstance(name, str) else ""
            return f"{Path(code.co_filename).stem}.{code.co_name}{named}"
        frame = frame.f_back
    return "?"


def _keep(kind: str, fig: object, kwargs: dict) -> None:
    rc = {k: v for k, v in matplotlib.rcParams.items() if not k.startswith("backend")}
    collected.append((kind, _caller(), copy.deepcopy(fig), rc, kwargs))


def to_png(fig: object, dpi: int = 150) -> bytes:
    _keep("png", fig, {"dpi": dpi})
    return _png(fig, dpi=dpi)


def to_svg(fig: object, text_as_paths: bool = False) -> bytes:
    _keep("svg", fig, {"text_as_paths": text_as_paths})
    return _svg(fig, text_as_paths=text_as_paths)


# Before the figure modules import the names (figures.survey imports to_png itself).
theme.to_png, theme.to_svg = to_png, to_svg


def collect() -> None:
    from wijktools import export
    from wijktools.demo.workshop import session_or_demo
    from wijktools.store import connection as store

    with tempfile.TemporaryDirectory() as tmp:
        conn = store.connect(Path(tmp) / "db.sqlite")
        sid = session_or_demo(conn, 0)
        report = export.prepare(conn, sid)
        export.write(report, "slides,pptx", Path(tmp) / "uit")
        conn.close()


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    collect()
    times: list[list[float]] = [[] for _ in collected]
    sizes: list[str] = [""] * len(collected)
    for _ in range(repeats):
        for i, (kind, _who, data, rc, kwargs) in enumerate(collected):
            fig = copy.deepcopy(data)  # a fresh figure: no layout or text cached
            with matplotlib.rc_context(rc):
                start = time.process_time()
                out = (_png if kind == "png" else _svg)(fig, **kwargs)
                times[i].append(time.process_time() - start)
            if kind == "png":
                from PIL import Image

                width, height = Image.open(io.BytesIO(out)).size
                sizes[i] = f"{width}x{height} px {len(out) // 1024} kB"
            else:
                sizes[i] = f"{len(out) // 1024} kB"
    total = 0.0
    for (kind, who, _data, _rc, kwargs), spent, size in zip(collected, times, sizes, strict=True):
        median = statistics.median(spent)
        total += median
        arg = ", ".join(f"{k}={v}" for k, v in kwargs.items())
        print(f"{kind} {who:40s} {arg:20s} {median * 1000:7.0f} ms  {size}")
    print(f"totaal {len(collected)} figuren: {total:.2f} s CPU (mediaan van {repeats})")


if __name__ == "__main__":
    main()
