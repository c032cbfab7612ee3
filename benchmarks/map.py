"""Print the CPU time of the profile map per area: 2024 boundaries (shipped) against the 2016 ones.

The map is drawn for every area of a batch, so the switch to the 2024 division must not make it slower.
Both runs draw the same wijken (those whose code is on both maps) as the HTML's direct SVG map and as
matplotlib's map (the PNG of PDF and Word).
Run: .venv/bin/python benchmarks/map.py  (from the checkout; N_AREAS=30 by default)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wijktools.figures import maps, svg_profile, theme  # noqa: E402
from wijktools.opendata import boundaries  # noqa: E402
from wijktools.profile import build  # noqa: E402

N = int(os.environ.get("N_AREAS", "30"))
GEMEENTEN = ("GM0262", "GM0268", "GM0363")  # Lochem, Nijmegen, Amsterdam (many wijken)


def _codes() -> list[str]:
    old, new = boundaries.wijken_2016(), boundaries.wijken_2024()
    both = set(old["code"]) & set(new["code"])
    codes = [c for c in new["code"] if c[:6].replace("WK", "GM") in GEMEENTEN and c in both]
    return sorted(codes)[:N]


def _time(profiles: list[build.Profile], direct: bool = True) -> list[float]:
    out = []
    for profile in profiles:
        start = time.process_time()
        if direct:
            svg_profile.area_map(profile)
        else:
            fig, _ = maps.area_map(profile)
            theme.to_png(fig, dpi=100)
        out.append(time.process_time() - start)
    return out


def main() -> None:
    """Build the profiles once, then time the map alone with each set of boundaries."""
    profiles = [build.build(code) for code in _codes()]
    new_times = _time(profiles)
    png_times = _time(profiles, direct=False)
    boundaries.wijken_2024.cache_clear()
    svg_profile._base_map.cache_clear()
    old = boundaries.wijken_2016()
    original = boundaries.wijken_2024
    boundaries.wijken_2024 = lambda: old  # type: ignore[assignment]
    try:
        old_times = _time(profiles)
    finally:
        boundaries.wijken_2024 = original  # type: ignore[assignment]
    for label, times in (
        ("2024 (shipped), SVG", new_times),
        ("2016 (before), SVG", old_times),
        ("2024 (shipped), PNG via matplotlib", png_times),
    ):
        print(
            f"map {label}: {len(times)} areas, median {statistics.median(times) * 1000:.0f} ms CPU, "
            f"total {sum(times):.2f} s CPU"
        )


if __name__ == "__main__":
    main()
