"""Wall time of importing a 50,000-row sociale kaart and a 50,000-row paper-votes file (FICTIEF data).

Run: .venv/bin/python benchmarks/import_large.py [rows]
Prints read+validate time, write-transaction time and the whole import, per file.
"""

import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package

from wijktools.network import io as network_io
from wijktools.network.partners import HEADERS
from wijktools.store import connection as store
from wijktools.workshop import votes_import

DISCIPLINES = ("huisarts", "apotheek", "fysiotherapie", "wijkverpleging", "welzijn")


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _timed_transactions(conn) -> list[float]:
    """Wrap store.transaction to measure how long the write lock is held."""
    held: list[float] = []
    original = store.transaction

    import contextlib

    @contextlib.contextmanager
    def timed(c):
        outer = not c.in_transaction
        start = time.perf_counter()
        with original(c) as inner:
            yield inner
        if outer:
            held.append(time.perf_counter() - start)

    store.transaction = timed
    return held


def main(rows: int = 50_000) -> None:
    folder = Path(tempfile.mkdtemp())
    conn = store.connect(folder / "bench.sqlite")
    sid = store.insert(conn, "sessions", {"name": "bench (FICTIEF)", "area_code": "WK026200"})
    header = HEADERS
    partner_rows = []
    for i in range(rows):
        row = dict.fromkeys(header, "")
        row.update(
            {
                "Organisatie": f"Praktijk {i} (FICTIEF)",
                "Discipline": DISCIPLINES[i % len(DISCIPLINES)],
                "Werkdagen": "ma, di, do",
                "Opnamestop": "nee",
                "Telefoon": "0513-123456",
                "E-mail": f"info{i}@voorbeeld.example",
                "Postcode": "8501 AB",
            }
        )
        partner_rows.append([row[h] for h in header])
    partners = _write(folder / "sociale_kaart.csv", header, partner_rows)
    votes = _write(
        folder / "stemmen.csv",
        ["Knelpunt", "Stemmen", "Ronde"],
        [[f"Knelpunt {i} (FICTIEF)", str(i % 9), "1"] for i in range(rows)],
    )
    held = _timed_transactions(conn)
    for label, run in (
        ("sociale kaart", lambda: network_io.import_partners(conn, sid, partners)),
        ("stemmen", lambda: votes_import.import_paper_votes(conn, sid, votes)),
    ):
        held.clear()
        start, cpu = time.perf_counter(), time.process_time()
        result = run()
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"{label}: {rows} rijen in {total:.1f} s wandtijd, {cpu:.1f} s CPU "
            f"(schrijftransactie {max(held):.2f} s wandtijd); {result}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
