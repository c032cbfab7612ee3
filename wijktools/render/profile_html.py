"""wijkprofiel.html: one self-contained, printable Dutch file (images inline, no external URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from wijktools.figures import profile as figures
from wijktools.figures import render as figure_render
from wijktools.figures.theme import fmt_number
from wijktools.nl import level_plural
from wijktools.opendata.codebook import LICENSE
from wijktools.paths import exports_dir, slug, write_text_atomic
from wijktools.profile import significance
from wijktools.profile.model import Comparison, IndicatorRow, Profile, spoken, to_json
from wijktools.profile.notes import no_knelpunt_reason
from wijktools.render import capacity_html
from wijktools.render.env import render

THEMES = {
    "bevolking": "Bevolking",
    "huishoudens": "Huishoudens",
    "voorzieningen": "Voorzieningen",
    "gezondheid": "Gezondheid",
    "welzijn": "Welzijn",
    "leefstijl": "Leefstijl",
    "sociaaleconomisch": "Sociaaleconomisch",
    "zorggebruik": "Zorggebruik",
    "wonen": "Wonen",
}
KEY_FIGURES = (
    ("AantalInwoners", ""),
    ("aandeel_65_plus", ""),
    ("ErvarenGezondheidGoedZeerGoed", "18+"),
    ("Eenzaam", "18+"),
)


def value_text(row: IndicatorRow | None, attr: str = "value") -> str:
    """A value formatted by its kind; a comparison from another year says which year."""
    if row is None:
        return "–"
    value = getattr(row, attr)
    if value is None:
        return "–"
    if row.unit == "code":
        text = fmt_number(value, 0)
    elif row.kind == "aantal":
        # one decimal as CBS publishes a household size (the report's table too: '2,1', not '2,08')
        text = fmt_number(value, 0 if float(value).is_integer() or abs(value) >= 100 else 1)
    else:
        # 'aantal inwoners per km²': whole, as CBS publishes it and the report shows it ('67', not '67,0')
        whole = row.unit.startswith("aantal ") or (abs(value) >= 100 and row.unit != "%")
        text = fmt_number(value, 0 if whole else 1)
        unit = row.unit.removeprefix("aantal ")
        text = f"{text} %" if row.unit == "%" else f"{text} {unit}".strip()
    other = {"gemeente": row.jaar_gemeente, "nederland": row.jaar_nederland}.get(attr)
    if other and row.year and other != row.year:
        text += f" ({other})"
    return text


def trend_text(trend: dict[int, float]) -> str:
    """'35,5 → 39,8 → 45,6 (2012-2020)'."""
    if len(trend) < 2:
        return ""
    years = list(trend)
    values = " → ".join(fmt_number(v, 1) for v in trend.values())
    return f"{values} ({years[0]}-{years[-1]})"


def significance_text(row: IndicatorRow) -> str:
    """'47,0-53,2: significant hoger dan gemeente' where an interval exists; '' otherwise."""
    if row.ondergrens is None or row.bovengrens is None:
        return ""
    span = f"{fmt_number(row.ondergrens, 1)}-{fmt_number(row.bovengrens, 1)}"
    marks = significance.marks_text(row.significant_gemeente, row.significant_nederland)
    return f"{span}: {marks}" if marks else span


def compared_text(comparisons: list[Comparison]) -> str:
    """'gebied vergeleken met gemeente, Nederland en vergelijkbare gebieden' (the table's caption)."""
    listed = spoken(comparisons)
    return f"gebied vergeleken met {listed}" if listed else "waarden van het gebied"


def has_intervals(profile: Profile) -> bool:
    """The column for the 95 %-interval only appears when some indicator has one (no empty column)."""
    return any(r.ondergrens is not None for r in profile.indicatoren)


def _sections(profile: Profile) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in profile.indicatoren:
        groups.setdefault(row.theme, []).append(
            {
                "label": row.label,
                "jaar": row.year,
                "tabel": row.table,
                "gebied": value_text(row),
                "gemeente": value_text(row, "gemeente"),
                "nederland": value_text(row, "nederland"),
                "peers": value_text(row, "peers"),
                "trend": trend_text(row.trend),
                "significant": significance_text(row),
            }
        )
    order = list(THEMES)
    return [
        {"titel": THEMES.get(theme, theme.capitalize()), "rijen": rows}
        for theme, rows in sorted(
            groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
        )
    ]


def _missing_by_reason(profile: Profile) -> list[dict[str, str]]:
    """One line per reason: a wijk with a changed code would otherwise list 60 identical reasons."""
    groups: dict[str, list[str]] = {}
    for m in profile.ontbreekt:
        groups.setdefault(m.reden, []).append(m.label)
    return [{"reden": reason, "labels": ", ".join(labels)} for reason, labels in groups.items()]


def _span(value: float | None, low: float | None, high: float | None, decimals: int = 0) -> str:
    """'12.500 (12.100-12.900)': a range wherever the method is uncertain; '–' when not anchored."""
    text = fmt_number(value, decimals)
    if value is None or low is None or high is None or low == high:
        return text
    return f"{text} ({fmt_number(low, decimals)}-{fmt_number(high, decimals)})"


def _demand_year(y: Any, base_year: int | None = None) -> dict[str, str]:
    """One row of the demand table: the ageing effect always, absolute numbers only when anchored.

    `inwoners_bron` says what the inwoners figure is: the published CBS count in the base year, the
    PBL/CBS prognosis after it.
    """
    source = ""
    if y.inwoners is not None:
        source = "CBS" if y.year == base_year else "prognose"
    return {
        "jaar": str(y.year),
        "inwoners": _span(y.inwoners, y.inwoners_laag, y.inwoners_hoog),
        "inwoners_bron": source,
        "plus65": f"{fmt_number(y.aandeel_65_plus, 1)} %",
        "contacten": _span(y.contacten, y.contacten_laag, y.contacten_hoog),
        "per_inwoner": fmt_number(y.contacten_per_inwoner, 2),
        "index": _span(y.vergrijzingsindex, y.vergrijzingsindex_laag, y.vergrijzingsindex_hoog, 1),
    }


def survey_section(survey: object) -> str:
    """The survey's own escaped HTML section (figures inline), when the profile has an analysed survey."""
    if survey is None:  # no survey: do not import its reader stack (pandera, openpyxl: ~1 s)
        return ""
    from wijktools.render.survey_html import render_html_section
    from wijktools.survey import SurveyResult

    return str(render_html_section(survey)) if isinstance(survey, SurveyResult) else ""


def context(profile: Profile, with_figures: bool = True, dpi: int = figures.DPI) -> dict[str, Any]:
    """Everything the template shows, already formatted (the template only lays out)."""
    # SVG: sharp on a projector and in print, and 40 % cheaper to render than PNG (benchmarks/profile.py).
    images, map_notes = (
        figure_render.render_all(profile, dpi=dpi, fmt="svg") if with_figures else ([], [])
    )
    zorg = profile.zorgvraag
    # Never the area itself: an empty column beside it would suggest missing data.
    columns = profile.comparisons
    return {
        "p": profile,
        "titel": f"Wijkgezondheidsprofiel {profile.gebied['naam']}",
        "kerncijfers": [
            {
                "label": profile.row(k, a).label,
                "waarde": value_text(profile.row(k, a)),
                "nl": value_text(profile.row(k, a), "nederland")
                if any(c.key == "nederland" for c in columns)
                else "",
                "jaar": profile.row(k, a).year,
            }
            for k, a in KEY_FIGURES
            if profile.row(k, a) is not None
        ],
        "figuren": [
            {"titel": i.titel, "bijschrift": i.bijschrift, "src": i.data_uri} for i in images
        ],
        "kaart_opmerkingen": map_notes,
        "geen_knelpunten": no_knelpunt_reason(
            profile.indicatoren, str(profile.gebied.get("soort") or "")
        ),
        "ontbreekt": _missing_by_reason(profile),
        "secties": _sections(profile),
        "vergelijking": [{"sleutel": c.key, "kop": c.kop} for c in columns],
        "vergeleken": compared_text(columns),
        "vergelijkbaar_meervoud": level_plural(profile.vergelijkbaar.level),
        "met_interval": has_intervals(profile),
        "zorg": zorg,
        "zorg_jaren": [_demand_year(y, zorg.base_year) for y in (zorg.years if zorg else [])],
        "zorg_aandeel_15_25": fmt_number(zorg.aandeel_15_25, 1) if zorg else "",
        "zorg_tarieven": [
            {
                "band": r.band,
                "kwb": r.kwb_source,
                "nivel": r.nivel_bands,
                "tarief": fmt_number(r.rate, 2),
            }
            for r in (zorg.rates if zorg else [])
        ],
        "licentie": LICENSE,
        "zonder_figuren": not with_figures,
        # Rendered by the survey module through the same autoescaping environment: safe to embed.
        "enquete_html": Markup(survey_section(profile.survey)),
        "cap": capacity_html.context(profile.capaciteit, with_figures),
    }


def render_profile(profile: Profile, with_figures: bool = True, dpi: int = figures.DPI) -> str:
    """The HTML text; escaping is done by the shared Jinja environment.

    `with_figures=False` is the fast batch mode (no matplotlib, about 10x faster per area).
    """
    return render("wijkprofiel.html", **context(profile, with_figures, dpi))


def default_dir(profile: Profile) -> Path:
    """exports/<slug-of-area-name>/."""
    return exports_dir() / slug(profile.gebied["naam"], fallback=profile.gebied["code"].lower())


def write_outputs(
    profile: Profile, out_dir: Path | None = None, *, with_figures: bool = True
) -> list[Path]:
    """Render everything in memory first, then write wijkprofiel.html and profiel.json atomically."""
    target = Path(out_dir) if out_dir is not None else default_dir(profile)
    html = render_profile(profile, with_figures=with_figures)
    data = to_json(profile)
    return [
        write_text_atomic(target / "wijkprofiel.html", html),
        write_text_atomic(target / "profiel.json", data),
    ]
