"""The live result chart for the projector: one figure from `live_results`, as SVG or PNG."""

from __future__ import annotations

import io
import textwrap
import threading
from typing import Any

from matplotlib.figure import Figure

from wijktools import theme

# rc_context is process-global; the web app renders from worker threads.
_LOCK = threading.Lock()
SOURCE = "Bron: stemming in de werksessie (wijktools)"


def _wrap(title: str, width: int = 38) -> str:
    """Long knelpunt titles on two lines keep the bars readable at projector size."""
    return "\n".join(textwrap.wrap(title, width)[:2]) or "–"


def figure(live: dict[str, Any]) -> Figure:
    """Dots: horizontal bars, highest on top. Matrix: impact × haalbaarheid with the 2×2 midlines."""
    fig, ax = theme.new_figure(10, 5.6)
    rnd = live.get("round")
    rows = live.get("rows") or []
    if rnd is None:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "Nog geen stemronde geopend", ha="center", va="center", fontsize=20)
    elif rnd["mode"] == "dots":
        shown = list(reversed(rows[:12]))
        ax.barh([_wrap(r["title"]) for r in shown], [r["score"] for r in shown], color=theme.AREA)
        for i, r in enumerate(shown):
            ax.text(r["score"], i, f" {theme.fmt_number(r['score'])}", va="center", fontsize=14)
        ax.set_xlabel("aantal stippen")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", visible=False)
    else:
        scored = [r for r in rows if r["impact"] is not None]
        ax.set_xlim(0.5, 5.5)
        ax.set_ylim(0.5, 5.5)
        ax.axvline(3, color=theme.NEDERLAND, lw=1)
        ax.axhline(3, color=theme.NEDERLAND, lw=1)
        ax.scatter(
            [r["haalbaarheid"] for r in scored],
            [r["impact"] for r in scored],
            s=140,
            color=theme.AREA,
            zorder=3,
        )
        for r in scored:
            ax.annotate(
                _wrap(r["title"], 28),
                (r["haalbaarheid"], r["impact"]),
                textcoords="offset points",
                xytext=(8, 6),
                fontsize=11,
            )
        ax.set_xlabel("haalbaarheid (1–5)")
        ax.set_ylabel("impact (1–5)")
    if rnd is not None:
        state = "open" if rnd["status"] == "open" else "gesloten"
        ax.set_title(f"{rnd['title']}: {rnd['participants']} deelnemer(s), ronde {state}")
    theme.add_source(fig, SOURCE)
    return fig


def svg(live: dict[str, Any]) -> bytes:
    """SVG with text as paths: sharp on any projector and no user text left as markup."""
    with _LOCK, theme.style():
        import matplotlib

        with matplotlib.rc_context({"svg.fonttype": "path"}):
            fig = figure(live)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", facecolor="white")
    return buffer.getvalue()


def png(live: dict[str, Any], dpi: int = 100) -> bytes:
    """PNG for the Voilà widget and documents."""
    with _LOCK, theme.style():
        return theme.to_png(figure(live), dpi=dpi)
