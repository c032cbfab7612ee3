import io
import zipfile

import docx
import openpyxl
import pptx
import pypdf
import pytest
from bs4 import BeautifulSoup

from tests.support.export_helpers import (
    EMAIL,
    FORMULA,
    PERSON,
    PHONE,
    SCRIPT_NAME,
    docx_text,
    make_session,
    pptx_text,
    profile_fixture,
)
from wijktools import export, paths
from wijktools.errors import ExportError
from wijktools.store import connection as store

ATTRIBUTION = "Kerncijfers wijken en buurten 2024"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Every format once without and once with contact details."""
    base = tmp_path_factory.mktemp("export")
    conn = store.connect(base / "db.sqlite")
    sid = make_session(conn)
    plain = export.export(conn, sid, out_dir=base / "zonder", profile=profile_fixture())
    full = export.export(
        conn, sid, out_dir=base / "met", met_contactgegevens=True, profile=profile_fixture()
    )
    conn.close()
    return plain, full


def pdf_text(path):
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def xlsx_text(path):
    book = openpyxl.load_workbook(path)
    return "\n".join(
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


def test_all_six_formats_written_with_slugged_names(exported):
    plain, _ = exported
    assert set(plain) == {"html", "pdf", "docx", "slides", "pptx", "xlsx"}
    assert plain["pdf"].name == "kick-off-centrum-rapport.pdf"
    assert plain["xlsx"].name == "kick-off-centrum-sociale-kaart.xlsx"
    assert not list(plain["pdf"].parent.glob(".*.tmp"))


def test_html_report_is_self_contained_and_escaped(exported):
    html = exported[0]["html"].read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h1").get_text() == "Kick-off Centrum"
    assert [h.get_text() for h in soup.find_all("h2")][:3] == [
        "Inhoud",
        "Wijkprofiel",
        "Enquête onder professionals",
    ]
    assert len(soup.find_all("script")) == 0  # the partner's name stayed text
    assert SCRIPT_NAME in soup.get_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    afspraken = soup.find("table", class_="tabel-afspraken")
    assert [th.get_text() for th in afspraken.find_all("th")][:3] == [
        "Afspraak",
        "Knelpunt",
        "Trekker",
    ]
    assert afspraken.find("td").get_text() == FORMULA
    assert ATTRIBUTION in soup.find(id="bronnen").get_text()
    assert "geen contactgegevens" in soup.find(id="contactgegevens").get_text()
    for img in soup.find_all("img"):
        assert img["src"].startswith("data:image/png;base64,")
    assert "http://" not in html.replace("http://x", "") and "https://" not in html.replace(
        "https://noord.example", ""
    )
    assert EMAIL not in html and PERSON not in html


def test_html_with_contact_details(exported):
    html = exported[1]["html"].read_text(encoding="utf-8")
    assert "bevat contactgegevens" in html and "geen contactgegevens" not in html
    assert EMAIL in html and PERSON in html and PHONE in html


def test_pdf_first_page_states_session_area_and_privacy(exported):
    pages = pdf_text(exported[0]["pdf"])
    first = " ".join(pages[0].split())
    assert "Kick-off Centrum" in first and "WK040201" in first
    assert "geen contactgegevens" in first
    assert "Pagina 1 van" in first
    everything = " ".join(" ".join(pages).split())
    assert "Samenwerkingsafspraken" in everything and FORMULA in everything
    assert ATTRIBUTION in everything and "CC BY 4.0" in everything
    assert EMAIL not in everything and PHONE not in everything


def test_docx_headings_afspraken_table_and_privacy(exported):
    path = exported[0]["docx"]
    document = docx.Document(path)
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Samenwerkingsafspraken") in headings
    assert ("Heading 1", "Bronnen") in headings
    afspraken = next(t for t in document.tables if t.rows[0].cells[0].text == "Afspraak")
    assert afspraken.rows[1].cells[0].text == FORMULA
    assert document.paragraphs[0].text == "Kick-off Centrum"
    first_page = "\n".join(p.text for p in document.paragraphs[:8])
    assert "geen contactgegevens" in first_page
    text = docx_text(path)
    assert ATTRIBUTION in text and SCRIPT_NAME in text
    assert EMAIL not in text and PERSON not in text
    assert len([s for s in document.inline_shapes]) >= 2  # vote chart and disciplines


def test_pptx_slides_with_native_afspraken_table(exported):
    deck = pptx.Presentation(exported[0]["pptx"])
    first = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Kick-off Centrum" in first and "geen contactgegevens" in first
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    afspraken = next(t for t in tables if t.cell(0, 0).text == "Afspraak")
    assert afspraken.cell(1, 0).text == FORMULA
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert charts  # the vote result and the disciplines as native charts
    text = pptx_text(exported[0]["pptx"])
    assert "Volgende stappen" in text and ATTRIBUTION in text and "Medicatieoverdracht" in text
    assert EMAIL not in text


def test_xlsx_sociale_kaart_safe_and_filtered(exported):
    path = exported[0]["xlsx"]
    book = openpyxl.load_workbook(path)
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == ["Sociale kaart", "Afspraken", "Bron en datum"]
    sheet = book["Sociale kaart"]
    assert "geen contactgegevens" in sheet["A2"].value
    assert sheet.freeze_panes == "B5"
    assert sheet.auto_filter.ref.startswith("A4:")
    header = [c.value for c in sheet[4]]
    assert "Discipline" in header and "E-mail" not in header
    names = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    assert "@Fysio" in names and SCRIPT_NAME in names
    fysio = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == "@Fysio")
    assert fysio[0]._style.quotePrefix  # openpyxl has no public getter for quotePrefix
    stop_col = header.index("Opnamestop")
    stopped = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == SCRIPT_NAME)
    assert stopped[stop_col].value.startswith("ja")
    assert stopped[0].fill.fgColor.rgb.endswith("FDE2C4")
    info = "\n".join(
        str(v) for row in book["Bron en datum"].iter_rows(values_only=True) for v in row if v
    )
    assert "Kick-off Centrum" in info and "niet opgenomen" in info and ATTRIBUTION in info
    assert EMAIL not in xlsx_text(path)
    afspraak = book["Afspraken"]["A4"]
    assert afspraak.value == FORMULA and afspraak.data_type == "s" and afspraak._style.quotePrefix


def test_xlsx_holds_no_formula(exported):
    for path in (exported[0]["xlsx"], exported[1]["xlsx"]):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
        book = openpyxl.load_workbook(path)
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f"


def test_xlsx_with_contact_details(exported):
    book = openpyxl.load_workbook(exported[1]["xlsx"])
    sheet = book["Sociale kaart"]
    header = [c.value for c in sheet[4]]
    assert {"Contactpersoon", "Telefoon", "E-mail"} <= set(header)
    assert EMAIL in xlsx_text(exported[1]["xlsx"])
    assert "bevat contactgegevens" in sheet["A2"].value


def test_contact_details_in_docx_pdf_slides_only_on_request(exported):
    plain, full = exported
    assert "bevat contactgegevens" in docx_text(full["docx"]) and EMAIL in docx_text(full["docx"])
    assert "bevat contactgegevens" in " ".join(" ".join(pdf_text(full["pdf"])).split())
    assert "bevat contactgegevens" in pptx_text(full["pptx"])
    slides = plain["slides"].read_text(encoding="utf-8")
    assert "geen contactgegevens" in slides and EMAIL not in slides


def test_slides_offline_and_escaped(exported):
    html = exported[0]["slides"].read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("section", id="titel").find("h1").get_text() == "Kick-off Centrum"
    scripts = soup.find_all("script")
    # reveal.js, its speaker-notes plugin, the start-up; no user text became a script
    assert len(scripts) == 3 and "Reveal.initialize" in scripts[2].get_text()
    assert "RevealNotes" in scripts[1].get_text() and "plugins: [ RevealNotes ]" in html
    assert not soup.find_all(src=lambda s: s and not s.startswith("data:"))
    assert not soup.find_all("link")
    assert "&lt;script&gt;" in html or SCRIPT_NAME not in html


def test_session_name_cannot_escape_export_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKTOOLS_EXPORTS", str(tmp_path / "exports"))
    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn, name="../../x")
    written = export.export(conn, sid, formats="html", profile={})
    assert written["html"] == (tmp_path / "exports" / "x" / "x-rapport.html").resolve()
    assert not (tmp_path / "x").exists()
    conn.close()


def test_inside_refuses_escape(tmp_path):
    with pytest.raises(ExportError, match="buiten de exportmap"):
        paths.inside(tmp_path, "../../x")


def test_unknown_format_is_a_dutch_error(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn)
    with pytest.raises(ExportError, match=r"Onbekend exportformaat: odt\. Kies uit: html, pdf"):
        export.export(conn, sid, formats="html,odt", out_dir=tmp_path / "uit")
    assert not (tmp_path / "uit").exists()
    conn.close()


def test_crash_mid_export_keeps_previous_file(tmp_path, monkeypatch):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn)
    first = export.export(conn, sid, formats="html,xlsx", out_dir=tmp_path, profile={})
    before = first["xlsx"].read_bytes()

    real_write = paths.write_bytes_atomic

    def crash_while_writing(path, data):
        if str(path).endswith(".xlsx"):
            with paths.atomic_write(path) as handle:
                handle.write(data[:100])
                raise OSError("schijf vol")
        return real_write(path, data)

    monkeypatch.setattr(paths, "write_bytes_atomic", crash_while_writing)
    with pytest.raises(OSError):
        export.export(conn, sid, formats="xlsx", out_dir=tmp_path, profile={})
    assert first["xlsx"].read_bytes() == before
    assert openpyxl.load_workbook(io.BytesIO(before))
    assert not list(tmp_path.glob(".*.tmp"))
    conn.close()


def test_many_afspraken_are_split_over_slides(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn)
    for i in range(6):
        store.insert(conn, "afspraken", {"session_id": sid, "wat": f"Extra afspraak {i}"})
    written = export.export(conn, sid, formats="pptx,slides", out_dir=tmp_path, profile={})
    deck = pptx.Presentation(written["pptx"])
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert "Samenwerkingsafspraken (1/2)" in titles and "Samenwerkingsafspraken (2/2)" in titles
    rows = sum(
        len(s.table.rows) - 1
        for slide in deck.slides
        for s in slide.shapes
        if s.has_table and s.table.cell(0, 0).text == "Afspraak"
    )
    assert rows == 8
    html = written["slides"].read_text(encoding="utf-8")
    assert "Samenwerkingsafspraken (1/2)" in html and "Samenwerkingsafspraken (2/2)" in html
    conn.close()


def test_pick_chooses_formats_per_document():
    assert export.pick("pdf,xlsx,html", "rapport") == ("html", "pdf")
    assert export.pick("xlsx", "presentatie") == ()
    with pytest.raises(ExportError, match="Onbekend exportformaat"):
        export.pick("pdf,word", "rapport")


def test_pdf_fetcher_refuses_network_urls():
    from wijktools.render.pdf import fetcher

    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher().fetch("https://example.invalid/logo.png")
    assert fetcher().fetch("data:text/plain,hallo").read() == b"hallo"


def test_empty_session_still_exports_every_format(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = store.insert(conn, "sessions", {"name": "Nog leeg", "area_code": "WK040201"})
    written = export.export(conn, sid, out_dir=tmp_path, profile={})
    assert set(written) == set(export.ALL_FORMATS)
    sheet = openpyxl.load_workbook(written["xlsx"])["Sociale kaart"]
    assert sheet["A5"].value == "Er zijn nog geen ketenpartners vastgelegd."
    assert "Nog geen afspraken vastgelegd." in pptx_text(written["pptx"])
    assert "Er zijn nog geen knelpunten vastgelegd." in " ".join(
        " ".join(pdf_text(written["pdf"])).split()
    )
    conn.close()


def test_unknown_area_exports_with_the_reason_instead_of_a_profile(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = store.insert(conn, "sessions", {"name": "Elders", "area_code": "Onbekend dorp"})
    written = export.export(conn, sid, formats="html", out_dir=tmp_path)
    text = BeautifulSoup(written["html"].read_text(encoding="utf-8"), "html.parser").get_text()
    assert "Het wijkprofiel kon niet worden gemaakt: Geen gebied gevonden" in text
    conn.close()
