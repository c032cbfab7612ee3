"""How often each draft-knelpunt rule fires over a batch of profiles (issue 12 targets).

    wijktools batch --alle-wijken --zonder-figuren            # writes exports/batch/alle-wijken/
    PYTHONPATH=$PWD python benchmarks/knelpunten.py exports/batch/alle-wijken
    PYTHONPATH=$PWD python benchmarks/knelpunten.py exports/batch/alle-wijken --top 40

Reads every profiel.json under the folder (one per area) and prints, per rule, the share of areas in
which it fires, then the mean number of draft knelpunten per area, the share with at least one and
the share that reaches the cap. Targets: no rule above 15 % of wijken, mean at most 4 per wijk.

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
from pathlib import Path

from wijktools.knelpunt import source_name

MAX_RULE_SHARE = 15.0
MAX_MEAN = 4.0


def rule_id(item: dict) -> str:
    """The rule a knelpunt came from (stable over old and new profiel.json)."""
    if item.get("regel_id"):
        return str(item["regel_id"])
    soort = (item.get("extra") or {}).get("soort")
    key = item.get("key") or item.get("titel", "?")
    return f"{soort}:{key}" if soort else str(key)


CAPPED = "staan niet bij de knelpunten"  # the profile's note when the cap left deviations out


def read(folder: Path) -> tuple[list[list[dict]], int]:
    """The open-data knelpunten of every wijk profile under `folder`, and how many hit the cap."""
    out, capped = [], 0
    for path in sorted(folder.rglob("profiel.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("gebied", {}).get("soort") not in (None, "wijk"):
            continue
        out.append(
            [
                k
                for k in data.get("knelpunten", [])
                if source_name(k.get("herkomst")) == "wijkprofiel"
            ]
        )
        capped += any(CAPPED in note for note in data.get("opmerkingen", []))
    return out, capped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--top", type=int, default=25, help="show this many rules")
    args = parser.parse_args(argv)
    profiles, capped = read(args.folder)
    if not profiles:
        print(f"Geen wijkprofielen (profiel.json) gevonden onder {args.folder}", file=sys.stderr)
        return 1
    n = len(profiles)
    fires: Counter[str] = Counter()
    for items in profiles:
        fires.update({rule_id(k) for k in items})
    counts = [len(items) for items in profiles]
    print(f"{n} wijkprofielen in {args.folder}")
    print(f"{'regel':<55} {'wijken':>7} {'%':>6}")
    for rule, count in fires.most_common(args.top):
        print(f"{rule:<55} {count:>7} {100 * count / n:>6.1f}")
    worst = max(fires.values(), default=0) * 100 / n
    mean = sum(counts) / n
    print(
        f"regels die vuren: {len(fires)}; hoogste aandeel wijken: {worst:.1f} % (doel <= {MAX_RULE_SHARE:.0f} %)"
    )
    print(f"gemiddeld aantal knelpunten per wijk: {mean:.2f} (doel <= {MAX_MEAN:.0f})")
    print(f"wijken met minstens één knelpunt: {100 * sum(c > 0 for c in counts) / n:.1f} %")
    most = max(counts)
    print(f"meeste knelpunten in één wijk: {most}; wijken met dat aantal: {counts.count(most)}")
    print(
        f"wijken waar de grens (hoogstens 6 niveau + 3 trend) knelpunten wegliet: {100 * capped / n:.1f} %"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
