"""'Capaciteit en zorgvraag' in wijkprofiel.html: the same record, key figures, table and figure."""

from __future__ import annotations

from typing import Any

from wijktools.figures import theme
from wijktools.workshop.capacity import FILL_IN, TITLE, Capacity

WITHOUT_SESSION = (
    "Dit profiel is gemaakt zonder werksessie, dus zonder sociale kaart: er is geen fte huisarts "
    "bekend. " + FILL_IN + " Exporteer daarna de sessie (`wijktools export --sessie N`)."
)


def context(cap: object, with_figures: bool = True) -> dict[str, Any]:
    """Formatted parts for the template; a profile without a session says what to fill in."""
    if not isinstance(cap, Capacity):
        return {
            "titel": TITLE,
            "zin": "",
            "ontbreekt": WITHOUT_SESSION,
            "kerncijfers": [],
            "tabel": None,
            "figuur": "",
            "zonder_fte": "",
            "niet_meegenomen": [],
            "norm": None,
        }
    # Only a profile with a session's capacity needs these (a plain profile starts without them).
    from wijktools.figures.capacity import capacity_gap
    from wijktools.report import capacity as capacity_report

    table = capacity_report.table(cap)
    src = ""
    if with_figures and cap.complete:
        fig = capacity_gap(cap)
        src = theme.to_data_uri(theme.to_svg(fig), "image/svg+xml") if fig is not None else ""
    return {
        "titel": TITLE,
        "zin": cap.sentence if cap.complete else "",
        "ontbreekt": cap.ontbreekt,
        "kerncijfers": capacity_report.key_figures(cap),
        "tabel": table,
        "figuur": src,
        "zonder_fte": ", ".join(cap.zonder_fte),
        "niet_meegenomen": cap.niet_meegenomen,
        "norm": cap.norm,
    }
