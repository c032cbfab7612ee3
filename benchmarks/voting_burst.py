"""Voting latency under a burst: 1,000 phones post their ballot at the same moment (loopback).

Run: .venv/bin/python benchmarks/voting_burst.py [phones]
The voting app runs in its own process (uvicorn, as `presenteer` runs it); every phone first opens
the ballot page (cookie + form token), then all ballots are posted together. Prints the POST latency
p50/p95/p99 and how many ballots the store holds afterwards (FICTIEF session).
"""

import asyncio
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package

import httpx  # noqa: E402

from wijktools.store import connection as store  # noqa: E402
from wijktools.voting import ballots  # noqa: E402
from wijktools.voting.server import free_port  # noqa: E402
from wijktools.workshop import knelpunten, priorities  # noqa: E402

SERVER = """
import sys, uvicorn
from pathlib import Path
from wijktools.voting.app import VotingConfig, create_app
app = create_app(VotingConfig(Path(sys.argv[1]), frozenset({int(sys.argv[2])})))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[3]), log_level="error")
"""


async def _phone_form(client: httpx.AsyncClient, code: str) -> dict[str, str]:
    page = (await client.get(f"/s/{code}")).text
    return dict(re.findall(r'name="(token|ronde)" value="([^"]+)"', page))


async def _burst(
    base: str, code: str, ids: list[int], phones: int
) -> tuple[list[float], list[int]]:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [httpx.AsyncClient(base_url=base, limits=limits, timeout=120) for _ in range(phones)]
    gate = asyncio.Semaphore(50)

    async def prepare(c: httpx.AsyncClient) -> dict[str, str]:
        async with gate:
            return await _phone_form(c, code)

    forms = await asyncio.gather(*(prepare(c) for c in clients))
    # The burst: every phone opens a new connection (idle keep-alive ones are closed by then).
    cookies = [c.cookies for c in clients]
    await asyncio.gather(*(c.aclose() for c in clients))
    clients = [
        httpx.AsyncClient(base_url=base, limits=limits, timeout=120, cookies=jar) for jar in cookies
    ]

    async def post(n: int, c: httpx.AsyncClient, form: dict[str, str]) -> tuple[float, int]:
        data = {**form, f"k_{ids[n % len(ids)]}": "2", f"k_{ids[(n + 3) % len(ids)]}": "1"}
        t0 = time.perf_counter()
        response = await c.post(f"/s/{code}/stem", data=data)
        return time.perf_counter() - t0, response.status_code

    results = await asyncio.gather(
        *(post(n, c, f) for n, (c, f) in enumerate(zip(clients, forms, strict=True)))
    )
    await asyncio.gather(*(c.aclose() for c in clients))
    return [r[0] for r in results], [r[1] for r in results]


def main(phones: int = 1000) -> None:
    db = Path(tempfile.mkdtemp()) / "burst.sqlite"
    conn = store.connect(db)
    sid = store.insert(conn, "sessions", {"name": "Burst (FICTIEF)", "area_code": "WK036301"})
    ids = [knelpunten.add_knelpunt(conn, sid, f"Knelpunt {i} (FICTIEF)") for i in range(10)]
    code = ballots.ensure_code(conn, sid)
    rid = priorities.open_round(conn, sid, "dots", 3)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(db), str(sid), str(port)], cwd=ROOT
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        start = time.perf_counter()
        latencies, codes = asyncio.run(_burst(base, code, ids, phones))
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    q = statistics.quantiles(latencies, n=100)
    stored = priorities.results(conn, rid).participants
    print(
        f"{phones} telefoons tegelijk: POST p50 {q[49]:.2f} s, p95 {q[94]:.2f} s, p99 {q[98]:.2f} s; "
        f"{codes.count(200)} x 200, andere statussen {sorted(set(codes) - {200})}; "
        f"{stored} stembiljetten opgeslagen; hele proef {wall:.1f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
