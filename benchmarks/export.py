"""Time the export: assemble once, then each renderer, on the fictional Joure demo session."""

import tempfile
import time
from pathlib import Path

from wijktools import export
from wijktools.demo.workshop import session_or_demo
from wijktools.report import assemble as report
from wijktools.store import connection as store


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        conn = store.connect(Path(tmp) / "db.sqlite")
        sid = session_or_demo(conn, 0)
        t0 = time.perf_counter()
        prepared = export.prepare(conn, sid)
        print(f"prepare (profiel + figuren + store): {time.perf_counter() - t0:.2f} s")
        t0 = time.perf_counter()
        report.assemble(conn, sid, profile={})
        print(f"assemble zonder profiel: {time.perf_counter() - t0:.2f} s")
        for fmt in export.ALL_FORMATS:
            t0 = time.perf_counter()
            written = export.write(prepared, fmt, Path(tmp) / "uit")
            size = written[fmt].stat().st_size / 1024
            print(f"{fmt:7s} {time.perf_counter() - t0:6.2f} s  {size:8.0f} kB")
        conn.close()


if __name__ == "__main__":
    main()
