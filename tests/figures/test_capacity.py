"""The capacity chart: its title names the area and stays inside the figure."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from wijktools.figures import capacity as figures_capacity
from wijktools.workshop import capacity, capacity_norm

NORM = capacity_norm.Norm(2000.0, "Testnorm (FICTIEF), 2026", 2026, eigen=True)


def _demand() -> dict:
    return {
        "base_year": 2024,
        "years": [
            {"year": y, "contacten": c, "vergrijzingsindex": 100}
            for y, c in ((2024, 29_000.0), (2030, 30_000.0), (2040, 31_000.0))
        ],
    }


@pytest.mark.parametrize(
    "gebied",
    [
        "Havelte",
        # Heerlen's wijk 32: 'Huisartscapaciteit in Wijk 32 Meezenbroek-Schaesbergerveld' lost
        # its first letters at the left edge of the report's figure.
        "Wijk 32 Meezenbroek-Schaesbergerveld",
    ],
)
def test_the_title_names_the_area_and_stays_inside_the_figure(gebied):
    partners = [
        {"organisatie": "Praktijk (FICTIEF)", "discipline": "huisarts", "fte_huisarts": 2.0}
    ]
    cap = capacity.compute(gebied, 6445, 2024, _demand(), partners, NORM)
    fig = figures_capacity.capacity_gap(cap)
    renderer = FigureCanvasAgg(fig).get_renderer()
    title = fig.axes[0].title
    box = title.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width, title.get_text()
    assert title.get_text().startswith("Huisartscapaciteit in ")
    assert gebied[:20] in title.get_text()
