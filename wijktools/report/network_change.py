"""Report section and slides 'Netwerk: wat is er veranderd' for a vervolg session of an area."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from wijktools.figures import network_change as change_figure
from wijktools.figures import theme
from wijktools.network import compare, quality
from wijktools.network.compare import NetworkComparison, change_label, density_label
from wijktools.report.deck_profile import slide_png
from wijktools.report.model import Figure, KeyFigure, Section, Slide, Table, TextBlock, clean
from wijktools.store.sessions import get_session, previous_session

KEY = "netwerk_verandering"
TITLE = "Netwerk: wat is er veranderd"
FIGURE_DPI = 180  # as the report's other figures
HEADER = ["Verandering", "Van / organisatie", "Naar", "Soort"]
METHOD = (
    "Dezelfde organisatie in beide sessies: via de koppeling die een vervolgsessie bij het "
    "overnemen bewaart, anders op discipline en naam. Dichtheid = aantal verbonden paren "
    "ketenpartners gedeeld door alle mogelijke paren (meerdere soorten relaties tussen twee "
    "partners tellen als één)."
)


def comparison_for(conn: sqlite3.Connection, session_id: int) -> NetworkComparison | None:
    """The comparison a vervolg session shows; None for other kinds or without an earlier session."""
    if get_session(conn, session_id).kind != "vervolg":
        return None
    if previous_session(conn, session_id) is None:
        return None
    return compare.compare_with_previous(conn, session_id)


def _key_figures(c: NetworkComparison) -> list[KeyFigure]:
    b, a = c.before, c.after
    figures = [
        KeyFigure("Ketenpartners", f"{b.partners} → {a.partners}"),
        KeyFigure("Relaties", f"{b.relations} → {a.relations}"),
        KeyFigure(
            "Dichtheid",
            f"{density_label(b.density)} → {density_label(a.density)}",
            change_label(c.density_change),
        ),
        KeyFigure("Nieuwe relaties", str(len(c.new_relations))),
        KeyFigure("Verdwenen relaties", str(len(c.gone_relations))),
    ]
    for name in quality.SCORES:
        before, after = getattr(b, name), getattr(a, name)
        if before.mean is not None or after.mean is not None:
            figures.append(
                KeyFigure(f"{quality.MEAN_LABELS[name]} (1-4)", f"{before.label} → {after.label}")
            )
    return figures


def network_change_section(conn: sqlite3.Connection, session_id: int) -> Section | None:
    """New and gone relations, isolation and density against the area's earlier session."""
    c = comparison_for(conn, session_id)
    if c is None:
        return None
    section = Section(
        KEY,
        TITLE,
        intro=clean(f"Vergeleken met {c.before.label}."),
        key_figures=_key_figures(c),
    )
    for title, names in (
        ("Niet meer zonder relatie", c.no_longer_isolated),
        ("Nog steeds zonder relatie", c.still_isolated),
        ("Nu zonder relatie", c.newly_isolated),
    ):
        if names:
            section.texts.append(TextBlock(clean(", ".join(names)), title))
    rows = c.change_rows()
    if rows:
        section.tables.append(
            Table(
                KEY, "Veranderingen in het netwerk", HEADER, [[clean(v) for v in r] for r in rows]
            )
        )
    else:
        section.notes.append("Geen nieuwe of verdwenen relaties of ketenpartners.")
    source = change_figure.COMPARE_SOURCE.format(before=c.before.label, after=c.after.label)
    with theme.style():
        png = theme.to_png(change_figure.draw_comparison(c), dpi=FIGURE_DPI)
    section.figures.append(
        Figure(
            KEY, png, "Netwerkkaart van de verandering: nieuw groen, verdwenen onderbroken", source
        )
    )
    section.notes += [clean(n) for n in c.notes]
    section.notes.append(METHOD)
    if any(getattr(side, n).scored for side in (c.before, c.after) for n in quality.SCORES):
        section.notes.append(f"{quality.SOURCE}; gemiddelde vanaf {quality.MIN_SCORED} scores.")
    return section


def slides(conn: sqlite3.Connection, session_id: int) -> Iterator[Slide]:
    """The change map and the changes for the deck of a vervolg session."""
    c = comparison_for(conn, session_id)
    if c is None:
        return
    source = change_figure.COMPARE_SOURCE.format(before=c.before.label, after=c.after.label)
    yield Slide(
        KEY,
        TITLE,
        "picture",
        png=slide_png(lambda: change_figure.draw_comparison(c)),
        alt=clean(" ".join(c.summary_lines())),
        source=source,
        notes=[clean(line) for line in c.summary_lines()] + [METHOD],
    )
    rows = c.change_rows()
    if rows:
        yield Slide(
            f"{KEY}_tabel",
            "Nieuwe en verdwenen relaties",
            "table",
            table=Table(KEY, "", HEADER, [[clean(v) for v in r] for r in rows[:12]]),
            source=source,
            notes=[f"{len(rows)} veranderingen; de volledige lijst staat in het rapport."]
            if len(rows) > 12
            else [],
        )
