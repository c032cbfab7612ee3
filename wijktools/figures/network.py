"""The netwerkkaart of one session drawn for a page or a projector (the change map: network_change)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import textwrap
from typing import Any

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from wijktools import nl
from wijktools.figures import theme
from wijktools.network.graph import build_graph, isolated, missing_disciplines
from wijktools.store.sessions import get_session

DOMAIN_COLOURS = {
    "zorg": theme.PALETTE["blauw"],
    "welzijn": theme.PALETTE["groen"],
    "gemeente": theme.PALETTE["oranje"],
    "overig": theme.PALETTE["grijs"],
}
KIND_STYLES = {
    "verwijzen": ("solid", theme.PALETTE["zwart"]),
    "overleg/MDO": ("solid", theme.PALETTE["paars"]),
    "gedeelde cliënten": ("dashed", theme.PALETTE["rood"]),
    "informeel": ("dotted", theme.PALETTE["grijs"]),
}
POS = dict[int, tuple[float, float]]  # node -> (x, y) on the map
SOURCE = "Bron: sociale kaart werksessie '{name}' (invoer deelnemers), {date}; wijktools"


def circle_layout(graph: nx.MultiDiGraph) -> dict[int, tuple[float, float]]:
    """Linked partners on a circle grouped by domain and discipline; isolated in a row underneath.

    A circle keeps every label readable on a projector and puts a domain's partners side by side,
    so the bridges between zorg, welzijn and gemeente stand out.
    """
    alone = isolated(graph)
    order = {d: i for i, d in enumerate(DOMAIN_COLOURS)}
    linked = sorted(
        (n for n in graph if n not in alone),
        key=lambda n: (
            order[graph.nodes[n]["domein"]],
            graph.nodes[n]["discipline"].casefold(),
            graph.nodes[n]["organisatie"].casefold(),
        ),
    )
    pos: dict[int, tuple[float, float]] = {}
    if linked:
        circle = nx.circular_layout(linked, scale=1.0)
        pos = {n: (float(x), float(y)) for n, (x, y) in circle.items()}
    if alone:
        step = 2.4 / max(len(alone) - 1, 1)
        xs = [0.0] if len(alone) == 1 else [-1.2 + step * i for i in range(len(alone))]
        pos.update({n: (x, -1.75) for n, x in zip(alone, xs, strict=True)})
    return pos


def numbers(graph: nx.MultiDiGraph, pos: POS) -> dict[int, int]:
    """Node -> the number a slide shows in its circle: round the circle, then the row of the alone.

    On a slide (18 pt) the names of a dozen partners do not fit around the circle; the numbers do,
    and the deck lists number, name and discipline on the slide after (`slide_key`).
    """
    alone = set(isolated(graph))
    linked = [n for n in pos if n not in alone]
    below = sorted((n for n in pos if n in alone), key=lambda n: pos[n][0])
    return {n: i for i, n in enumerate([*linked, *below], start=1)}


def slide_key(conn: sqlite3.Connection, session_id: int) -> list[tuple[int, str, str, int]]:
    """(number, organisatie, discipline, relations) per partner, in the slide's numbering."""
    graph = build_graph(conn, session_id)
    numbered = numbers(graph, circle_layout(graph))
    return [
        (
            nr,
            graph.nodes[n]["organisatie"],
            graph.nodes[n]["discipline"],
            graph.degree(n),
        )
        for n, nr in sorted(numbered.items(), key=lambda item: item[1])
    ]


def partner_label(data: dict[str, Any]) -> str:
    """The name wrapped at 22 characters, under it the discipline (and ' · opnamestop')."""
    name = textwrap.fill(data["organisatie"], 22)
    stop = " · opnamestop" if data["opnamestop"] else ""
    return f"{name}\n({data['discipline']}{stop})"


def canvas(page: list[float], slide: list[float]) -> tuple[Figure, Any, Any]:
    """The figure at the current medium's size: the map left, the legend's side right (axes off).

    `page` and `slide` are the width ratios of map and side on paper and on a slide.
    """
    medium = theme.current_medium()
    size = (medium.width, medium.height) if medium.width and medium.height else (16, 9)
    fig = Figure(figsize=size, layout="constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=slide if medium.compact else page)
    ax, side = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
    ax.set_axis_off()
    side.set_axis_off()
    return fig, ax, side


def draw_edge(
    ax: Any,
    graph: nx.MultiDiGraph,
    pos: POS,
    edge: tuple[int, int, int, dict[str, Any]],
    **drawn: Any,
) -> None:
    """One relation: an arrow where it is directed, parallel relations bent apart by their key.

    `drawn`: width, style, edge_color, arrowsize and node_size of networkx's draw_networkx_edges.
    """
    u, v, key, data = edge
    nx.draw_networkx_edges(
        graph,
        pos,
        edgelist=[(u, v, key)],
        ax=ax,
        arrows=True,
        arrowstyle="-|>" if data["gericht"] else "-",
        connectionstyle=f"arc3,rad={0.08 + 0.12 * (key % 3)}",
        **drawn,
    )


def draw_node(ax: Any, graph: nx.MultiDiGraph, pos: POS, node: int, **drawn: Any) -> None:
    """One partner as a circle; `drawn` as networkx's draw_networkx_nodes takes it."""
    nx.draw_networkx_nodes(graph, pos, nodelist=[node], ax=ax, alpha=0.9, **drawn)


def outward_label(
    ax: Any,
    text: str,
    xy: tuple[float, float],
    outward: tuple[float, float],
    distance: float,
    **text_style: Any,
) -> Any:
    """A label beside its partner, away from the circle's centre, on a half-transparent white box."""
    return ax.annotate(
        text,
        xy,
        xytext=(distance * outward[0], distance * outward[1]),
        textcoords="offset points",
        ha="center" if abs(outward[0]) < 0.3 else ("left" if outward[0] > 0 else "right"),
        va="center" if abs(outward[1]) < 0.5 else ("bottom" if outward[1] > 0 else "top"),
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "linewidth": 0},
        **text_style,
    )


def side_box(side: Any, top: float, text: str, size: float, fill: str, edge: str) -> None:
    """A rounded, coloured box of text in the side panel, its top at `top` (axes fraction)."""
    side.text(
        0.0,
        top,
        text,
        va="top",
        ha="left",
        fontsize=theme.fs(size),
        transform=side.transAxes,
        bbox={"boxstyle": "round", "facecolor": fill, "edgecolor": edge},
    )


def _number_labels(ax: Any, graph: nx.MultiDiGraph, pos: dict[int, tuple[float, float]]) -> None:
    for node, nr in numbers(graph, pos).items():
        ax.annotate(
            str(nr),
            pos[node],
            ha="center",
            va="center",
            fontsize=theme.fs(10),
            fontweight="bold",
            color="white",
        )


def _name_labels(
    ax: Any, graph: nx.MultiDiGraph, pos: dict[int, tuple[float, float]], alone: set[int]
) -> None:
    """Name and discipline beside each partner, outward from the circle; 'geen relatie' above the alone."""
    for node, (x, y) in pos.items():
        outward = (0.0, -1.0) if node in alone else (x, y)
        label = partner_label(graph.nodes[node])
        outward_label(ax, label, (x, y), outward, 26, fontsize=theme.fs(10.5))
        if node in alone:
            ax.annotate(
                "geen relatie",
                (x, y),
                xytext=(0, 18),
                textcoords="offset points",
                ha="center",
                fontsize=theme.fs(10),
                color=theme.PALETTE["rood"],
            )


def draw(conn: sqlite3.Connection, session_id: int, today: dt.date | None = None) -> Figure:
    """The netwerkkaart: domain colours, edge width by intensity, isolated and missing shown."""
    session = get_session(conn, session_id)
    graph = build_graph(conn, session_id)
    missing = missing_disciplines(conn, session_id)
    alone = set(isolated(graph))
    with theme.style():
        medium = theme.current_medium()
        fig, ax, side = canvas(page=[4.2, 1], slide=[2.4, 1.6])
        ax.set_title(f"Netwerkkaart {session.area_name or session.area_code}: {session.name}")
        pos = circle_layout(graph)
        for edge in graph.edges(keys=True, data=True):
            style, colour = KIND_STYLES.get(edge[3]["soort"], ("solid", theme.PALETTE["zwart"]))
            draw_edge(
                ax,
                graph,
                pos,
                edge,
                width=1.5 + 2.5 * (edge[3]["intensiteit"] - 1),
                style=style,
                edge_color=colour,
                arrowsize=22,
                node_size=1100,
            )
        for node, data in graph.nodes(data=True):
            draw_node(
                ax,
                graph,
                pos,
                node,
                node_size=1100,
                node_color=DOMAIN_COLOURS[data["domein"]],
                edgecolors=theme.PALETTE["rood"] if node in alone else "white",
                linewidths=3.5 if node in alone else 1.5,
            )
        if medium.compact:  # a slide: the number in the circle, the names on the next slide
            _number_labels(ax, graph, pos)
        else:
            _name_labels(ax, graph, pos, alone)
        if alone:
            ax.axhline(-1.45, color=theme.PALETTE["grijs"], linewidth=0.8, linestyle=":")
        if not graph.number_of_nodes():
            ax.text(
                0.5, 0.5, "Nog geen ketenpartners ingevoerd", ha="center", transform=ax.transAxes
            )
        ax.margins(0.3, 0.12)
        handles = [Patch(color=c, label=d) for d, c in DOMAIN_COLOURS.items() if d != "overig"]
        handles += [
            Line2D([], [], linestyle=s, color=c, linewidth=2.5, label=k)
            for k, (s, c) in KIND_STYLES.items()
        ]
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=14,
                markerfacecolor="white",
                markeredgecolor=theme.PALETTE["rood"],
                markeredgewidth=3,
                label="zonder relatie",
            )
        )
        side.legend(
            handles=handles,
            loc="upper right" if medium.compact else "upper left",  # on a slide: inside the edge
            title="Legenda\n(dikte = intensiteit)"
            if medium.compact
            else "Legenda (dikte = intensiteit)",
            frameon=False,
            fontsize=theme.fs(11),
        )
        text = (
            "\n".join(f"• {d}" for d in missing)
            if missing
            else "geen: alle referentie-\ndisciplines aanwezig"
        )
        if not medium.compact:  # a slide deck lists the missing disciplines on a slide of its own
            side_box(
                side,
                0.64,
                "Ontbrekende disciplines\n" + text,
                12,
                "#FFF4DD",
                theme.PALETTE["oranje"],
            )
        when = nl.date(today or dt.date.today())
        theme.add_source(fig, SOURCE.format(name=session.name, date=when))
    return fig


def png(conn: sqlite3.Connection, session_id: int) -> bytes:
    """The netwerkkaart as PNG bytes, for notebooks and documents."""
    return theme.to_png(draw(conn, session_id))
