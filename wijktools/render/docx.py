"""The report as an editable Word file: real Heading styles, tables with a header row, figures."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from wijktools.errors import ExportError
from wijktools.render.layout import column_widths, columns
from wijktools.render.report_html import SLIDE_ONLY_TABLES
from wijktools.report.model import Report, Table, clean

BLUE = RGBColor(0x00, 0x72, 0xB2)
GREY = RGBColor(0x5F, 0x5F, 0x5F)
FIGURE_WIDTH = Cm(16)
TEXT_WIDTH = Cm(16.6)  # A4 minus 2 × 2,2 cm margins
TABLE_FONT = Pt(9)
LANDSCAPE_TEXT_WIDTH = Cm(25.3)
WIDE_COLUMNS = 7  # tables this wide get a landscape page in Word


def _repeat_header(row: object) -> None:
    """Word repeats the header row on every page of a long table."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _orientation(doc: Document, landscape: bool) -> None:
    """A new section in landscape (for wide tables) or back to portrait."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Cm(29.7), Cm(21.0)
    section.page_width = long_side if landscape else short_side
    section.page_height = short_side if landscape else long_side


def _is_wide(table: Table) -> bool:
    return len(table.header) >= WIDE_COLUMNS


def _table(
    doc: Document, table: Table, *, landscape_open: bool = False, section_title: str = ""
) -> None:
    wide = _is_wide(table)
    if wide and not landscape_open:
        _orientation(doc, landscape=True)
    if table.title != section_title:  # never the same heading twice
        doc.add_heading(clean(table.title), level=2)
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = grid.rows[0]
    _repeat_header(header)
    for cell, label in zip(header.cells, table.header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(clean(label))
        run.bold = True
        run.font.size = TABLE_FONT
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(clean("" if value is None else value)).font.size = TABLE_FONT
    grid.autofit = False
    texts = columns([clean(h) for h in table.header], [[clean(v) for v in r] for r in table.rows])
    text_width = (LANDSCAPE_TEXT_WIDTH if wide else TEXT_WIDTH).pt
    for c, points in enumerate(column_widths(texts, text_width, TABLE_FONT.pt)):
        width = Pt(points)
        grid.columns[c].width = width  # LibreOffice reads the grid, Word the cells
        for cell in grid.columns[c].cells:
            cell.width = width
    if table.caption:
        _small(doc, table.caption)
    if wide:
        _orientation(doc, landscape=False)


def _footer(section: object, text: str) -> None:
    """Session, date and a page number field on every page."""
    para = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    run = para.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    value = OxmlElement("w:t")
    value.text = "1"
    number.append(value)
    field.append(number)
    para._p.append(field)


def _language(doc: Document, tag: str = "nl-NL") -> None:
    """Document language for spelling check and screen readers (default run properties + styles)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), "ar-SA")


def _table_of_contents(doc: Document) -> None:
    """A TOC field over headings 1-2; Word fills it when the file is opened (updateFields)."""
    doc.add_heading("Inhoud", level=1)
    para = doc.add_paragraph()
    begin, instr, sep, end = (OxmlElement("w:r") for _ in range(4))
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "begin")
    begin.append(char)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = r'TOC \o "1-2" \h \z \u'
    instr.append(text)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "separate")
    sep.append(char)
    placeholder = OxmlElement("w:t")
    placeholder.text = "Inhoudsopgave: klik met de rechtermuisknop en kies 'Veld bijwerken'."
    sep.append(placeholder)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end.append(char)
    for run in (begin, instr, sep, end):
        para._p.append(run)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _alt_text(shape: object, text: str) -> None:
    """Screen readers read docPr/@descr: every picture says what it shows."""
    doc_pr = shape._inline.docPr  # type: ignore[attr-defined]
    doc_pr.set("descr", text)
    doc_pr.set("title", text[:250])


def _small(doc: Document, text: str) -> None:
    para = doc.add_paragraph()
    run = para.add_run(clean(text))
    run.font.size = Pt(8.5)
    run.font.color.rgb = GREY


REFERENCE_ENV = "WIJKTOOLS_WORD_SJABLOON"
# Styles the report uses; an organisation's reference document must define them (Word's built-ins).
USED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Intense Quote", "List Bullet",
    "Caption", "Table Grid",
)  # fmt: skip


def _house_style(doc: Document) -> None:
    """The house look (Calibri, blue headings), used when no reference document is given."""
    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for level in (1, 2, 3):
        styles[f"Heading {level}"].font.color.rgb = BLUE


def _base_document() -> Document:
    """An empty document with the organisation's styles (WIJKTOOLS_WORD_SJABLOON), else ours."""
    reference = os.environ.get(REFERENCE_ENV)
    if not reference:
        doc = Document()
        _house_style(doc)
        return doc
    path = Path(reference).expanduser()
    try:
        doc = Document(str(path))
    except Exception as exc:  # missing file, not a zip, not a Word document
        raise ExportError(
            f"Het Word-sjabloon '{path}' ({REFERENCE_ENV}) kan niet worden gelezen: {exc}. "
            "Maak een nieuw sjabloon met: wijktools sjabloon word sjabloon.docx"
        ) from exc
    names = {style.name for style in doc.styles}
    missing = [name for name in USED_STYLES if name not in names]
    if missing:
        raise ExportError(
            f"Het Word-sjabloon '{path}' mist de stijl(en) {', '.join(missing)}. Begin met "
            "`wijktools sjabloon word sjabloon.docx` en pas daarin de stijlen aan."
        )
    body = doc.element.body
    for child in list(body):  # keep the styles, page set-up, header and footer; drop the text
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def write_reference_docx() -> bytes:
    """A reference document an organisation restyles (fonts, colours, headings) for its reports."""
    doc = Document()
    _house_style(doc)
    _language(doc)
    doc.core_properties.title = "Word-sjabloon voor wijktools-rapporten"
    doc.add_paragraph("Titel van het rapport", style="Title")
    doc.add_paragraph("Ondertitel: gebied en datum", style="Subtitle")
    doc.add_heading("Kop 1", level=1)
    doc.add_paragraph(
        "Pas in dit document de stijlen aan (lettertype, kleuren, koppen, tabelstijl 'Table Grid'), "
        f"sla het op en zet {REFERENCE_ENV} op het pad ervan. De tekst hier wordt niet gebruikt."
    )
    doc.add_heading("Kop 2", level=2)
    doc.add_paragraph("Opsomming", style="List Bullet")
    doc.add_paragraph("Bijschrift van een figuur", style="Caption")
    doc.add_paragraph("Privacyverklaring", style="Intense Quote")
    grid = doc.add_table(rows=2, cols=2)
    grid.style = "Table Grid"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _profile_pngs(report: Report) -> dict[str, bytes]:
    """PNG of the profiel section's figures that have none (they exist as SVG), from its Profile."""
    profiel = report.section("profiel")
    if report.profile is None or profiel is None or all(f.png for f in profiel.figures):
        return {}
    from wijktools.report.profile import profile_pngs

    return profile_pngs(report.profile)


def render_docx(report: Report) -> bytes:
    """Word bytes; every user string passes `clean`, as Word refuses control characters."""
    drawn = _profile_pngs(report)
    doc = _base_document()
    _language(doc)
    props = doc.core_properties
    created = dt.datetime.combine(dt.date.fromisoformat(report.meta.generated), dt.time())
    props.title = clean(report.title)
    props.subject = clean(report.meta.area_label)
    props.author = clean(report.meta.facilitator) or "wijktools"
    props.last_modified_by = "wijktools"
    props.created = props.modified = created
    props.revision = 1
    props.language = "nl-NL"
    props.keywords = "wijkgerichte samenwerking, wijkgezondheidsprofiel"
    props.comments = clean(report.meta.contact_statement)
    props.category = "Verslag werksessie"
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)

    _footer(section, f"{clean(report.title)} · {report.meta.generated_label} · pagina ")
    doc.add_heading(clean(report.title), level=0)
    doc.add_paragraph(clean(report.meta.area_label), style="Subtitle")
    if report.meta.members_label:
        doc.add_paragraph(clean(report.meta.members_label))
    doc.add_paragraph(f"Sessiedatum: {clean(report.meta.dates_label)}")
    if report.meta.facilitator:
        doc.add_paragraph(f"Begeleiding: {clean(report.meta.facilitator)}")
    doc.add_paragraph(f"Gemaakt op {report.meta.generated_label}")
    statement = doc.add_paragraph(style="Intense Quote")
    statement.add_run(clean(report.meta.contact_statement))
    _table_of_contents(doc)

    for part in report.sections:
        shown = [t for t in part.tables if t.name not in SLIDE_ONLY_TABLES]
        # A section that opens with a wide table starts on its landscape page, heading included.
        opens_wide = (
            bool(shown)
            and _is_wide(shown[0])
            and not (part.intro or part.notes or part.key_figures or part.figures)
        )
        if opens_wide:
            _orientation(doc, landscape=True)
        doc.add_heading(clean(part.title), level=1)
        if part.intro:
            doc.add_paragraph(clean(part.intro))
        for note in part.notes:
            para = doc.add_paragraph()
            para.add_run(clean(note)).italic = True
        if part.key_figures:
            for k in part.key_figures:
                para = doc.add_paragraph(style="List Bullet")
                para.add_run(f"{clean(k.label)}: ")
                para.add_run(clean(k.value)).bold = True
                if k.note:
                    para.add_run(f" ({clean(k.note)})")
        for fig in part.figures:
            png = fig.png or drawn.get(fig.name, b"")
            if not png:  # a figure that exists only as SVG, without a Profile to draw it from
                continue
            picture = doc.add_picture(io.BytesIO(png), width=FIGURE_WIDTH)
            _alt_text(picture, clean(fig.caption))
            caption = doc.add_paragraph(style="Caption")
            caption.add_run(clean(fig.caption + (f" — {fig.source}" if fig.source else "")))
        for i, table in enumerate(shown):
            _table(doc, table, landscape_open=opens_wide and i == 0, section_title=part.title)
        for block in part.texts:
            if block.title and block.title != part.title:
                doc.add_heading(clean(block.title), level=2)
            for para in clean(block.text).split("\n\n"):
                doc.add_paragraph(para)

    doc.add_heading("Volgende stappen", level=1)
    for step in report.next_steps:
        doc.add_paragraph(clean(step), style="List Bullet")
    doc.add_heading("Bronnen", level=1)
    for line in report.attribution_lines:
        doc.add_paragraph(clean(line), style="List Bullet")
    _small(doc, report.meta.contact_statement)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
