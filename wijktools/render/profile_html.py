"""wijkprofiel.html: one self-contained, printable Dutch file (images inline, no external URL)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wijktools import figures
from wijktools.codebook import LICENSE
from wijktools.render.env import render
from wijktools.theme import fmt_number

if TYPE_CHECKING:
    from wijktools.profile import IndicatorRow, Profile

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
    """A value formatted by its kind: counts without decimals, percentages and means with one."""
    if row is None:
        return "–"
    value = getattr(row, attr)
    if value is None:
        return "–"
    if row.kind == "aantal":
        return fmt_number(value, 0)
    text = fmt_number(value, 1)
    return f"{text} %" if row.unit == "%" else f"{text} {row.unit}".strip()


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
                "trend": " → ".join(f"{fmt_number(v, 1)} ({y})" for y, v in row.trend.items())
                if len(row.trend) > 1
                else "",
            }
        )
    order = list(THEMES)
    return [
        {"titel": THEMES.get(theme, theme.capitalize()), "rijen": rows}
        for theme, rows in sorted(
            groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
        )
    ]


def context(profile: Profile) -> dict[str, Any]:
    """Everything the template shows, already formatted (the template only lays out)."""
    images, map_notes = figures.render_all(profile)
    zorg = profile.zorgvraag
    return {
        "p": profile,
        "titel": f"Wijkgezondheidsprofiel {profile.gebied['naam']}",
        "kerncijfers": [
            {
                "label": profile.row(k, a).label,
                "waarde": value_text(profile.row(k, a)),
                "nl": value_text(profile.row(k, a), "nederland"),
                "jaar": profile.row(k, a).year,
            }
            for k, a in KEY_FIGURES
            if profile.row(k, a) is not None
        ],
        "figuren": [
            {"titel": i.titel, "bijschrift": i.bijschrift, "src": i.data_uri} for i in images
        ],
        "kaart_opmerkingen": map_notes,
        "secties": _sections(profile),
        "zorg": zorg,
        "zorg_jaren": [
            {
                "jaar": y.year,
                "inwoners": fmt_number(y.inwoners),
                "plus65": fmt_number(y.inwoners_65_plus),
                "contacten": fmt_number(y.contacten),
                "per_inwoner": fmt_number(y.contacten_per_inwoner, 2),
                "index": fmt_number(y.index, 1),
            }
            for y in (zorg.years if zorg else [])
        ],
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
    }


def render_profile(profile: Profile) -> str:
    """The HTML text; escaping is done by the shared Jinja environment."""
    return render("wijkprofiel.html", **context(profile))
