"""The slide deck of a session, computed once: the PowerPoint and reveal.js renderers only lay it out.

A kick-off starts with the data: title, kerncijfers, leeftijdsopbouw, gezondheid en welzijn, verwachte
zorgvraag, ligging, concept-knelpunten with their rule, sociale kaart, netwerkkaart, ontbrekende
disciplines, stemming, afspraken, volgende stappen, bronnen. Figures are drawn by the same figure
functions as the report, at slide size (theme.SLIDE: 16:9, no text under 18 pt).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from wijktools import theme
from wijktools.report import Chart, KeyFigure, Report, Slide, Table, clean

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from wijktools.profile import Profile

SLIDE_DPI = 150  # 12,1 inch wide: about 1800 pixels, sharp on a full-HD projector
HEALTH_PER_SLIDE = 5  # indicators per health slide: three bars each stay legible at 18 pt
KNELPUNTEN_PER_SLIDE = 4
AFSPRAKEN_PER_SLIDE = 5
AFSPRAKEN_COLUMNS = ("Afspraak", "Trekker", "Wanneer", "Status")
AGE_GROUPS = {"18+": "18 jaar en ouder", "65+": "65 jaar en ouder"}
COMPARED = "vergeleken met de gemeente en Nederland"


def _png(build: Callable[[], Figure | None]) -> bytes:
    """A figure function's figure drawn for a slide; empty when the function has nothing to draw."""
    with theme.medium(theme.SLIDE):
        fig = build()
        if fig is None:
            return b""
        _untitled(fig)
        return theme.to_png(fig, dpi=SLIDE_DPI)


def _untitled(fig: Figure) -> None:
    """The slide's own title says what the figure shows; the figure's title would say it twice."""
    for ax in fig.axes:
        ax.set_title("")
        ax.set_title("", loc="left")
    if fig._suptitle is not None:  # matplotlib keeps the suptitle only here
        fig._suptitle.set_text("")


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    """Split into parts of at most `size`, as even as possible (9 → 5 + 4, not 5 + 4 + 0)."""
    if not items:
        return []
    parts = -(-len(items) // size)
    per = -(-len(items) // parts)
    return [items[i : i + per] for i in range(0, len(items), per)]


def _numbered(title: str, index: int, total: int) -> str:
    return f"{title} ({index}/{total})" if total > 1 else title


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{theme.fmt_number(value, 0)}%"


# --- profile --------------------------------------------------------------------------------


def _rows(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["key"], r.get("age_group") or ""): r for r in data.get("indicatoren") or []}


def _series(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(row field, legend name, colour): the area against its gemeente and the Netherlands."""
    gebied = data.get("gebied") or {}
    out = [("value", clean(gebied.get("naam") or gebied.get("code") or "Gebied"), theme.AREA)]
    if gebied.get("gemeentenaam") and gebied.get("soort") != "gemeente":
        out.append(("gemeente", f"Gemeente {clean(gebied['gemeentenaam'])}", theme.GEMEENTE))
    if gebied.get("soort") != "land":
        out.append(("nederland", "Nederland", theme.NEDERLAND))
    return out


def _chart(data: dict[str, Any], rows: list[dict[str, Any]], labels: list[str], axis: str) -> Chart:
    series = _series(data)
    return Chart(
        "bar",
        labels,
        [(name, [r.get(attr) for r in rows]) for attr, name, _c in series],
        number_format="0",
        axis_title=axis,
        colours=[c for _a, _n, c in series],
    )


def _value_notes(data: dict[str, Any], rows: list[dict[str, Any]], labels: list[str]) -> list[str]:
    """Every number of the chart in words (screen readers, and the adviser's own crib sheet)."""
    series = _series(data)
    lines = []
    for row, label in zip(rows, labels, strict=True):
        parts = [f"{name} {_pct(row.get(attr))}" for attr, name, _c in series]
        if row.get("peers") is not None:
            parts.append(f"vergelijkbare gebieden {_pct(row['peers'])}")
        lines.append(f"{label}: " + ", ".join(parts) + f" ({row.get('year') or 'jaar onbekend'})")
    return lines


def _kwb_source(rows: list[dict[str, Any]]) -> str:
    years = sorted({str(r["year"]) for r in rows if r.get("year")})
    return theme.CBS_KWB_SOURCE.format(year=", ".join(years) or "–")


def profile_slides(data: dict[str, Any], profile: Profile | None = None) -> list[Slide]:
    """The data slides of a wijkprofiel; figures only when the Profile object itself is given."""
    from wijktools import figures
    from wijktools.report_profile import KEY_FIGURES, fmt_value

    rows = _rows(data)
    gebied = data.get("gebied") or {}
    gemeente = clean(gebied.get("gemeentenaam") or "gemeente")
    slides: list[Slide] = []

    tiles, notes = [], []
    for key, age, label in KEY_FIGURES:
        row = rows.get((key, age))
        if row is None or row.get("value") is None:
            continue
        unit = row.get("unit", "")
        tiles.append(
            KeyFigure(
                label,
                fmt_value(row["value"], unit),
                f"{gemeente}: {fmt_value(row.get('gemeente'), unit)}",
            )
        )
        notes.append(
            f"{label}: {fmt_value(row['value'], unit)}; Nederland {fmt_value(row.get('nederland'), unit)}. "
            f"Bron: {clean(row.get('source'))} {row.get('year') or ''}".strip()
        )
    if tiles:
        slides.append(
            Slide("kerncijfers", "Kerncijfers", "figures", key_figures=tiles, notes=notes)
        )

    age_rows = [rows.get((k, "")) for k, _label in figures.AGE_KEYS]
    if all(r is not None for r in age_rows):
        labels = [f"{label} jaar" for _k, label in figures.AGE_KEYS]
        source = _kwb_source(age_rows)
        slides.append(
            Slide(
                "leeftijdsopbouw",
                "Leeftijdsopbouw",
                "chart",
                subtitle=f"Aandeel van de inwoners per leeftijdsgroep, {COMPARED}",
                chart=_chart(data, age_rows, labels, "% van de inwoners"),
                png=_png(lambda: figures.age_structure(profile)) if profile else b"",
                alt="Aandeel per leeftijdsgroep: "
                + "; ".join(_value_notes(data, age_rows, labels)),
                source=source,
                notes=[
                    *_value_notes(data, age_rows, labels),
                    source,
                    "CBS publiceert per wijk alleen de groep 65+; 75+ en 80+ zijn per wijk niet beschikbaar.",
                ],
            )
        )

    for group, words in AGE_GROUPS.items():
        present = [
            k for k in figures.HEALTH_KEYS if rows.get((k, group), {}).get("value") is not None
        ]
        parts = _chunks(present, HEALTH_PER_SLIDE)
        for i, keys in enumerate(parts, start=1):
            part_rows = [rows[(k, group)] for k in keys]
            labels = [clean(r.get("label", r["key"])).split(" (")[0] for r in part_rows]
            years = sorted({str(r["year"]) for r in part_rows if r.get("year")})
            source = theme.RIVM_SOURCE.format(year=", ".join(years))
            slides.append(
                Slide(
                    f"gezondheid_{group}_{i}",
                    _numbered(f"Gezondheid en welzijn {group}", i, len(parts)),
                    "chart",
                    subtitle=f"Inwoners van {words}, {COMPARED}",
                    chart=_chart(data, part_rows, labels, f"% van de inwoners van {words}"),
                    png=_png(
                        lambda keys=tuple(keys), group=group: figures.health(profile, group, keys)
                    )
                    if profile
                    else b"",
                    alt="; ".join(_value_notes(data, part_rows, labels)),
                    source=source,
                    notes=[
                        *_value_notes(data, part_rows, labels),
                        source,
                        "RIVM-schattingen uit de Gezondheidsmonitor; kleine verschillen vallen "
                        "binnen de onzekerheid van de schatting.",
                    ],
                )
            )

    zorg = data.get("zorgvraag")
    if zorg and zorg.get("years"):
        years = zorg["years"]
        bands = list(years[0]["per_band"])
        source = (
            f"Bron: Nivel Zorgregistraties eerste lijn 2017; CBS KWB {zorg.get('base_year')}, "
            "CBS 70072NED 2025; CC BY 4.0"
        )
        totals = [
            f"{theme.fmt_number(y['contacten'])} (index {theme.fmt_number(y['index'])})"
            for y in years
        ]
        slides.append(
            Slide(
                "zorgvraag",
                "Verwachte zorgvraag",
                "chart",
                subtitle="Contacten met de huisartsenpraktijk per jaar",
                chart=Chart(
                    "column_stacked",
                    [str(y["year"]) for y in years],
                    [(f"{b} jaar", [y["per_band"][b] for y in years]) for b in bands],
                    number_format="#,##0",
                    axis_title="verwachte contacten per jaar",
                    colours=theme.SERIES[: len(bands)],
                    point_labels=totals,
                ),
                png=_png(lambda: figures.demand(profile)) if profile else b"",
                alt="Verwachte contacten: "
                + "; ".join(f"{y['year']}: {t}" for y, t in zip(years, totals, strict=True)),
                source=source,
                notes=[
                    *(
                        f"{y['year']}: {t}, {theme.fmt_number(y['contacten_per_inwoner'], 2)} per inwoner"
                        for y, t in zip(years, totals, strict=True)
                    ),
                    "Regel: leeftijdsopbouw van het gebied × landelijke contactfrequentie per "
                    "leeftijd (Nivel 2017), doorgeschoven naar 2030 en 2040 (cohortverschuiving, "
                    "geen migratie of beleid).",
                    source,
                ],
            )
        )

    if profile is not None:
        fig_note: list[str] = []

        def _map() -> Figure | None:
            fig, note = figures.area_map(profile)
            fig_note.append(note)
            return fig

        png = _png(_map)
        if png:
            slides.append(
                Slide(
                    "kaart",
                    "Ligging in de gemeente",
                    "picture",
                    png=png,
                    alt=f"Kaart: {clean(gebied.get('naam'))} in de gemeente {gemeente}",
                    source=figures.MAP_SOURCE,
                    notes=[*fig_note, figures.MAP_SOURCE],
                )
            )
        elif fig_note:
            slides.append(Slide("kaart", "Ligging in de gemeente", "bullets", bullets=fig_note))

    drafts = data.get("knelpunten") or []
    pages = _chunks(drafts, KNELPUNTEN_PER_SLIDE)
    for i, page in enumerate(pages, start=1):
        slides.append(
            Slide(
                f"concept_knelpunten_{i}",
                _numbered("Concept-knelpunten uit de cijfers", i, len(pages)),
                "table",
                table=Table(
                    "concept_knelpunten",
                    "",
                    ["Knelpunt", "Cijfers", "Regel"],
                    [
                        [clean(k.get("titel")), clean(k.get("tekst")), clean(k.get("regel"))]
                        for k in page
                    ],
                ),
                notes=[
                    f"{clean(k.get('titel'))}: regel '{clean(k.get('regel'))}'"
                    + (f", drempel {clean(k.get('drempel'))}" if k.get("drempel") else "")
                    + f". Bron: {clean(k.get('bron'))}"
                    + (f" {k['jaar']}" if k.get("jaar") else "")
                    + "."
                    for k in page
                ]
                + [
                    "Een begin voor het gesprek: de zaal past ze aan, laat ze vallen of vult ze aan."
                ],
            )
        )
    return slides


# --- workshop -------------------------------------------------------------------------------


def _optional(name: str) -> Any:
    from wijktools.report_sections import optional_module

    return optional_module(name)


def _sociale_kaart(
    conn: sqlite3.Connection, session_id: int, partners: list[dict[str, Any]]
) -> Iterator[Slide]:
    from wijktools.report_sections import _discipline_figure, has_table

    if not partners:
        yield Slide(
            "sociale_kaart",
            "Sociale kaart",
            "bullets",
            bullets=["Er zijn nog geen ketenpartners vastgelegd voor deze sessie."],
        )
        return
    counts = Counter(clean(p["discipline"]) for p in partners)
    labels = sorted(counts, key=lambda d: (-counts[d], d))
    stops = sum(1 for p in partners if p.get("opnamestop"))
    relations = (
        len([r for r in _rows_of(conn, "relations", session_id)])
        if has_table(conn, "relations")
        else 0
    )
    summary = (
        f"{len(partners)} ketenpartners uit {len(counts)} disciplines; "
        f"{stops} met opnamestop; {relations} samenwerkingsrelaties"
    )
    with theme.medium(theme.SLIDE):
        figure = _discipline_figure(partners, SLIDE_DPI)  # the report's figure, at slide size
    source = "Bron: sociale kaart van de werksessie"
    yield Slide(
        "sociale_kaart",
        "Sociale kaart",
        "chart",
        subtitle=summary,
        chart=Chart(
            "bar",
            labels,
            [("Ketenpartners", [counts[d] for d in labels])],
            axis_title="aantal ketenpartners",
            colours=[theme.AREA],
        ),
        png=figure.png,
        alt="Ketenpartners per discipline: " + ", ".join(f"{d} {counts[d]}" for d in labels),
        source=source,
        notes=[summary + ".", source + "; de volledige lijst staat in het Excel-bestand."],
    )
    network = _optional("wijktools.network")
    if network is None:
        return
    png = _png(lambda: network.draw(conn, session_id))
    source = "Bron: sociale kaart en relaties uit de werksessie"
    yield Slide(
        "netwerkkaart",
        "Netwerkkaart",
        "picture",
        png=png,
        alt=f"Netwerkkaart van {len(partners)} ketenpartners en {relations} relaties",
        source=source,
        notes=[
            "Kleur = domein (zorg, welzijn, gemeente), lijndikte = intensiteit, pijl = verwijzen. "
            "Partners zonder relatie staan onderaan met een rode rand.",
            source,
        ],
    )
    missing = network.missing_disciplines(conn, session_id)
    yield Slide(
        "ontbrekende_disciplines",
        "Ontbrekende disciplines",
        "bullets",
        bullets=[clean(m) for m in missing]
        or ["Alle disciplines uit de referentieset zijn aan tafel."],
        notes=[
            "Regel: disciplines uit de referentieset voor wijkgerichte samenwerking zonder één "
            "ketenpartner op de sociale kaart van deze sessie.",
        ],
    )


def _rows_of(conn: sqlite3.Connection, table: str, session_id: int) -> list[dict[str, Any]]:
    from wijktools import store

    return store.rows(conn, table, {"session_id": session_id})


def _votes(conn: sqlite3.Connection, session_id: int, report: Report) -> Iterator[Slide]:
    priorities = _optional("wijktools.priorities")
    results = (
        [r for r in priorities.session_results(conn, session_id) if r.participants]
        if priorities is not None
        else []
    )
    if not results:
        top = report.find_table("top_knelpunten")
        yield Slide(
            "knelpunten",
            "Knelpunten van de sessie",
            "table" if top and top.rows else "bullets",
            table=top if top and top.rows else None,
            bullets=[] if top and top.rows else ["Er zijn nog geen knelpunten geprioriteerd."],
        )
        return
    from wijktools import figures_votes

    last = results[-1]
    previous = results[-2] if len(results) > 1 and results[-2].mode == last.mode else None
    dots = last.mode == "dots"
    rows = last.rows[:8]
    series = [(clean(last.title), [r.score for r in rows])]
    if previous is not None:
        before = {r.knelpunt_id: r.score for r in previous.rows}
        series.append((clean(previous.title), [before.get(r.knelpunt_id, 0) for r in rows]))
    source = figures_votes.source_line(last, report.meta.session_name)
    png = _png(lambda: figures_votes.ranking_figure(last, previous, report.meta.session_name))
    yield Slide(
        "stemming",
        "Uitslag van de stemming",
        "chart",
        subtitle=clean(last.title),
        chart=Chart(
            "bar",
            [f"{r.rank_label}  {clean(r.title)}" for r in rows],
            series,
            number_format="0" if dots else "0.0",
            axis_title="aantal stippen" if dots else "impact × haalbaarheid (gemiddeld)",
            colours=[theme.AREA, theme.NEDERLAND][: len(series)],
        ),
        png=png,
        alt="Uitslag: " + "; ".join(f"{r.rank_label} {clean(r.title)}: {r.score:g}" for r in rows),
        source=source,
        notes=[
            *(
                f"{r.rank_label} {clean(r.title)}: {theme.fmt_number(r.score, 0 if dots else 1)}"
                for r in last.rows
            ),
            "Een gelijke stand staat als '2=' in grafiek en lijst.",
            source,
        ],
    )


def _afspraken(report: Report) -> Iterator[Slide]:
    afspraken = report.find_table("afspraken")
    if afspraken is None or not afspraken.rows:
        yield Slide(
            "afspraken",
            "Samenwerkingsafspraken",
            "bullets",
            bullets=["Nog geen afspraken vastgelegd."],
        )
        return
    index = [afspraken.header.index(c) for c in AFSPRAKEN_COLUMNS if c in afspraken.header]
    header = [afspraken.header[i] for i in index]
    rows = [[row[i] for i in index] for row in afspraken.rows]
    pages = [rows[i : i + AFSPRAKEN_PER_SLIDE] for i in range(0, len(rows), AFSPRAKEN_PER_SLIDE)]
    for n, page in enumerate(pages, start=1):
        yield Slide(
            f"afspraken_{n}" if n > 1 else "afspraken",
            _numbered("Samenwerkingsafspraken", n, len(pages)),
            "table",
            table=Table("afspraken", "", header, page),
        )


def build(
    report: Report,
    conn: sqlite3.Connection,
    session_id: int,
    partners: list[dict[str, Any]],
    profile_slides: list[Slide],
) -> list[Slide]:
    """Every slide in order; a session without an area gets the deck without the data slides."""
    meta = report.meta
    if report.key_figures and not any(s.key == "kerncijfers" for s in profile_slides):
        # a profile given in the report's own shape brings key figures but no indicator rows
        profile_slides = [
            Slide("kerncijfers", "Kerncijfers", "figures", key_figures=report.key_figures),
            *profile_slides,
        ]
    slides = [
        Slide(
            "titel",
            report.title,
            "title",
            subtitle=report.subtitle,
            bullets=[meta.contact_statement],
            notes=[f"Gemaakt met wijktools op {meta.generated_label}."],
        ),
        *profile_slides,
        *_sociale_kaart(conn, session_id, partners),
        *_votes(conn, session_id, report),
        *_afspraken(report),
        Slide("volgende_stappen", "Volgende stappen", "bullets", bullets=list(report.next_steps)),
        Slide(
            "bronnen",
            "Bronnen",
            "bullets",
            bullets=[*report.attribution_lines, meta.contact_statement],
        ),
    ]
    return slides
