"""matplotlib's SVG backend with text metrics kept between figures (`savefig(backend=BACKEND)`).

The stock SVG renderer measures every text again for each figure (FreeType lays out the string
each time; matplotlib's own cache lives only as long as one renderer). Tick labels, legends,
titles and source lines repeat across areas, so a process-wide cache removes most measuring. The
cached numbers are exactly what FreeType returns, so the SVG bytes are the same as without it.
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.cbook import open_file_cm
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.textpath import TextToPath

BACKEND = "module://wijktools.figures.svg_backend"
_TEXT2PATH = TextToPath()
SVG_DPI = 72  # the SVG backend always lays out at 72 dpi


@lru_cache(maxsize=8192)
def _width_height_descent(text: str, prop: FontProperties) -> tuple[float, float, float]:
    """What RendererSVG.get_text_width_height_descent returns for plain (non-math) text."""
    return _TEXT2PATH.get_text_width_height_descent(text, prop, False)


@lru_cache(maxsize=256)
def _height_metrics(prop: FontProperties) -> tuple[float | None, float | None, float | None]:
    """Line gap, ascent and descent as Text._get_layout computes them from the font tables."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, gap_key, ascent_key, descent_key in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        fontsize = prop.get_size_in_points()
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * fontsize * SVG_DPI / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


class CachedRendererSVG(RendererSVG):
    """RendererSVG whose text measurements come from the process-wide cache."""

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: bool | str
    ) -> tuple[float, float, float]:
        """Cached for plain text; math and TeX go the stock way."""
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        return _width_height_descent(s, prop.copy())

    def _get_font_height_metrics(
        self, prop: FontProperties
    ) -> tuple[float | None, float | None, float | None]:
        """Hook Text._get_layout asks first; same numbers as its own font-table fallback."""
        return _height_metrics(prop.copy())


class FigureCanvas(FigureCanvasSVG):
    """FigureCanvasSVG.print_svg with the caching renderer (the rest is matplotlib's code)."""

    def print_svg(
        self,
        filename: object,
        *,
        bbox_inches_restore: object = None,
        metadata: object = None,
        **_applied: object,
    ) -> None:
        """Same as matplotlib 3.11's print_svg apart from the renderer class.

        `_applied` takes dpi/facecolor/edgecolor/orientation, which print_figure has already set on
        the figure (it drops them for matplotlib's own canvases, not for this one).
        """
        import codecs

        from matplotlib import cbook

        with open_file_cm(filename, "w", encoding="utf-8") as fh:
            if not cbook.file_requires_unicode(fh):
                fh = codecs.getwriter("utf-8")(fh)
            dpi = self.figure.dpi
            self.figure.dpi = SVG_DPI
            width, height = self.figure.get_size_inches()
            w, h = width * SVG_DPI, height * SVG_DPI
            renderer = MixedModeRenderer(
                self.figure,
                width,
                height,
                dpi,
                CachedRendererSVG(w, h, fh, image_dpi=dpi, metadata=metadata),
                bbox_inches_restore=bbox_inches_restore,
            )
            self.figure.draw(renderer)
            renderer.finalize()
