"""The session as a PowerPoint deck on a clean template built in code: native tables, chart images."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from wijktools.render.layout import column_widths
from wijktools.report.model import Report, Table, clean

BLUE = RGBColor(0x00, 0x72, 0xB2)
LIGHT = RGBColor(0xEE, 0xF4, 0xF9)
GREY = RGBColor(0x5F, 0x5F, 0x5F)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
CONTENT_TOP = Inches(1.5)
ROWS_PER_SLIDE = 6
AFSPRAKEN_COLUMNS = ("Afspraak", "Trekker", "Wanneer", "Status")


class _Deck:
    """Numbering, band and footer on every slide, so the template lives in one place."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.count = 0

    def slide(self, title: str) -> Slide:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])  # blank
        self.count += 1
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.18))
        band.fill.solid()
        band.fill.fore_color.rgb = BLUE
        band.line.fill.background()
        self.text(
            slide, title, MARGIN, Inches(0.4), WIDTH - 2 * MARGIN, Inches(0.9), 30, True, BLUE
        )
        footer = f"{clean(self.report.title)} · {self.report.meta.generated_label}"
        self.text(
            slide, footer, MARGIN, HEIGHT - Inches(0.5), Inches(10), Inches(0.3), 10, color=GREY
        )
        self.text(
            slide,
            str(self.count),
            WIDTH - Inches(1.2),
            HEIGHT - Inches(0.5),
            Inches(0.6),
            Inches(0.3),
            10,
            color=GREY,
            align=PP_ALIGN.RIGHT,
        )
        return slide

    @staticmethod
    def text(
        slide: Slide,
        text: str,
        left: Emu,
        top: Emu,
        width: Emu,
        height: Emu,
        size: int,
        bold: bool = False,
        color: RGBColor | None = None,
        align: PP_ALIGN | None = None,
    ) -> None:
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        para = frame.paragraphs[0]
        run = para.add_run()
        run.text = clean(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color
        if align is not None:
            para.alignment = align

    @staticmethod
    def bullets(slide: Slide, lines: list[str], top: Emu = CONTENT_TOP, size: int = 20) -> None:
        width, height = WIDTH - 2 * MARGIN, HEIGHT - top - Inches(0.8)
        size = _fitting_size(lines, width, height, size)
        box = slide.shapes.add_textbox(MARGIN, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = "• " + clean(line)
            para.font.size = Pt(size)
            para.space_after = Pt(8)

    @staticmethod
    def table(
        slide: Slide, header: list[str], rows: list[list[object]], top: Emu = CONTENT_TOP
    ) -> None:
        height = Inches(0.45) * (len(rows) + 1)
        shape = slide.shapes.add_table(
            len(rows) + 1, len(header), MARGIN, top, WIDTH - 2 * MARGIN, height
        )
        grid = shape.table
        total = WIDTH - 2 * MARGIN
        texts = [[clean(h)] + [clean(r[c]) for r in rows] for c, h in enumerate(header)]
        for c, points in enumerate(column_widths(texts, Emu(total).pt, 14)):
            grid.columns[c].width = Pt(points)
        for c, label in enumerate(header):
            grid.cell(0, c).text = clean(label)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                grid.cell(r, c).text = clean("" if value is None else value)
        for row in grid.rows:
            for cell in row.cells:
                for para in cell.text_frame.paragraphs:
                    para.font.size = Pt(14)


def _fitting_size(lines: list[str], width: Emu, height: Emu, size: int) -> int:
    """Largest font size (down to 12 pt) at which the bullets fit the box, estimated by line count."""
    while size > 12:
        per_line = max(1, int(Emu(width).pt / (0.55 * size)))
        count = sum(-(-len(line) // per_line) for line in lines)
        if count * size * 1.25 + len(lines) * 8 <= Emu(height).pt:
            break
        size -= 2
    return size


def _picture(slide: Slide, png: bytes, left: Emu, top: Emu, width: Emu, height: Emu) -> None:
    """Largest size that fits the box, aspect ratio kept, centred horizontally."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        ratio = image.width / image.height
    w, h = (width, int(width / ratio)) if width / ratio <= height else (int(height * ratio), height)
    slide.shapes.add_picture(io.BytesIO(png), left + (width - w) // 2, top, w, h)


def _columns(table: Table, wanted: tuple[str, ...]) -> tuple[list[str], list[list[object]]]:
    index = [table.header.index(c) for c in wanted if c in table.header]
    return [table.header[i] for i in index], [[row[i] for i in index] for row in table.rows]


def render_pptx(report: Report) -> bytes:
    """Title, key figures, top knelpunten, vote chart, afspraken, next steps, sources."""
    deck = _Deck(report)
    meta = report.meta

    title = deck.slide("")
    deck.text(
        title, report.title, MARGIN, Inches(2.0), WIDTH - 2 * MARGIN, Inches(1.5), 40, True, BLUE
    )
    deck.text(title, report.subtitle, MARGIN, Inches(3.6), WIDTH - 2 * MARGIN, Inches(0.8), 22)
    deck.text(
        title,
        meta.contact_statement,
        MARGIN,
        Inches(5.0),
        WIDTH - 2 * MARGIN,
        Inches(0.8),
        14,
        color=GREY,
    )

    figures = report.key_figures + (s.key_figures if (s := report.section("sociale_kaart")) else [])
    slide = deck.slide("Kerncijfers")
    if figures:
        per_row, box_w, box_h = 4, Inches(2.9), Inches(1.6)
        for i, k in enumerate(figures[:8]):
            left = MARGIN + (box_w + Inches(0.13)) * (i % per_row)
            top = Inches(1.6) + (box_h + Inches(0.3)) * (i // per_row)
            box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, box_w, box_h)
            box.fill.solid()
            box.fill.fore_color.rgb = LIGHT
            box.line.fill.background()
            deck.text(
                slide,
                k.value,
                left + Inches(0.15),
                top + Inches(0.1),
                box_w - Inches(0.3),
                Inches(0.7),
                28,
                True,
                BLUE,
            )
            deck.text(
                slide,
                k.label,
                left + Inches(0.15),
                top + Inches(0.85),
                box_w - Inches(0.3),
                Inches(0.6),
                12,
            )
    else:
        deck.bullets(slide, ["Nog geen kerncijfers beschikbaar."])

    top = report.find_table("top_knelpunten")
    slide = deck.slide("Belangrijkste knelpunten")
    if top and top.rows:
        deck.table(slide, top.header, top.rows)
    else:
        deck.bullets(slide, ["Er zijn nog geen knelpunten geprioriteerd."])

    chart = report.find_figure("stemming")
    if chart is not None:
        slide = deck.slide("Uitslag van de stemming")
        _picture(slide, chart.png, MARGIN, Inches(1.4), WIDTH - 2 * MARGIN, HEIGHT - Inches(2.2))

    afspraken = report.find_table("afspraken")
    if afspraken and afspraken.rows:
        header, rows = _columns(afspraken, AFSPRAKEN_COLUMNS)
        for start in range(0, len(rows), ROWS_PER_SLIDE):
            suffix = f" ({start // ROWS_PER_SLIDE + 1})" if len(rows) > ROWS_PER_SLIDE else ""
            deck.table(
                deck.slide(f"Samenwerkingsafspraken{suffix}"),
                header,
                rows[start : start + ROWS_PER_SLIDE],
            )
    else:
        deck.bullets(deck.slide("Samenwerkingsafspraken"), ["Nog geen afspraken vastgelegd."])

    deck.bullets(deck.slide("Volgende stappen"), report.next_steps)
    slide = deck.slide("Bronnen")
    deck.bullets(slide, [*report.attribution_lines, meta.contact_statement], size=16)

    props = deck.prs.core_properties
    props.title, props.author = clean(report.title), "wijktools"
    buffer = io.BytesIO()
    deck.prs.save(buffer)
    return buffer.getvalue()
