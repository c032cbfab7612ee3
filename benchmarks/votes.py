"""How long counting and drawing take for a large workshop (40 participants, 15 knelpunten, 3 rounds)."""

import tempfile
import time
from pathlib import Path

from wijktools.figures import theme
from wijktools.figures import votes as figures_votes
from wijktools.store import connection as store
from wijktools.workshop import knelpunten, priorities


def main():
    conn = store.connect(Path(tempfile.mkdtemp()) / "bench.sqlite")
    sid = store.insert(conn, "sessions", {"name": "bench", "area_code": "WK0"})
    ids = [knelpunten.add_knelpunt(conn, sid, f"Knelpunt {i}") for i in range(15)]
    start = time.perf_counter()
    for n in range(2):
        rid = priorities.open_round(conn, sid, "dots", 5)
        for p in range(40):
            priorities.cast_dots(
                conn, rid, f"deelnemer {p}", {ids[(p + k + n) % 15]: 1 for k in range(5)}
            )
    mid = priorities.open_round(conn, sid, "matrix")
    for p in range(40):
        priorities.cast_scores(
            conn, mid, f"deelnemer {p}", {k: (1 + p % 5, 1 + (p + k) % 5) for k in ids}
        )
    cast = time.perf_counter() - start
    start = time.perf_counter()
    results = priorities.session_results(conn, sid)
    count = time.perf_counter() - start
    start = time.perf_counter()
    theme.to_png(figures_votes.ranking_figure(results[1], results[0]))
    theme.to_png(figures_votes.matrix_figure(results[2]))
    draw = time.perf_counter() - start
    votes = conn.execute("SELECT COUNT(*) FROM votes WHERE deleted_at IS NULL").fetchone()[0]
    print(
        f"{votes} stemmen opgeslagen in {cast:.2f} s ({1000 * cast / 120:.1f} ms per deelnemer-invoer)"
    )
    print(f"alle 3 rondes geteld in {count * 1000:.0f} ms; 2 grafieken getekend in {draw:.2f} s")


if __name__ == "__main__":
    main()
