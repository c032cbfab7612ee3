"""The session deck as PowerPoint, made as a person would make it (16:9).

Layouts with real title placeholders, native tables and charts, bullet paragraphs, speaker notes and
Dutch language tags; the content is report.slides (wijktools.report.deck), laid out here.
"""

from __future__ import annotations

import io
from dataclasses import replace

from pptx import Presentation
from pptx.chart.axis import CategoryAxis
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from wijktools import nl
from wijktools.render.layout import row_height, table_layout
from wijktools.report.model import Chart, Report, Slide, Table, clean

BLUE = RGBColor(0x00, 0x72, 0xB2)
LIGHT = RGBColor(0xEE, 0xF4, 0xF9)
GREY = RGBColor(0x4D, 0x4D, 0x4D)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13,33 × 7,5 inch: exactly 16:9, as PowerPoint has it
MARGIN = Inches(0.6)
CONTENT_TOP = Inches(1.6)
CONTENT_BOTTOM = HEIGHT - Inches(0.35)
# Average character width of the template's Calibri in em, rounded up: how long a table row wraps.
CALIBRI_EM = 0.5
MIN_PT = 18  # nothing smaller: legible from the back of the room
BODY_PT = 24
TITLE_PT = 36
LANG = "nl-NL"
# Layouts of python-pptx's default template (the same names as in PowerPoint's own default).
TITLE_LAYOUT, CONTENT_LAYOUT, TITLE_ONLY_LAYOUT = 0, 1, 5


def _widen_layouts(prs: Presentation, old_width: int) -> None:
    """16:9 on the 4:3 default template: move placeholders as PowerPoint does on a size change."""
    factor = WIDTH / old_width
    shapes = list(prs.slide_master.placeholders)
    for layout in prs.slide_layouts:
        shapes += list(layout.placeholders)
    for shape in shapes:
        if shape._element.spPr.find(qn("a:xfrm")) is None:
            continue  # inherits its position from the master, which is widened itself
        shape.left, shape.width = int(shape.left * factor), int(shape.width * factor)


def _dutch(element: object) -> None:
    """Language nl-NL on every run and paragraph end, so spelling checks Dutch."""
    for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
        for node in element.iter(qn(tag)):  # type: ignore[attr-defined]
            node.set("lang", LANG)


def _text(
    slide: PptxSlide,
    text: str,
    box: tuple[int, int, int, int],
    size: int,
    *,
    bold: bool = False,
    color: RGBColor | None = None,
    align: PP_ALIGN | None = None,
) -> None:
    shape = slide.shapes.add_textbox(*box)
    frame = shape.text_frame
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


def _font(
    para: object, size: int, *, bold: bool | None = None, color: RGBColor | None = None
) -> None:
    """Size (and weight, colour) on each run itself: PowerPoint ignores a paragraph default."""
    for run in para.runs:  # type: ignore[attr-defined]
        run.font.size = Pt(size)
        if bold is not None:
            run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color


def _fitting_size(lines: list[str], width: int, height: int, size: int) -> int:
    """Largest size (down to 18 pt) at which the lines fit the box, estimated by line count."""
    while size > MIN_PT:
        per_line = max(1, int(Emu(width).pt / (0.55 * size)))
        count = sum(-(-len(line) // per_line) for line in lines)
        if count * size * 1.25 + len(lines) * 8 <= Emu(height).pt:
            break
        size -= 2
    return max(size, MIN_PT)


class _Deck:
    """The presentation and the one place that knows the layouts."""

    def __init__(self) -> None:
        self.prs = Presentation()
        old_width = self.prs.slide_width
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        _widen_layouts(self.prs, old_width)

    def new(self, spec: Slide, layout: int = TITLE_ONLY_LAYOUT) -> PptxSlide:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[layout])
        title = slide.shapes.title
        title.text = clean(spec.title)
        for para in title.text_frame.paragraphs:
            _font(para, TITLE_PT if layout != TITLE_LAYOUT else 40, bold=True, color=BLUE)
            if layout != TITLE_LAYOUT:
                para.alignment = PP_ALIGN.LEFT
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(clean(n) for n in spec.notes)
        return slide

    @staticmethod
    def top_of(spec: Slide) -> int:
        """Where a slide's content starts: below the title, and below its subtitle line if any."""
        return CONTENT_TOP + Inches(0.35) if spec.subtitle else CONTENT_TOP

    def content_top(self, slide: PptxSlide, spec: Slide) -> int:
        """Below the title; a subtitle line first when the slide has one."""
        if spec.subtitle:
            box = (MARGIN, Inches(1.35), WIDTH - 2 * MARGIN, Inches(0.5))
            _text(slide, spec.subtitle, box, 20, color=GREY)
        return self.top_of(spec)

    def source(self, slide: PptxSlide, text: str) -> int:
        """The source line under a chart or picture, at 18 pt; returns where the content must end."""
        if not text:
            return CONTENT_BOTTOM
        top = CONTENT_BOTTOM - Inches(0.45)
        _text(slide, text, (MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.45)), MIN_PT, color=GREY)
        return top - Inches(0.05)


def _title_slide(deck: _Deck, spec: Slide) -> None:
    slide = deck.new(spec, TITLE_LAYOUT)
    subtitle = slide.placeholders[1]
    frame = subtitle.text_frame
    frame.text = clean(spec.subtitle)
    for line in spec.bullets:
        para = frame.add_paragraph()
        para.text = clean(line)
        _font(para, MIN_PT, color=GREY)
    _font(frame.paragraphs[0], BODY_PT)


def _bullets(deck: _Deck, spec: Slide) -> None:
    slide = deck.new(spec, CONTENT_LAYOUT)
    body = slide.placeholders[1]
    body.left, body.top = MARGIN, CONTENT_TOP
    body.width, body.height = WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP
    lines = [clean(b) for b in spec.bullets] or ["–"]
    size = _fitting_size(lines, body.width, body.height, 28)
    frame = body.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.level = 0
        _font(para, size)
        para.space_after = Pt(6)


def _key_figures(deck: _Deck, spec: Slide) -> None:
    slide = deck.new(spec)
    per_row, gap = 3, Inches(0.25)
    box_w = (WIDTH - 2 * MARGIN - gap * (per_row - 1)) // per_row
    box_h = Inches(2.3)
    for i, k in enumerate(spec.key_figures[:6]):
        left = MARGIN + (box_w + gap) * (i % per_row)
        top = CONTENT_TOP + (box_h + gap) * (i // per_row)
        tile = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, box_w, box_h)
        tile.fill.solid()
        tile.fill.fore_color.rgb = LIGHT
        tile.line.fill.background()
        frame = tile.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for j, (text, size, bold, color) in enumerate(
            ((k.value, 40, True, BLUE), (k.label, 22, False, None), (k.note, MIN_PT, False, GREY))
        ):
            if not text:
                continue
            para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            para.alignment = PP_ALIGN.LEFT
            run = para.add_run()
            run.text = clean(text)
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = color or RGBColor(0x1A, 0x1A, 0x1A)


def _table(deck: _Deck, spec: Slide, table: Table) -> None:
    """A native table; rows that would run off the slide continue on a next slide ('(vervolg)')."""
    width = WIDTH - 2 * MARGIN
    header = [clean(h) for h in table.header]
    rows = [[clean("" if v is None else v) for v in row] for row in table.rows]
    height = Emu(CONTENT_BOTTOM - deck.top_of(spec)).pt
    widths, pages = table_layout(header, rows, Emu(width).pt, MIN_PT, height, CALIBRI_EM)
    heights = [row_height(r, widths, MIN_PT, CALIBRI_EM) for r in [header, *rows]]
    for number, page in enumerate(pages):
        part = spec if number == 0 else replace(spec, title=f"{spec.title} (vervolg)")
        _table_part(deck, part, table, page, widths, [heights[0], *(heights[i + 1] for i in page)])


def _table_part(
    deck: _Deck,
    spec: Slide,
    table: Table,
    page: list[int],
    widths: list[float],
    heights: list[float],
) -> None:
    """One slide of a table; each row as tall as the pagination counted (header first)."""
    slide = deck.new(spec)
    top = deck.content_top(slide, spec)
    shape = slide.shapes.add_table(
        len(page) + 1,
        len(table.header),
        MARGIN,
        top,
        WIDTH - 2 * MARGIN,
        Pt(sum(heights)),
    )
    grid = shape.table
    for c, points in enumerate(widths):
        grid.columns[c].width = Pt(points)
    for r, points in enumerate(heights):
        grid.rows[r].height = Pt(points)
    for c, label in enumerate(table.header):
        grid.cell(0, c).text = clean(label)
    for r, index in enumerate(page, start=1):
        for c, value in enumerate(table.rows[index]):
            cell = grid.cell(r, c)
            cell.text = clean("" if value is None else value)
            if isinstance(value, int | float):
                cell.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
    for row in grid.rows:
        for cell in row.cells:
            for para in cell.text_frame.paragraphs:
                _font(para, MIN_PT)


def _percent(chart: Chart) -> bool:
    return chart.axis_title.startswith("%")


def _label_format(chart: Chart) -> str:
    """PowerPoint's own number format, written as nl writes numbers: '45 %', '−0,1' (U+2212)."""
    shown = f'{chart.number_format}" %"' if _percent(chart) else chart.number_format
    return f'{shown};"{nl.MINUS}"{shown}'


def _chart(deck: _Deck, spec: Slide, chart: Chart) -> None:
    slide = deck.new(spec)
    top = deck.content_top(slide, spec)
    bottom = deck.source(slide, spec.source)
    data = CategoryChartData()
    stacked = chart.kind == "column_stacked"
    categories = (
        [f"{c}\n{label}" for c, label in zip(chart.categories, chart.point_labels, strict=True)]
        if chart.point_labels
        else chart.categories
    )
    data.categories = [clean(c) for c in categories]
    for name, values in chart.series:
        data.add_series(clean(name), values)
    kind = XL_CHART_TYPE.COLUMN_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, MARGIN, top, WIDTH - 2 * MARGIN, bottom - top, data)
    native = frame.chart
    native.font.size = Pt(MIN_PT)
    native.has_title = False  # the slide title says it; a one-series chart would repeat its name
    native.has_legend = len(chart.series) > 1
    if native.has_legend:
        native.legend.position = XL_LEGEND_POSITION.RIGHT if stacked else XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(MIN_PT)
    for series, colour in zip(native.plots[0].series, chart.colours, strict=False):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    plot = native.plots[0]
    if stacked:
        plot.gap_width = 60
        axis = native.value_axis
        axis.has_title = True
        axis.axis_title.text_frame.text = clean(chart.axis_title)
        axis.axis_title.text_frame.paragraphs[0].font.size = Pt(MIN_PT)
        axis.tick_labels.number_format = f'{chart.number_format};"{nl.MINUS}"{chart.number_format}'
        axis.tick_labels.number_format_is_linked = False
        axis.has_major_gridlines = True
    else:
        plot.gap_width = 50
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(MIN_PT)
        labels.number_format = _label_format(chart)
        labels.number_format_is_linked = False
        labels.show_value = True
        native.category_axis.reverse_order = True  # first category on top, as it is read
        native.value_axis.visible = False  # the data labels carry the numbers
        native.value_axis.has_major_gridlines = False
        if _percent(chart):
            native.value_axis.maximum_scale = 100
        native.value_axis.minimum_scale = 0
    native.category_axis.tick_labels.font.size = Pt(MIN_PT)
    native.category_axis.has_major_gridlines = False
    _every_label(native.category_axis)


def _every_label(axis: CategoryAxis) -> None:
    """Every category named, never every other one.

    PowerPoint and LibreOffice leave labels out when they think they crowd: 17 disciplines showed
    'huisarts', 'POH-GGZ', 'apotheek', … with a bar without a name between each two.
    """
    element = axis._element
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    # CT_CatAx keeps its children in schema order: the skips come before c:noMultiLvlLbl.
    anchor = element.find(qn("c:noMultiLvlLbl"))
    if anchor is None:
        anchor = element.find(qn("c:extLst"))
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        skip = element.makeelement(qn(tag), {"val": "1"})
        if anchor is not None:
            anchor.addprevious(skip)
        else:
            element.append(skip)


def _picture(deck: _Deck, spec: Slide) -> None:
    from PIL import Image

    slide = deck.new(spec)
    top = deck.content_top(slide, spec)
    bottom = deck.source(slide, spec.source)
    width, height = WIDTH - 2 * MARGIN, bottom - top
    with Image.open(io.BytesIO(spec.png)) as image:
        ratio = image.width / image.height
    w, h = (width, int(width / ratio)) if width / ratio <= height else (int(height * ratio), height)
    picture = slide.shapes.add_picture(io.BytesIO(spec.png), MARGIN + (width - w) // 2, top, w, h)
    picture._element.nvPicPr.cNvPr.set("descr", clean(spec.alt or spec.title))  # alt text


def render_pptx(report: Report) -> bytes:
    """Every slide of report.slides in order; the renderer adds nothing but layout."""
    deck = _Deck()
    for spec in report.slides:
        if spec.kind == "title":
            _title_slide(deck, spec)
        elif spec.kind == "figures":
            _key_figures(deck, spec)
        elif spec.kind == "chart" and spec.chart is not None:
            _chart(deck, spec, spec.chart)
        elif spec.kind == "picture" and spec.png:
            _picture(deck, spec)
        elif spec.kind == "table" and spec.table is not None:
            _table(deck, spec, spec.table)
        else:
            _bullets(deck, spec)
    for slide in deck.prs.slides:
        _dutch(slide._element)
        if slide.has_notes_slide:
            _dutch(slide.notes_slide._element)
        for shape in slide.shapes:
            if shape.has_chart:
                _dutch(shape.chart._chartSpace)
    for part in (deck.prs.slide_master, *deck.prs.slide_layouts, deck.prs.notes_master):
        _dutch(part._element)
    _dutch(deck.prs._element)
    props = deck.prs.core_properties
    props.title, props.author, props.language = clean(report.title), "wijktools", LANG
    buffer = io.BytesIO()
    deck.prs.save(buffer)
    return buffer.getvalue()
