"""How often each draft-knelpunt rule fires over a batch of profiles (issue 12 targets).

    wijktools batch --alle-wijken --zonder-figuren            # writes exports/batch/alle-wijken/
    PYTHONPATH=$PWD python benchmarks/knelpunten.py exports/batch/alle-wijken
    PYTHONPATH=$PWD python benchmarks/knelpunten.py exports/batch/alle-wijken --top 40
    PYTHONPATH=$PWD python benchmarks/knelpunten.py MAP --niveau buurt      # buurten >= 200 inwoners
    PYTHONPATH=$PWD python benchmarks/knelpunten.py NA --voor VOOR          # wie wint/verliest welke regel

Reads every profiel.json under the folder (one per area) of the chosen level and prints, per rule, the
share of areas in which it fires, overall and per size class of inwoners; the share of areas with 0,
1-3 and 4+ knelpunten, overall and per size class; the rules that most often fire together in one
area (a candidate for double counting); the areas with a level and a trend knelpunt of one subject
(one indicator, or the indicators of one subject in profile.subjects: one fact shown twice, target 0)
and the areas whose level knelpunt also tells a trend; then the mean number of draft knelpunten per
area, the share with at least one and the share that reaches the cap. Targets: no rule above 15 % of wijken, mean at
most 4 per wijk. With --voor, the same areas in an earlier batch: per rule how many areas gained and
lost it.

A rule is the kind of test and the indicator it is applied to ("niveau:Eenzaam", "trend:Roker",
"zorgvraag", ...). Profiles written before knelpunten carried `regel_id` are classified the same way
from their `key` and `extra.soort`, with the 18+ and 65+ rows of one indicator counted as one rule
(an area counts once per rule), so old and new batches compare like for like.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from wijktools.knelpunt import source_name
from wijktools.profile.subjects import SUBJECT_OF

MAX_RULE_SHARE = 15.0
MAX_MEAN = 4.0
MIN_INWONERS = 200  # below this no rule applies (profile.rules.KNELPUNT_MIN_INWONERS)
SIZES = ((0, 200), (200, 1_000), (1_000, 5_000), (5_000, 15_000), (15_000, None))
CAPPED = "staan niet bij de knelpunten"  # the profile's note when the cap left deviations out


@dataclass
class Area:
    """One profile as the benchmark needs it."""

    code: str
    inwoners: float
    rules: list[str] = field(default_factory=list)
    capped: bool = False
    level_subjects: set[str] = field(default_factory=set)  # subjects of the level knelpunten
    trend_subjects: set[str] = field(default_factory=set)  # ... of the trend knelpunten
    trend_told: int = 0  # level knelpunten that also tell a trend of their subject

    @property
    def double(self) -> set[str]:
        """Subjects with a level and a trend knelpunt of their own (one fact, two knelpunten)."""
        return self.level_subjects & self.trend_subjects

    @property
    def size(self) -> str:
        """The size class label ('1.000-5.000')."""
        return next(_label(low, high) for low, high in SIZES if _within(self.inwoners, low, high))


def _label(low: int, high: int | None) -> str:
    return f"{low:,}+".replace(",", ".") if high is None else f"{low:,}-{high:,}".replace(",", ".")


def _within(value: float, low: int, high: int | None) -> bool:
    return value >= low and (high is None or value < high)


def rule_id(item: dict) -> str:
    """The rule a knelpunt came from (stable over old and new profiel.json)."""
    if item.get("regel_id"):
        return str(item["regel_id"])
    soort = (item.get("extra") or {}).get("soort")
    key = item.get("key") or item.get("titel", "?")
    return f"{soort}:{key}" if soort else str(key)


def subjects(item: dict) -> set[str]:
    """The subjects a knelpunt speaks for: its indicator's and those of the indicators merged into it."""
    extra = item.get("extra") or {}
    keys = [item.get("key") or "", *(extra.get("ook") or [])]
    return {SUBJECT_OF.get(k, k) for k in keys if k}


def read(folder: Path, level: str = "wijk", minimum: float = MIN_INWONERS) -> list[Area]:
    """The open-data knelpunten of every profile of `level` with at least `minimum` inwoners."""
    out = []
    for path in sorted(folder.rglob("profiel.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gebied = data.get("gebied", {})
        if gebied.get("soort") not in (None, level):
            continue
        inwoners = float(gebied.get("inwoners") or 0)
        if inwoners < minimum:
            continue
        items = [
            k for k in data.get("knelpunten", []) if source_name(k.get("herkomst")) == "wijkprofiel"
        ]
        kinds = [rule_id(k).split(":")[0] for k in items]
        out.append(
            Area(
                code=str(gebied.get("code", path.parent.name)),
                inwoners=inwoners,
                rules=[rule_id(k) for k in items],
                capped=any(CAPPED in note for note in data.get("opmerkingen", [])),
                level_subjects=set().union(
                    *(subjects(k) for k, kind in zip(items, kinds, strict=True) if kind == "niveau")
                ),
                trend_subjects=set().union(
                    *(subjects(k) for k, kind in zip(items, kinds, strict=True) if kind == "trend")
                ),
                trend_told=sum(bool((k.get("extra") or {}).get("trend")) for k in items),
            )
        )
    return out


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    -"


def _bands(counts: list[int]) -> tuple[int, int, int]:
    return (
        sum(c == 0 for c in counts),
        sum(1 <= c <= 3 for c in counts),
        sum(c >= 4 for c in counts),
    )


def report(areas: list[Area], top: int, level: str, minimum: float) -> None:
    """Print the rates tables."""
    n = len(areas)
    plural = {"wijk": "wijken", "buurt": "buurten", "gemeente": "gemeenten"}.get(level, level)
    classes = [_label(lo, hi) for lo, hi in SIZES if hi is None or hi > minimum]
    by_size = {c: [a for a in areas if a.size == c] for c in classes}
    fires: Counter[str] = Counter()
    fires_size: dict[str, Counter[str]] = {c: Counter() for c in classes}
    for a in areas:
        fires.update(set(a.rules))
        fires_size[a.size].update(set(a.rules))
    print(f"{n} {plural} (>= {minimum:.0f} inwoners)")
    head = "".join(f"{c:>14}" for c in classes)
    print(f"\n{'regel':<44} {plural:>7} {'%':>6} | % per inwonersklasse:{head}")
    print(
        f"{'':<44} {'':>7} {'':>6} | {'(aantal ' + plural + ')':<21}"
        + "".join(f"{len(by_size[c]):>14}" for c in classes)
    )
    for rule, count in fires.most_common(top):
        row = "".join(f"{_pct(fires_size[c][rule], len(by_size[c])):>14}" for c in classes)
        print(f"{rule:<44} {count:>7} {_pct(count, n):>6} | {'':<21}{row}")
    rest = len(fires) - min(top, len(fires))
    if rest > 0:
        print(f"... en {rest} regels die minder vaak vuren")

    print(f"\naantal knelpunten per gebied  {'alle':>8}" + "".join(f"{c:>14}" for c in classes))
    groups = [areas] + [by_size[c] for c in classes]
    bands = [_bands([len(a.rules) for a in g]) for g in groups]
    for i, name in enumerate(("0", "1-3", "4+")):
        print(
            f"  % met {name:<22}"
            + "".join(
                f"{_pct(b[i], len(g)):>14}" if j else f"{_pct(b[i], len(g)):>8}"
                for j, (b, g) in enumerate(zip(bands, groups, strict=True))
            )
        )
    means = [sum(len(a.rules) for a in g) / len(g) if g else 0.0 for g in groups]
    print(
        "  gemiddeld aantal          "
        + "".join(f"{m:>14.2f}" if j else f"{m:>8.2f}" for j, m in enumerate(means))
    )

    pairs: Counter[tuple[str, str]] = Counter()
    for a in areas:
        pairs.update(combinations(sorted(set(a.rules)), 2))
    print(
        "\nregels die het vaakst samen vuren (zelfde gebied): paar, gebieden, % van de kleinste regel"
    )
    for (x, y), count in pairs.most_common(10):
        print(f"  {x} + {y}: {count} ({_pct(count, min(fires[x], fires[y])).strip()} %)")

    double = [a for a in areas if a.double]
    doubled: Counter[str] = Counter(s for a in double for s in a.double)
    print(
        f"\n{plural} met een niveau- én een trendknelpunt van één onderwerp: {len(double)} "
        f"({_pct(len(double), n).strip()} %; doel 0)"
        + (
            f"; vaakst: {', '.join(f'{s} {c}' for s, c in doubled.most_common(5))}"
            if double
            else ""
        )
    )
    told = sum(a.trend_told > 0 for a in areas)
    print(
        f"{plural} met een niveauknelpunt dat ook de trend van zijn onderwerp noemt: {told} "
        f"({_pct(told, n).strip()} %)"
    )

    counts = [len(a.rules) for a in areas]
    worst = max(fires.values(), default=0) * 100 / n
    mean = sum(counts) / n
    print(
        f"\nregels die vuren: {len(fires)}; hoogste aandeel {plural}: {worst:.1f} % "
        f"(doel <= {MAX_RULE_SHARE:.0f} %)"
    )
    print(f"gemiddeld aantal knelpunten per gebied: {mean:.2f} (doel <= {MAX_MEAN:.0f})")
    print(f"{plural} met minstens één knelpunt: {100 * sum(c > 0 for c in counts) / n:.1f} %")
    most = max(counts)
    print(f"meeste knelpunten in één gebied: {most}; gebieden met dat aantal: {counts.count(most)}")
    capped = sum(a.capped for a in areas)
    print(
        f"{plural} waar de grens (hoogstens 6 niveau + 3 trend) knelpunten wegliet: "
        f"{100 * capped / n:.1f} %"
    )


def compare(before: list[Area], after: list[Area]) -> None:
    """Per rule: areas before, after, gained and lost (areas present in both batches)."""
    old = {a.code: set(a.rules) for a in before}
    new = {a.code: set(a.rules) for a in after}
    shared = sorted(set(old) & set(new))
    rules = sorted({r for c in shared for r in old[c] | new[c]})
    print(f"\nvoor -> na, {len(shared)} gebieden in beide mappen")
    print(f"{'regel':<44} {'voor':>6} {'na':>6} {'erbij':>6} {'eraf':>6}")
    rows = []
    for rule in rules:
        was = sum(rule in old[c] for c in shared)
        now = sum(rule in new[c] for c in shared)
        gained = sum(rule in new[c] and rule not in old[c] for c in shared)
        lost = sum(rule in old[c] and rule not in new[c] for c in shared)
        if gained or lost:
            rows.append((rule, was, now, gained, lost))
    for rule, was, now, gained, lost in sorted(rows, key=lambda r: -(r[3] + r[4])):
        print(f"{rule:<44} {was:>6} {now:>6} {gained:>6} {lost:>6}")
    total_old = sum(len(old[c]) for c in shared)
    total_new = sum(len(new[c]) for c in shared)
    changed = sum(old[c] != new[c] for c in shared)
    print(f"knelpunten totaal {total_old} -> {total_new}; gebieden met een andere set: {changed}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--top", type=int, default=25, help="show this many rules")
    parser.add_argument("--niveau", default="wijk", choices=("wijk", "buurt", "gemeente"))
    parser.add_argument("--voor", type=Path, help="an earlier batch of the same areas")
    parser.add_argument(
        "--min-inwoners",
        type=float,
        default=MIN_INWONERS,
        help="0: every area, as issue 12 counted",
    )
    args = parser.parse_args(argv)
    areas = read(args.folder, args.niveau, args.min_inwoners)
    if not areas:
        print(
            f"Geen profielen (profiel.json) van niveau {args.niveau} gevonden onder {args.folder}",
            file=sys.stderr,
        )
        return 1
    report(areas, args.top, args.niveau, args.min_inwoners)
    if args.voor:
        compare(read(args.voor, args.niveau, args.min_inwoners), areas)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
