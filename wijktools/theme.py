"""One figure house style: Dutch labels, colour-blind-safe, readable on a projector, source under every figure."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")  # no display on CI or in batch workers; notebooks show via PNG

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = {
    "blauw": "#0072B2",
    "oranje": "#E69F00",
    "groen": "#009E73",
    "rood": "#D55E00",
    "paars": "#CC79A7",
    "lichtblauw": "#56B4E9",
    "geel": "#F0E442",
    "grijs": "#7F7F7F",
    "zwart": "#000000",
}
SERIES = [PALETTE[k] for k in ("blauw", "oranje", "groen", "rood", "paars", "lichtblauw", "grijs")]
AREA, GEMEENTE, NEDERLAND, PEERS = (
    PALETTE["blauw"],
    PALETTE["oranje"],
    PALETTE["grijs"],
    PALETTE["groen"],
)

CBS_KWB_SOURCE = "Bron: CBS, Kerncijfers wijken en buurten {year}; CC BY 4.0"
RIVM_SOURCE = "Bron: RIVM, Gezondheid per wijk en buurt {year} (50090NED); CC BY 4.0"

RC = {
    "font.size": 13,
    "axes.titlesize": 16,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": matplotlib.cycler(color=SERIES),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.formatter.use_locale": False,
}


@contextmanager
def style() -> Iterator[None]:
    """Apply the house style without leaking rcParams into a user's own plots."""
    with plt.rc_context(RC):
        yield


def new_figure(width: float = 10, height: float = 5.6) -> tuple[Figure, object]:
    """A figure that is never registered with pyplot, so batch runs cannot leak open figures."""
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    return fig, ax


def add_source(fig: Figure, text: str) -> None:
    """Every figure carries its source line, also when it travels alone."""
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=10, color=PALETTE["grijs"])
    fig.get_layout_engine().set(h_pad=0.25)


def to_png(fig: Figure, dpi: int = 150) -> bytes:
    """Render once to PNG bytes; every output format embeds these bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def to_data_uri(png: bytes) -> str:
    """Self-contained HTML needs images inline."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """Dutch number formatting (1.234,5) without depending on the system locale."""
    if value is None or value != value:  # NaN
        return "–"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale="nl_NL")
