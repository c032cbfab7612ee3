"""The section and slide 'Capaciteit en zorgvraag' from the one Capacity record (workshop.capacity)."""

from __future__ import annotations

from wijktools import nl
from wijktools.figures import theme
from wijktools.figures.capacity import capacity_gap
from wijktools.report.deck_profile import slide_png
from wijktools.report.model import Figure, KeyFigure, Section, Slide, Table, TextBlock, clean
from wijktools.workshop.capacity import TITLE, Capacity, fte_text, gap_number

KEY = "capaciteit"
FIGURE_DPI = 180


def key_figures(cap: Capacity) -> list[KeyFigure]:
    """FTE totals and ratios in Dutch notation; none when nothing was entered."""
    if cap.fte_huisarts is None:
        return []
    out = [KeyFigure("Fte huisarts op de sociale kaart", cap.totals[0])]
    if cap.totals[1:]:
        out.append(KeyFigure("Praktijkondersteuning", ", ".join(cap.totals[1:])))
    if cap.inwoners_per_fte is not None:
        out.append(
            KeyFigure(
                "Inwoners per fte huisarts",
                nl.number(cap.inwoners_per_fte),
                f"{nl.number(cap.inwoners)} inwoners, {cap.inwoners_jaar}",
            )
        )
    if cap.patienten_per_fte is not None:
        out.append(
            KeyFigure(
                "Ingeschreven patiënten per fte huisarts",
                nl.number(cap.patienten_per_fte),
                f"{nl.number(cap.ingeschreven_patienten)} patiënten bij "
                f"{fte_text(cap.fte_met_patienten or 0)} huisarts",
            )
        )
    out.append(
        KeyFigure(
            "Norm (normpraktijk)",
            f"{nl.number(cap.norm.patienten_per_fte)} patiënten per fte huisarts",
            cap.norm.bron_kort,
        )
    )
    return out


def table(cap: Capacity) -> Table | None:
    """FTE needed per year against the FTE entered."""
    if not cap.complete or cap.fte_huisarts is None:
        return None
    rows = [
        [
            str(y.jaar),
            nl.number(cap.fte_huisarts, 1),
            nl.number(y.fte_nodig, 1),
            gap_number(y.tekort) if y.tekort > 0 else nl.number(y.tekort, 1),
            nl.percent(100 * (y.groei - 1), 1) if y.jaar != cap.jaren[0].jaar else "–",
        ]
        for y in cap.jaren
    ]
    return Table(
        "capaciteit",
        "Fte huisarts: ingevuld en nodig volgens de norm",
        ["Jaar", "Fte ingevuld", "Fte nodig", "Tekort (+) of ruimte (−)", "Groei zorgvraag"],
        rows,
        f"Norm: {cap.norm.label}. Groei: {cap.groei_bron or 'geen prognose'}.",
    )


def figure(cap: Capacity, dpi: int = FIGURE_DPI) -> Figure | None:
    """The gap as a bar chart, the same function as the slide's."""
    fig = capacity_gap(cap)
    if fig is None:
        return None
    caption = f"Huisartscapaciteit in {clean(cap.gebied)}: ingevuld tegenover nodig volgens de norm"
    return Figure("capaciteit", theme.to_png(fig, dpi), caption, cap.norm.label)


def section(cap: Capacity | None) -> Section | None:
    """The report's section; a missing FTE or profile says plainly what to fill in."""
    if cap is None:
        return None
    out = Section(KEY, TITLE)
    out.intro = clean(cap.sentence)
    if not cap.complete:
        out.notes.append(clean(cap.ontbreekt))
        out.key_figures = key_figures(cap)
        return out
    out.key_figures = key_figures(cap)
    found = figure(cap)
    if found is not None:
        out.figures.append(found)
    rows = table(cap)
    if rows is not None:
        out.tables.append(rows)
    if cap.zonder_fte:
        out.notes.append(
            "Zonder fte ingevuld (niet meegeteld): " + clean(", ".join(cap.zonder_fte)) + "."
        )
    out.texts.append(
        TextBlock(" ".join(clean(t) for t in cap.niet_meegenomen), "Wat dit niet meeneemt")
    )
    out.texts.append(TextBlock(clean(cap.norm.bron), "Bron van de norm"))
    return out


def slides(cap: Capacity | None) -> list[Slide]:
    """One slide: the figure at slide size with the sentence, or what to fill in.

    A session without an area and without FTE gets no slide: its deck has no data slides at all.
    """
    if cap is None or (cap.inwoners is None and cap.fte_huisarts is None):
        return []
    notes = [cap.sentence, *cap.niet_meegenomen, f"Norm: {cap.norm.bron}"]
    if not cap.complete:
        return [Slide(KEY, TITLE, "bullets", bullets=[clean(cap.ontbreekt)], notes=notes)]
    return [
        Slide(
            KEY,
            TITLE,
            "picture",
            subtitle=clean(", ".join(cap.totals)),
            png=slide_png(lambda: capacity_gap(cap)),
            alt=clean(cap.sentence),
            source=f"Bron: sociale kaart van de werksessie; norm {cap.norm.label}",
            notes=[clean(n) for n in notes],
        )
    ]


def for_report(conn: object, session_id: int, profile: object) -> Capacity | None:
    """The session's Capacity: the one the profile already carries, else computed once here."""
    from wijktools.workshop.capacity import for_session

    attached = getattr(profile, "capaciteit", None)
    if isinstance(attached, Capacity):
        return attached
    if isinstance(profile, str | bytes):
        import json

        profile = json.loads(profile)
    return for_session(conn, session_id, profile if profile is not None else {})  # type: ignore[arg-type]


def lines(cap: Capacity) -> list[str]:
    """The section as plain Dutch lines, for the command line."""
    out = [TITLE, cap.sentence if cap.complete else cap.ontbreekt]
    out += [
        f"- {k.label}: {k.value}" + (f" ({k.note})" if k.note else "") for k in key_figures(cap)
    ]
    rows = table(cap)
    if rows is not None:
        out.append(" | ".join(rows.header))
        out += [" | ".join(str(c) for c in row) for row in rows.rows]
    if cap.zonder_fte:
        out.append("Zonder fte ingevuld (niet meegeteld): " + ", ".join(cap.zonder_fte))
    gap = cap.gap_year
    out.append(
        f"Concept-knelpunt 'capaciteit': ja ({gap.jaar})"
        if gap
        else "Concept-knelpunt 'capaciteit': nee (tekort onder de drempel of niet te berekenen)"
    )
    out.append("Niet meegenomen:")
    out += [f"- {text}" for text in cap.niet_meegenomen]
    out.append(
        f"Norm ({'eigen norm van deze sessie' if cap.norm.eigen else 'standaard'}): {cap.norm.bron}"
    )
    return out
