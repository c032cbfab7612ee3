"""The change between two sessions on one netwerkkaart: new relations green, gone dashed red."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from wijktools.errors import ValidationError
from wijktools.figures import theme
from wijktools.figures.network import (
    DOMAIN_COLOURS,
    canvas,
    circle_layout,
    draw_edge,
    draw_node,
    outward_label,
    partner_label,
    side_box,
)
from wijktools.network.compare import NetworkComparison, density_label
from wijktools.network.graph import isolated
from wijktools.paths import write_bytes_atomic

CHANGE_STYLES = {  # status -> (line style, colour, Dutch legend text)
    "nieuw": ("solid", theme.PALETTE["groen"], "nieuwe relatie"),
    "verdwenen": ("dashed", theme.PALETTE["rood"], "verdwenen relatie (onderbroken lijn)"),
    "gebleven": ("solid", theme.PALETTE["grijs"], "relatie in beide sessies"),
}
COMPARE_SOURCE = (
    "Bron: sociale kaart en relaties van de werksessies '{before}' en '{after}'; wijktools"
)


def _ring(colour: str, label: str) -> Line2D:
    """A legend entry for a node outline (isolated partner, partner no longer on the map)."""
    return Line2D(
        [], [], marker="o", linestyle="", markersize=14, markerfacecolor="white",
        markeredgecolor=colour, markeredgewidth=3, label=label,
    )  # fmt: skip


def _change_graph(comparison: NetworkComparison) -> nx.MultiDiGraph:
    """Both sessions' partners and relations in one graph, so both share one layout."""
    graph = nx.MultiDiGraph()
    for n in comparison.nodes:
        graph.add_node(
            n.key,
            organisatie=n.organisatie,
            discipline=n.discipline,
            domein=n.domein,
            opnamestop=n.opnamestop,
            before=n.before,
            after=n.after,
        )
    for e in comparison.edges:
        graph.add_edge(e.van, e.naar, status=e.status, gericht=e.gericht, intensiteit=e.intensiteit)
    return graph


def draw_comparison(comparison: NetworkComparison) -> Figure:
    """The change between two sessions on one netwerkkaart: new in green, gone dashed red."""
    graph = _change_graph(comparison)
    lonely_now = set(comparison.after.isolated)  # names on the later sociale kaart
    with theme.style():
        medium = theme.current_medium()
        fig, ax, side = canvas(page=[3.6, 1.4], slide=[3.4, 1.0])
        ax.set_title(
            f"Netwerk {comparison.area_name}\n{comparison.before.name} → {comparison.after.name}"
        )
        pos = circle_layout(graph)
        for edge in graph.edges(keys=True, data=True):
            status = edge[3]["status"]
            style, colour, _ = CHANGE_STYLES[status]
            draw_edge(
                ax,
                graph,
                pos,
                edge,
                width=1.2
                + 1.6 * (edge[3]["intensiteit"] - 1)
                + (1.0 if status != "gebleven" else 0),
                style=style,
                edge_color=colour,
                arrowsize=20,
                node_size=1000,
            )
        for node, data in graph.nodes(data=True):
            alone = data["after"] and data["organisatie"] in lonely_now
            draw_node(
                ax,
                graph,
                pos,
                node,
                node_size=1000,
                node_color=DOMAIN_COLOURS[data["domein"]] if data["after"] else "white",
                edgecolors=theme.PALETTE["rood"]
                if alone
                else ("white" if data["after"] else theme.PALETTE["grijs"]),
                linewidths=3.5 if alone or not data["after"] else 1.5,
            )
        bottom = set(isolated(graph))
        # On a slide (18 pt) every label does not fit: name only who changed, and who is alone.
        changed = {n for e in comparison.edges if e.status != "gebleven" for n in (e.van, e.naar)}
        changed |= {n.key for n in comparison.nodes if n.before != n.after}
        changed |= {n.key for n in comparison.nodes if n.after and n.organisatie in lonely_now}
        for node, (x, y) in pos.items():
            data = graph.nodes[node]
            if medium.compact and node not in changed:
                continue
            outward = (0.0, -1.0) if node in bottom else (x, y)
            mark = (
                ""
                if data["before"] == data["after"]
                else ("\nnieuw" if data["after"] else "\nniet meer op de kaart")
            )
            text = outward_label(
                ax,
                partner_label(data) + mark,
                (x, y),
                outward,
                24,
                fontsize=theme.fs(10),
                color=theme.PALETTE["zwart"] if data["after"] else theme.PALETTE["grijs"],
            )
            # A slide keeps the map its size; the margins leave room for the few labels.
            text.set_in_layout(not medium.compact)
        if bottom:
            ax.axhline(-1.45, color=theme.PALETTE["grijs"], linewidth=0.8, linestyle=":")
        if not graph.number_of_nodes():
            ax.text(
                0.5,
                0.5,
                "In geen van beide sessies ketenpartners",
                ha="center",
                transform=ax.transAxes,
            )
        ax.margins(*((0.6, 0.35) if medium.compact else (0.3, 0.12)))
        short = medium.compact  # a slide has room for short legend lines only
        handles = [
            Line2D([], [], linestyle=s, color=c, linewidth=3, label=status if short else label)
            for status, (s, c, label) in CHANGE_STYLES.items()
        ]
        if not medium.compact:  # on a slide the domain colours are explained by the netwerkkaart
            handles += [Patch(color=c, label=d) for d, c in DOMAIN_COLOURS.items() if d != "overig"]
        alone = "zonder relatie" if short else f"zonder relatie in '{comparison.after.name}'"
        handles += [
            _ring(theme.PALETTE["rood"], alone),
            _ring(
                theme.PALETTE["grijs"], "niet meer op de " + ("kaart" if short else "sociale kaart")
            ),
        ]
        side.legend(
            handles=handles,
            loc="upper right" if medium.compact else "upper left",
            title="Legenda" if short else "Legenda (dikte = intensiteit)",
            frameon=False,
            fontsize=theme.fs(10.5),
        )
        if not medium.compact:  # a slide shows the figures in its own notes and table
            b, a = comparison.before, comparison.after
            counts = (
                f"Ketenpartners: {b.partners} → {a.partners}\n"
                f"Relaties: {b.relations} → {a.relations}\n"
                f"Dichtheid: {density_label(b.density)} → {density_label(a.density)}"
            )
            side_box(side, 0.30, counts, 11, "#EEF5E9", theme.PALETTE["groen"])
        theme.add_source(
            fig,
            COMPARE_SOURCE.format(before=comparison.before.label, after=comparison.after.label),
        )
    return fig


def comparison_png(comparison: NetworkComparison) -> bytes:
    """The change map as PNG bytes, for the CLI, notebooks and documents."""
    return theme.to_png(draw_comparison(comparison))


def write_comparison(comparison: NetworkComparison, path: str | Path) -> Path:
    """The change map as a PNG file, written whole or not at all."""
    target = Path(path)
    if target.suffix.lower() != ".png":
        raise ValidationError(f"Kies een .png-bestand voor de figuur, niet '{target.name}'.")
    return write_bytes_atomic(target, comparison_png(comparison))
