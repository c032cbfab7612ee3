"""The live result chart for the projector: the same vote figure as every export, as SVG or PNG."""

from __future__ import annotations

import io
import sqlite3
import threading

import matplotlib
from matplotlib.figure import Figure

from wijktools.figures import theme
from wijktools.figures import votes as figures_votes
from wijktools.store import connection as store
from wijktools.voting import ballots
from wijktools.workshop import priorities

# rc_context is process-global; the web app renders from worker threads.
_LOCK = threading.Lock()


def figure(conn: sqlite3.Connection, session_id: int) -> Figure:
    """The current (or last) round via figures_votes; a placeholder before the first round."""
    all_rounds = priorities.rounds(conn, session_id)
    current = ballots.open_round(conn, session_id) or (all_rounds[-1] if all_rounds else None)
    if current is None:
        with theme.style():
            fig, ax = theme.new_figure(10, 3)
            ax.axis("off")
            ax.text(0.5, 0.5, "Nog geen stemronde geopend", ha="center", va="center", fontsize=18)
        return fig
    name = store.get(conn, "sessions", session_id)["name"]
    return figures_votes.round_figure(priorities.results(conn, current["id"]), None, name)


def svg(conn: sqlite3.Connection, session_id: int) -> bytes:
    """SVG with text as paths: sharp on any projector and no user text left as markup."""
    with _LOCK, matplotlib.rc_context({"svg.fonttype": "path"}):
        fig = figure(conn, session_id)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", facecolor="white")
    return buffer.getvalue()


def png(conn: sqlite3.Connection, session_id: int, dpi: int = 100) -> bytes:
    """PNG for the Voilà widget."""
    with _LOCK:
        return theme.to_png(figure(conn, session_id), dpi=dpi)
