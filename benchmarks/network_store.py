"""Costs of the sociale-kaart path a facilitator feels: one saved entry, one file import, one map."""

import tempfile
import time
from pathlib import Path

from wijktools import network
from wijktools.figures import network as network_figure
from wijktools.store import connection as store
from wijktools.workshop.sessions import create_session


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        conn = store.connect(Path(folder) / "bench.sqlite")
        sid = create_session(conn, "Bench", "WK194019")
        n = 300
        start = time.perf_counter()
        for i in range(n):
            network.add_partner(
                conn,
                sid,
                {
                    "organisatie": f"Partner {i}",
                    "discipline": "welzijn",
                    "telefoon": "0513-123456",
                    "postcode": "8501AB",
                    "werkdagen": "ma t/m vr",
                    "laatst_gecontroleerd": "1-3-2026",
                },
            )
        per_entry = (time.perf_counter() - start) / n * 1000
        print(
            f"add_partner (validate + commit + history): {per_entry:.2f} ms per entry ({n} entries)"
        )

        path = Path(folder) / "kaart.xlsx"
        network.export_partners(conn, sid, path)
        other = create_session(conn, "Bench 2", "WK194019")
        start = time.perf_counter()
        network.import_partners(conn, other, path)
        print(
            f"import_partners of {n} rows (.xlsx, one transaction): "
            f"{time.perf_counter() - start:.2f} s"
        )

        demo = network.load_demo(conn)
        start = time.perf_counter()
        network_figure.png(conn, demo)
        print(
            f"netwerkkaart PNG of the demo (18 partners, 12 relations): "
            f"{time.perf_counter() - start:.2f} s"
        )


if __name__ == "__main__":
    main()
