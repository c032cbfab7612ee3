"""Turns a wijkprofiel (Profile object or its to_json dict) into the report's plain profile data."""

from __future__ import annotations

from typing import Any

from wijktools.figures import theme
from wijktools.profile import significance

# (indicator key, age group, short label) shown as key figures, in this order, when present.
KEY_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("AantalInwoners", "", "Inwoners"),
    ("aandeel_65_plus", "", "65 jaar of ouder"),
    ("aandeel_eenpersoonshuishoudens", "", "Eenpersoonshuishoudens"),
    ("AfstandTotHuisartsenpraktijk", "", "Afstand tot huisarts"),
    ("ErvarenGezondheidGoedZeerGoed", "18+", "Ervaren gezondheid goed (18+)"),
    ("Eenzaam", "65+", "Eenzaam (65+)"),
)
# The report shows a summary; the full table is in the wijkprofiel itself (profile.write_outputs).
HEALTH_KEYS = (
    "ErvarenGezondheidGoedZeerGoed",
    "BeperktVanwegeGezondheid",
    "EenOfMeerLangdurigeAandoeningen",
    "HoogRisicoOpAngstOfDepressie",
    "Eenzaam",
    "ErnstigEenzaam",
    "Overgewicht",
    "MoeiteMetRondkomen",
    "Mantelzorger",
)
HEALTH_AGES = ("18+", "65+")


def fmt_value(value: float | None, unit: str) -> str:
    """A profile value with its unit, Dutch style: '28,0%', '13.045', '1,2 km'."""
    if value is None:
        return "–"
    if unit == "%":
        return f"{theme.fmt_number(value, 1)}%"
    if unit in ("aantal", "code", ""):
        return theme.fmt_number(value, 0 if float(value).is_integer() else 1)
    return f"{theme.fmt_number(value, 1)} {unit}"


def marks(row: dict[str, Any]) -> str:
    """'significant hoger dan gemeente' from a profile row dict ('' without a mark or interval)."""
    return significance.marks_text(
        row.get("significant_gemeente") or "", row.get("significant_nederland") or ""
    )


def _rows(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["key"], r.get("age_group") or ""): r for r in data.get("indicatoren") or []}


def is_profile(obj: object) -> bool:
    """A Profile object or its dict form (both carry 'indicatoren')."""
    return hasattr(obj, "indicatoren") or (isinstance(obj, dict) and "indicatoren" in obj)


def from_profile(profile: Any, dpi: int = 180) -> dict[str, Any]:
    """The report's profile dict: key figures, indicator table, figures (from an object), sources."""
    data = profile if isinstance(profile, dict) else profile.to_dict()
    rows = _rows(data)
    gebied = data.get("gebied") or {}
    gemeente = gebied.get("gemeentenaam") or "gemeente"
    key_figures = []
    for key, age, label in KEY_FIGURES:
        row = rows.get((key, age))
        if row is None or row.get("value") is None:
            continue
        note = f"{gemeente}: {fmt_value(row.get('gemeente'), row.get('unit', ''))}"
        if marks(row):
            note += f" ({marks(row)})"
        key_figures.append(
            {
                "label": label,
                "value_text": fmt_value(row["value"], row.get("unit", "")),
                "note": note,
            }
        )
    with_interval = any(r.get("ondergrens") is not None for r in data.get("indicatoren") or [])
    table = [
        [
            r.get("label", r["key"]),
            r.get("year"),
            fmt_value(r.get("value"), r.get("unit", "")),
            fmt_value(r.get("gemeente"), r.get("unit", "")),
            fmt_value(r.get("nederland"), r.get("unit", "")),
            *([marks(r)] if with_interval else []),
        ]
        for r in data.get("indicatoren") or []
        if r.get("value") is not None
        and (
            (not r.get("age_group") and r.get("unit") != "code")
            or (r.get("age_group") in HEALTH_AGES and r["key"] in HEALTH_KEYS)
        )
    ]
    out: dict[str, Any] = {
        "toelichting": list(data.get("opmerkingen") or []),
        "key_figures": key_figures,
        "tables": [
            {
                "name": "indicatoren",
                "title": "Indicatoren van het gebied",
                "header": [
                    "Indicator",
                    "Jaar",
                    gebied.get("naam", "Gebied"),
                    gemeente,
                    "Nederland",
                    *(["Significant (95 %-interval)"] if with_interval else []),
                ],
                "rows": table,
            }
        ]
        if table
        else [],
        "attribution": list(data.get("bronnen") or []),
        "figures": [],
    }
    drafts = data.get("knelpunten") or []
    if drafts:
        out["tables"].append(
            {
                "name": "concept_knelpunten",
                "title": "Mogelijke knelpunten uit de cijfers",
                "header": ["Knelpunt", "Cijfers"],
                "rows": [[k.get("titel", ""), k.get("tekst", "")] for k in drafts],
            }
        )
    if not isinstance(profile, dict):
        from wijktools.figures import render as figure_render

        images, _notes = figure_render.render_all(profile, dpi=dpi)
        out["figures"] = [
            {"name": i.name, "png": i.png, "caption": f"{i.titel}. {i.bijschrift}".strip()}
            for i in images
        ]
    return out
