"""Prints how long deduce takes: import, loading (or first building) its lookup cache, one answer.

Run from the repository: .venv/bin/python benchmarks/deidentify_load.py [--bouw]
--bouw builds the cache anew in a temporary folder (the first-use cost on a new machine).
For whole-process figures, time `wijktools enquete ...` with and without an empty XDG_CACHE_HOME.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    """Print the figures in seconds."""
    start = time.perf_counter()
    from wijktools.survey import deidentify

    deidentify._import_deduce()

    print(f"import deduce: {time.perf_counter() - start:.1f} s")
    if "--bouw" in sys.argv:
        tmp = tempfile.mkdtemp()
        deidentify.cache_dir = lambda: Path(tmp) / "deduce"  # type: ignore[assignment]
        start = time.perf_counter()
        deidentify._engine()
        print(
            f"opzoekstructuren bouwen en laden (eerste gebruik): {time.perf_counter() - start:.1f} s"
        )
        deidentify._engine.cache_clear()
    start = time.perf_counter()
    deidentify.deidentify(["Bel J. de Vries op 06-12345678."])
    print(f"laden uit de cache {deidentify.cache_dir()}: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    result = deidentify.deidentify(
        ["Mevrouw A. Bakker, Midstraat 12, mail a.bakker@example.nl"] * 50
    )
    print(f"50 antwoorden: {time.perf_counter() - start:.2f} s ({result.total} vervangingen)")


if __name__ == "__main__":
    main()
