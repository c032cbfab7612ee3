"""A kern from its members: sums and weighted means as pandas adds them up, from the members' rows only."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from wijktools.opendata import aggregation
from wijktools.opendata.codebook import codebook

ROOT = Path(__file__).resolve().parents[2]
# Real codebook keys: a count (summed) and percentages weighted by inwoners or the 18+ estimate.
KEYS = [
    ("AantalInwoners", ""),
    ("AardgasvrijeWoningen", ""),
    ("Eenzaam", "18+"),
    ("Eenzaam", "65+"),
]


def test_stedelijkheid_classes():
    assert [aggregation.stedelijkheid(d) for d in (3000, 2000, 1200, 700, 100)] == [1, 2, 3, 4, 5]


def _by_pandas(rows: pd.DataFrame, codes: list[str], weights: pd.DataFrame) -> pd.DataFrame:
    """The rule in plain pandas, one group at a time (how aggregate read before it used numpy)."""
    book = codebook()
    out = []
    for (key, age, year, table), group in rows.groupby(
        ["key", "age_group", "year", "table"], observed=True
    ):
        rule = book.loc[(key, age), "aggregation"] if (key, age) in book.index else "geen"
        values = group.set_index("code")["value"].reindex(codes)
        if rule == "som":
            value = values.sum() if values.notna().all() else np.nan
        elif rule.startswith("gewogen:"):
            w = weights.get(rule.split(":", 1)[1])
            if w is None:
                continue
            present = values.notna() & w.notna()
            total = w.sum()
            value = (
                float((values[present] * w[present]).sum() / w[present].sum())
                if total > 0 and w[present].sum() / total >= aggregation.MIN_COVERAGE
                else np.nan
            )
        else:
            continue
        out.append({"key": key, "age_group": age, "year": year, "table": table, "value": value})
    frame = pd.DataFrame(out)
    return frame if frame.empty else aggregation._recompute(frame, rows, weights, codes)


numbers = st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False, allow_infinity=False))


@settings(max_examples=60, deadline=None)
@given(
    members=st.integers(1, 14),
    cells=st.lists(st.tuples(st.integers(0, 13), st.sampled_from(KEYS), numbers), max_size=60),
    sizes=st.lists(numbers, min_size=14, max_size=14),
)
def test_a_kern_adds_up_as_pandas_adds_up(members, cells, sizes):
    codes = [f"BU0001{i:04d}" for i in range(members)]
    seen = {}
    for at, (key, age), value in cells:  # one value per member and indicator, as in the data
        if at < members and value is not None:
            seen[(codes[at], key, age)] = value
    rows = pd.DataFrame(
        [
            {"code": c, "key": k, "age_group": a, "year": 2020, "table": "t", "value": v}
            for (c, k, a), v in seen.items()
        ],
        columns=["code", "key", "age_group", "year", "table", "value"],
    ).astype({"value": float, "year": "int16"})
    size = pd.Series(
        [np.nan if s is None else s for s in sizes[:members]], index=codes, dtype=float
    )
    weights = pd.DataFrame(
        {"AantalInwoners": size, "inwoners_18_plus": size * 0.8, "k_65JaarOfOuder": size * 0.2}
    )
    got, expected = aggregation.aggregate(rows, codes, weights), _by_pandas(rows, codes, weights)
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), check_exact=True
    )


def test_a_kern_reads_only_its_members_rows():
    """The whole 3.2-million-row table stays unread: a kern profile takes about a second, not two."""
    probe = (
        "import json\n"
        "from wijktools.opendata import areas, indicators\n"
        "kern = areas.kern('Havelte', ['BU17010800', 'BU17010801', 'BU17010809'])\n"
        "indicators.latest(kern)\n"
        "indicators.missing_reason(kern, 'Eenzaam', '65+')\n"
        "print(json.dumps(indicators.load.cache_info().currsize))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == 0
