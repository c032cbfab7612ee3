"""The capacity gap as one small bar chart: FTE huisarts entered against FTE needed by the norm."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from wijktools import nl
from wijktools.figures import theme
from wijktools.figures.profile import fitting_title, short_label

if TYPE_CHECKING:  # matplotlib's figure machinery is imported by theme.new_figure when drawing
    from matplotlib.figure import Figure

    from wijktools.workshop.capacity import Capacity

TITLE_Y = 1.0


def capacity_gap(cap: Capacity) -> Figure | None:
    """Per year (now, 2030, 2040): FTE huisarts on the sociale kaart beside FTE needed; None without data."""
    if not cap.complete or cap.fte_huisarts is None:
        return None
    years = [str(y.jaar) for y in cap.jaren]
    have = np.full(len(years), cap.fte_huisarts)
    need = np.array([y.fte_nodig for y in cap.jaren])
    x = np.arange(len(years))
    width = 0.38
    with theme.style():
        fig, ax = theme.new_figure(8, 4.6, layout=None)
        ax.bar(
            x - width / 2, have, width, color=theme.PALETTE["blauw"], label="fte huisarts ingevuld"
        )
        ax.bar(
            x + width / 2,
            need,
            width,
            color=theme.PALETTE["oranje"],
            label="fte nodig volgens norm",
        )
        size = theme.fs(theme.MIN_PRINT_FONT)
        top = float(max(have.max(), need.max()))
        for i, item in enumerate(cap.jaren):
            if abs(item.tekort) < 0.05:
                label = "gelijk"
            elif item.tekort > 0:
                label = f"{nl.number(item.tekort, 1)} tekort"
            else:
                label = f"{nl.number(-item.tekort, 1)} ruimte"
            ax.text(x[i], top * 1.04, label, ha="center", va="bottom", fontsize=size)
            for offset, value in ((-width / 2, have[i]), (width / 2, need[i])):
                ax.text(
                    x[i] + offset,
                    value / 2,
                    nl.number(float(value), 1),
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=size,
                )
        ax.set_xticks(x, years)
        ax.set_ylim(0, max(top, 1.0) * 1.25)
        ax.yaxis.set_major_formatter(lambda v, _pos: nl.number(v, 1 if top < 5 else 0))
        ax.set_ylabel("fte huisarts")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=size)
        right = theme.text_width("fte nodig volgens norm", size) + 0.1 * size
        theme.margins(fig, left=0.9, right=right, top=0.5, bottom=0.75)
        # Centred above the bars while it fits there; a longer name centres it on the figure.
        box, fig_width = ax.get_position(), fig.get_figwidth()
        centre = (box.x0 + box.x1) / 2 * fig_width
        title = f"Huisartscapaciteit in {cap.gebied}"
        title_size = theme.fs(theme.RC["axes.titlesize"])
        title_x = 0.5
        if theme.text_width(title, title_size, "bold") > 2 * min(centre, fig_width - centre):
            title_x = (fig_width / 2 - box.x0 * fig_width) / (box.width * fig_width)
            options = [title] + [
                f"Huisartscapaciteit in {short_label(cap.gebied, n)}" for n in (34, 22)
            ]
            title = fitting_title(options, fig_width - 0.2)
        ax.set_title(title, x=title_x, y=TITLE_Y)
        theme.add_source(
            fig,
            f"Bron: sociale kaart van de werksessie (fte); norm {cap.norm.label}; "
            "verwachte huisartscontacten: Nivel 2017, CBS KWB (CC BY 4.0)",
        )
    return fig
