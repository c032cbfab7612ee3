"""Phone voting: cost of one ballot, of the live JSON the projector polls, and of redrawing the chart."""

import re
import statistics
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", category=DeprecationWarning)

from starlette.testclient import TestClient  # noqa: E402

from wijktools.store import connection as store  # noqa: E402
from wijktools.voting import ballots  # noqa: E402
from wijktools.voting.app import Limits, VotingConfig, create_app  # noqa: E402
from wijktools.voting.beheer import BeheerConfig, create_beheer_app  # noqa: E402
from wijktools.workshop import knelpunten, priorities  # noqa: E402

PHONES, KNELPUNTEN = 40, 10

db = Path(tempfile.mkdtemp()) / "bench.sqlite"
conn = store.connect(db)
sid = store.insert(conn, "sessions", {"name": "Benchmark (FICTIEF)", "area_code": "WK036301"})
ids = [knelpunten.add_knelpunt(conn, sid, f"Knelpunt {i} (FICTIEF)") for i in range(KNELPUNTEN)]
code = ballots.ensure_code(conn, sid)
priorities.open_round(conn, sid, "dots", 3)
app = create_app(
    VotingConfig(db, frozenset({sid}), Limits(requests_per_ip=10_000, posts_per_ip=10_000))
)
beheer = TestClient(
    create_beheer_app(BeheerConfig(db, sid)),
    client=("127.0.0.1", 1),
    base_url="http://127.0.0.1:8766",
)

cast = []
for n in range(PHONES):
    phone = TestClient(app, client=(f"10.0.0.{n + 2}", 1))
    page = phone.get(f"/s/{code}").text
    hidden = dict(re.findall(r'name="(token|ronde)" value="([^"]+)"', page))
    data = {**hidden, f"k_{ids[n % KNELPUNTEN]}": "2", f"k_{ids[(n + 3) % KNELPUNTEN]}": "1"}
    t0 = time.perf_counter()
    assert phone.post(f"/s/{code}/stem", data=data).status_code == 200
    cast.append(time.perf_counter() - t0)

poll = []
for _ in range(20):
    t0 = time.perf_counter()
    beheer.get(f"/sessie/{sid}/uitslag.json")
    poll.append(time.perf_counter() - t0)

t0 = time.perf_counter()
beheer.get(f"/sessie/{sid}/uitslag.svg")
svg_cold = time.perf_counter() - t0
t0 = time.perf_counter()
beheer.get(f"/sessie/{sid}/uitslag.svg")
svg_cached = time.perf_counter() - t0

knelpunten.add_knelpunt(conn, sid, "Nog een knelpunt (FICTIEF)")  # changes the tally
t0 = time.perf_counter()
beheer.get(f"/sessie/{sid}/uitslag.svg")
svg_warm = time.perf_counter() - t0

print(
    f"ballot POST (validate + store, {KNELPUNTEN} knelpunten): median "
    f"{statistics.median(cast) * 1000:.1f} ms, max {max(cast) * 1000:.1f} ms over {PHONES} phones"
)
print(f"uitslag.json (polled every second): median {statistics.median(poll) * 1000:.1f} ms")
print(
    f"uitslag.svg first draw {svg_cold * 1000:.0f} ms, redraw after a change "
    f"{svg_warm * 1000:.0f} ms, unchanged (cached) "
    f"{svg_cached * 1000:.1f} ms"
)
