"""Vote charts for the projector and every export: ranked bars with visible ties, the 2×2 matrix."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from wijktools.figures import theme
from wijktools.workshop.priorities import MIDPOINT, RoundResult

VOTE_SOURCE = "Bron: stemming in de werksessie{session}, {round} ({n})"


SLIDE_ROWS = 8  # a slide shows the top eight; its notes list every knelpunt
SLIDE_LABEL_CHARS = 46  # one line of 18 pt beside the bars


def _label(text: str, width: int = 38) -> str:
    """User text as plain text: '$' would start matplotlib mathtext."""
    short = textwrap.shorten(text, width=width * 2, placeholder="…")
    return "\n".join(textwrap.wrap(short, width=width)).replace("$", r"\$")


def slide_label(rank_label: str, title: str) -> str:
    """'2  Oneens met 'Ik krijg terugkoppeling nadat…': one line, so eight rows fit at 18 pt.

    Two-line labels of eleven knelpunten overlapped on the slide, and PowerPoint left every other
    label out; the full titles stay in the notes and the report.
    """
    return f"{rank_label}  {textwrap.shorten(title, width=SLIDE_LABEL_CHARS, placeholder='…')}"


def source_line(result: RoundResult, session_name: str | None = None) -> str:
    """The line under a vote chart: which workshop, which round, how many voted."""
    where = f" '{session_name}'" if session_name else ""
    return VOTE_SOURCE.format(session=where, round=result.title, n=result.who_voted)


def ranking_figure(
    result: RoundResult,
    previous: RoundResult | None = None,
    session_name: str | None = None,
) -> Figure:
    """Horizontal bars, highest on top; tied knelpunten share a rank ('2=') and a colour."""
    compact = theme.current_medium().compact  # a slide: the top eight, one line each
    rows = result.rows[:SLIDE_ROWS] if compact else list(result.rows)
    height = max(3.5, 0.62 * len(rows) + 1.8)
    with theme.style():
        fig, ax = theme.new_figure(10, height)
        labels = [
            slide_label(r.rank_label, r.title).replace("$", r"\$")
            if compact
            else f"{r.rank_label}  {_label(r.title)}"
            for r in rows
        ]
        ys = list(range(len(rows)))[::-1]
        colours = [theme.PALETTE["oranje"] if r.tied else theme.AREA for r in rows]
        bar_height = 0.38 if previous else 0.7
        offset = bar_height / 2 if previous else 0
        ax.barh(
            [y + offset for y in ys],
            [r.score for r in rows],
            height=bar_height,
            color=colours,
            label=result.title,
        )
        if previous:
            before = {r.knelpunt_id: r.score for r in previous.rows}
            ax.barh(
                [y - offset for y in ys],
                [before.get(r.knelpunt_id, 0) for r in rows],
                height=bar_height,
                color=theme.NEDERLAND,
                alpha=0.6,
                label=previous.title,
            )
            ax.legend(loc="lower right")
        for y, r in zip(ys, rows, strict=True):
            shown = theme.fmt_number(r.score, 0 if result.mode == "dots" else 1)
            ax.text(r.score, y + offset, f" {shown}", va="center", fontsize=theme.fs(12))
        ax.set_yticks(ys, labels)
        ax.set_xlabel(
            "aantal stippen" if result.mode == "dots" else "impact × haalbaarheid (gemiddeld)"
        )
        ax.grid(axis="y", visible=False)
        if result.mode == "dots":  # dots are whole numbers; 0.5 ticks would suggest half votes
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        # The axis covers every round shown, so an earlier round's longer bar is not cut off.
        shown_scores = [r.score for r in rows] + [
            r.score for r in (previous.rows if previous else [])
        ]
        ax.set_xlim(0, max([*shown_scores, 1]) * 1.15)
        if any(r.tied for r in rows):
            handles, names = ax.get_legend_handles_labels()
            handles.append(Patch(color=theme.PALETTE["oranje"]))
            names.append("gelijke stand (=)")
            ax.legend(handles, names, loc="lower right")
        ax.set_title(_label(result.title, 60), loc="left")
        theme.add_source(fig, source_line(result, session_name))
    return fig


def matrix_figure(result: RoundResult, session_name: str | None = None) -> Figure:
    """Mean impact against haalbaarheid; quadrants named so the group can read the choice at once."""
    scored = [r for r in result.rows if r.impact is not None]
    with theme.style():
        fig, ax = theme.new_figure(13, 7)
        ax.set_xlim(0.8, 5.2)
        ax.set_ylim(0.8, 5.2)
        ax.axvline(MIDPOINT, color=theme.NEDERLAND, lw=1)
        ax.axhline(MIDPOINT, color=theme.NEDERLAND, lw=1)
        corners = {
            "snel resultaat": (5.1, 5.1, "right", "top"),
            "grote klus": (0.9, 5.1, "left", "top"),
            "kleine moeite": (5.1, 0.9, "right", "bottom"),
            "later bekijken": (0.9, 0.9, "left", "bottom"),
        }
        for text, (x, y, ha, va) in corners.items():
            ax.text(x, y, text, ha=ha, va=va, fontsize=14, color=theme.NEDERLAND, style="italic")
        # Knelpunten with identical means are one point with all their labels: ties stay visible.
        # The point carries the rank; the key beside the chart the titles, so labels never collide.
        points: dict[tuple[float, float], list[str]] = {}
        for r in scored:
            points.setdefault((r.haalbaarheid, r.impact), []).append(r.rank_label)
        for (x, y), ranks in points.items():
            ax.scatter([x], [y], s=420, color=theme.AREA, zorder=3)
            ax.annotate(
                ", ".join(ranks),
                (x, y),
                ha="center",
                va="center",
                color="white",
                fontsize=11,
                fontweight="bold",
                zorder=4,
            )
        key = [
            Line2D([], [], ls="", label=f"{r.rank_label}  {_label(r.title, 32)}") for r in scored
        ]
        if key:
            ax.legend(
                handles=key,
                loc="upper left",
                bbox_to_anchor=(1.02, 1),
                handlelength=0,
                handletextpad=0,
                title="knelpunt",
                alignment="left",
            )
        ax.set_xlabel("haalbaarheid (1 = lastig, 5 = goed haalbaar)")
        ax.set_ylabel("impact (1 = klein, 5 = groot)")
        ax.set_title(_label(result.title, 60), loc="left")
        if not scored:
            ax.text(3, 3, "nog geen scores", ha="center", va="center", fontsize=16)
        theme.add_source(fig, source_line(result, session_name))
    return fig


def round_figure(
    result: RoundResult, previous: RoundResult | None = None, session_name: str | None = None
) -> Figure:
    """The right chart for a round's mode."""
    if result.mode == "matrix":
        return matrix_figure(result, session_name)
    return ranking_figure(result, previous, session_name)


def round_png(
    result: RoundResult,
    previous: RoundResult | None = None,
    session_name: str | None = None,
    dpi: int = 150,
) -> bytes:
    """PNG bytes for exports and the projector view."""
    return theme.to_png(round_figure(result, previous, session_name), dpi=dpi)


def _empty(text: str) -> Figure:
    with theme.style():
        fig, ax = theme.new_figure(10, 3)
        ax.axis("off")
        ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=16)
    return fig


def latest_ranking_png(results: list[RoundResult], session_name: str | None = None) -> bytes:
    """The latest dot round beside the dot round before it (re-vote next to first vote)."""
    dots = [r for r in results if r.mode == "dots" and r.participants]
    if not dots:
        return theme.to_png(_empty("Nog geen stippenronde met stemmen."))
    previous = dots[-2] if len(dots) > 1 else None
    return theme.to_png(ranking_figure(dots[-1], previous, session_name))


def latest_matrix_png(results: list[RoundResult], session_name: str | None = None) -> bytes:
    """The latest impact × haalbaarheid round."""
    matrix = [r for r in results if r.mode == "matrix" and r.participants]
    if not matrix:
        return theme.to_png(_empty("Nog geen impact × haalbaarheid-ronde met stemmen."))
    return theme.to_png(matrix_figure(matrix[-1], session_name))
