"""Exports behave like the Office and PDF files people already use: language, properties, print setup."""

from __future__ import annotations

import datetime as dt
import zipfile

import docx
import openpyxl
import pypdf
import pytest

from tests.support.export_helpers import make_session, profile_fixture
from wijktools import export
from wijktools.network import vocab
from wijktools.store import connection as store

CHECKED = "2026-10-05"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    base = tmp_path_factory.mktemp("office")
    conn = store.connect(base / "db.sqlite")
    sid = make_session(conn)
    store.insert(
        conn,
        "ketenpartners",
        {
            "session_id": sid,
            "organisatie": "Apotheek Centrum",
            "discipline": "Apotheek",
            "laatst_gecontroleerd": CHECKED,
        },
    )
    written = export.export(
        conn, sid, out_dir=base, formats=["html", "pdf", "docx", "xlsx"], profile=profile_fixture()
    )
    conn.close()
    return written


# --- Word ---------------------------------------------------------------------------------


def test_docx_language_is_dutch(files):
    with zipfile.ZipFile(files["docx"]) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert 'w:lang w:val="nl-NL"' in styles
    assert docx.Document(files["docx"]).core_properties.language == "nl-NL"


def test_docx_every_picture_has_alt_text(files):
    document = docx.Document(files["docx"])
    pictures = document.inline_shapes
    assert len(pictures) >= 1
    for shape in pictures:
        assert shape._inline.docPr.get("descr", "").strip()


def test_docx_core_properties_are_this_report(files):
    props = docx.Document(files["docx"]).core_properties
    assert "Kick-off Centrum" in props.title
    assert props.author == "Adviseur"  # the facilitator of the session
    assert props.created.date() == dt.date.today()  # not the 2013 of python-docx's template
    assert props.revision == 1


def test_docx_has_a_table_of_contents_field(files):
    with zipfile.ZipFile(files["docx"]) as archive:
        body = archive.read("word/document.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    assert 'TOC \\o "1-2"' in body
    assert '<w:updateFields w:val="true"/>' in settings


# --- Excel --------------------------------------------------------------------------------


def test_xlsx_dates_are_real_dates(files):
    sheet = openpyxl.load_workbook(files["xlsx"])["Sociale kaart"]
    header = [c.value for c in sheet[4]]
    col = header.index("Laatst gecontroleerd")
    row = next(r for r in sheet.iter_rows(min_row=5) if r[0].value == "Apotheek Centrum")
    assert row[col].is_date and row[col].value.date() == dt.date.fromisoformat(CHECKED)


def test_xlsx_document_properties(files):
    props = openpyxl.load_workbook(files["xlsx"]).properties
    assert "Sociale kaart" in props.title and "Kick-off Centrum" in props.title
    assert props.creator == "wijktools"
    assert props.created.date() == dt.date.today()


def test_xlsx_print_setup(files):
    sheet = openpyxl.load_workbook(files["xlsx"])["Sociale kaart"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize in (9, "9")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth is left out when it is 1, the OOXML default; fitToHeight 0 means "as many as needed".
    assert sheet.page_setup.fitToWidth in (None, 1, "1")
    assert sheet.page_setup.fitToHeight in (0, "0")
    assert sheet.print_title_rows == "$4:$4"


def test_xlsx_pick_lists_as_in_the_template(files):
    book = openpyxl.load_workbook(files["xlsx"])
    sheet = book["Sociale kaart"]
    header = [c.value for c in sheet[4]]
    lists = {}
    for rule in sheet.data_validations.dataValidation:
        if rule.type == "list":
            col = openpyxl.utils.cell.column_index_from_string(str(rule.sqref).split(":")[0][:1])
            lists[header[col - 1]] = rule.formula1
    assert set(lists) == {"Discipline", "Opnamestop", "Voorkeur contact"}
    hidden = book["Lijsten"]
    assert hidden.sheet_state == "hidden"
    disciplines = [c.value for c in next(hidden.iter_cols(min_col=1, max_col=1))][1:]
    assert [d for d in disciplines if d] == list(vocab.DISCIPLINES)


def test_xlsx_columns_fit_their_content(files):
    sheet = openpyxl.load_workbook(files["xlsx"])["Sociale kaart"]
    width = {c: sheet.column_dimensions[c].width for c in ("A", "B")}
    # "Huisartsenpraktijk Noord" (24 characters) is wider than "Discipline" header texts.
    assert width["A"] > 20
    assert all(w < 60 for w in width.values())


# --- PDF ----------------------------------------------------------------------------------


def test_pdf_is_tagged_with_title_and_language(files):
    reader = pypdf.PdfReader(files["pdf"])
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower().startswith("nl")
    assert "Kick-off Centrum" in reader.metadata.title


# --- Word reference document ----------------------------------------------------------------


def test_docx_uses_an_organisations_reference_document(tmp_path, monkeypatch):
    from wijktools.cli import main
    from wijktools.render.docx import render_docx
    from wijktools.report.model import Meta, Report

    reference = tmp_path / "sjabloon.docx"
    assert main(["sjabloon", "word", str(reference)]) == 0
    styled = docx.Document(reference)
    styled.styles["Heading 1"].font.name = "Georgia"  # what an organisation changes in Word
    styled.save(reference)
    monkeypatch.setenv("WIJKTOOLS_WORD_SJABLOON", str(reference))
    meta = Meta(1, "Proef FICTIEF", "WK026200", "Lochem", [], "", "kick-off", "2026-11-29")
    path = tmp_path / "rapport.docx"
    path.write_bytes(render_docx(Report(meta=meta)))
    document = docx.Document(path)
    assert document.styles["Heading 1"].font.name == "Georgia"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Proef FICTIEF" in text and "Kop 2" not in text  # the sample text is not carried over


def test_docx_reference_document_that_is_not_word_is_a_dutch_error(tmp_path, monkeypatch):
    from wijktools.errors import ExportError
    from wijktools.render.docx import render_docx
    from wijktools.report.model import Meta, Report

    bad = tmp_path / "sjabloon.docx"
    bad.write_text("geen Word", encoding="utf-8")
    monkeypatch.setenv("WIJKTOOLS_WORD_SJABLOON", str(bad))
    meta = Meta(1, "Proef FICTIEF", "WK026200", "Lochem", [], "", "kick-off", "2026-11-29")
    with pytest.raises(ExportError, match=r"Word-sjabloon .* kan niet worden gelezen"):
        render_docx(Report(meta=meta))
