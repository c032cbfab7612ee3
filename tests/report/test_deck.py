"""The slide decks for a session on an area outside the demo (Wijk 00 Borculo, gemeente Berkelland).

The profile is built from the shipped CBS/RIVM data by the export itself (the session's area code);
the workshop part (partners, a vote, afspraken) is the small hostile session of export_helpers.
"""

import io
import json
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree

import pandas as pd
import pptx
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image
from pptx.enum.shapes import PP_PLACEHOLDER

from tests.support.export_helpers import make_session
from wijktools import export
from wijktools.figures import profile as figures
from wijktools.figures import theme
from wijktools.figures.votes import ranking_figure
from wijktools.paths import raw_dir
from wijktools.report.deck_profile import SLIDE_DPI
from wijktools.store import connection as store
from wijktools.workshop import knelpunten, priorities

AREA = "WK185900"  # Wijk 00 Borculo, not one of the demo areas
EXPECTED_ORDER = [
    "Kick-off Borculo",
    "Kerncijfers",
    "Leeftijdsopbouw",
    "Gezondheid en welzijn 18+ (1/2)",
    "Gezondheid en welzijn 18+ (2/2)",
    "Gezondheid en welzijn 65+ (1/2)",
    "Gezondheid en welzijn 65+ (2/2)",
    "Verwachte zorgvraag",
    "Ligging in de gemeente",
    "Concept-knelpunten uit de cijfers",
    "Sociale kaart",
    "Capaciteit en zorgvraag",
    "Netwerkkaart",
    "Netwerkkaart: wie is wie",
    "Ontbrekende disciplines",
    "Uitslag van de stemming",
    "Samenwerkingsafspraken",
    "Volgende stappen",
    "Bronnen",
]
DATA_SLIDES = {
    "Leeftijdsopbouw",
    "Gezondheid en welzijn 18+ (1/2)",
    "Verwachte zorgvraag",
    "Ligging in de gemeente",
    "Concept-knelpunten uit de cijfers",
    "Sociale kaart",
    "Netwerkkaart",
    "Uitslag van de stemming",
}
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    base = tmp_path_factory.mktemp("deck")
    conn = store.connect(base / "db.sqlite")
    sid = make_session(conn, name="Kick-off Borculo")
    store.update(conn, "sessions", sid, {"area_code": AREA, "area_name": "Borculo"})
    report = export.prepare(conn, sid)
    written = export.write(report, "pptx,slides", base / "uit")
    conn.close()
    return report, written


def _kwb_row(code: str) -> dict:
    """The area's counts straight from the shipped CBS file (not from wijktools' own tables)."""
    frame = pd.read_csv(
        raw_dir() / "cbs-kwb-2024-85984NED" / "kwb2024_nl_alle_niveaus_bevolking.csv"
    )
    return frame.set_index("code").loc[code].to_dict()


def test_deck_carries_the_profile_in_adviser_order(decks):
    _report, written = decks
    deck = pptx.Presentation(written["pptx"])
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles == EXPECTED_ORDER
    html = BeautifulSoup(written["slides"].read_text(encoding="utf-8"), "html.parser")
    sections = html.select("div.slides > section")
    assert [s.find(["h1", "h2"]).get_text() for s in sections] == EXPECTED_ORDER


def test_titles_are_placeholders_of_slide_layouts(decks):
    deck = pptx.Presentation(decks[1]["pptx"])
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        # the placeholder sits on the slide, below the top edge, as wide as the 16:9 content
        assert title.top is None or title.top >= 0
    layouts = {slide.slide_layout.name for slide in deck.slides}
    assert {"Title Slide", "Title Only", "Title and Content"} <= layouts
    bullets = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Volgende stappen")
    body = next(p for p in bullets.placeholders if p.placeholder_format.idx == 1)
    assert len(body.text_frame.paragraphs) >= 2  # real paragraphs in the body placeholder


def _sizes(element):
    return [
        int(node.get("sz"))
        for tag in ("rPr", "defRPr", "endParaRPr")
        for node in element.iter(A + tag)
        if node.get("sz")
    ]


def test_no_text_under_18_pt_in_slides_charts_and_figures(decks):
    deck = pptx.Presentation(decks[1]["pptx"])
    for slide in deck.slides:
        sizes = _sizes(slide._element)
        for shape in slide.shapes:
            if shape.has_chart:
                sizes += _sizes(shape.chart._chartSpace)
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        assert run.font.size is not None, (slide.shapes.title.text, run.text)
        assert sizes and min(sizes) >= 1800, slide.shapes.title.text


def test_slide_figures_are_drawn_at_slide_size_with_18_pt_text(decks):
    report, _ = decks
    from matplotlib.text import Text

    pictures = [s for s in report.slides if s.png]
    assert {s.key for s in pictures} >= {"kaart", "netwerkkaart"}
    for slide in pictures:
        with Image.open(io.BytesIO(slide.png)) as image:
            width_in, height_in = image.width / SLIDE_DPI, image.height / SLIDE_DPI
        assert (round(width_in, 1), round(height_in, 1)) == (theme.SLIDE.width, theme.SLIDE.height)
    # chart slides: PowerPoint draws a native chart, reveal.js shows the figure as SVG (in points)
    charts = [s for s in report.slides if s.svg]
    assert {s.key for s in charts} >= {"leeftijdsopbouw", "stemming", "sociale_kaart"}
    for slide in charts:
        assert slide.kind == "chart" and not slide.png
        root = ElementTree.fromstring(slide.svg)
        size = [float(root.get(side).removesuffix("pt")) / 72 for side in ("width", "height")]
        assert [round(v, 1) for v in size] == [theme.SLIDE.width, theme.SLIDE.height]
        # letters as outlines: the same look without the house font
        assert not list(root.iter("{http://www.w3.org/2000/svg}text"))
    # the same figure function as the report, only drawn for the slide medium
    profile = export._profile_for({"area_code": AREA, "kern_codes": None})
    with theme.medium(theme.SLIDE):
        fig = figures.age_structure(profile)
    texts = [t for t in fig.findobj(Text) if t.get_text() and t.get_visible()]
    ticks = [t for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]
    assert min(t.get_fontsize() for t in texts + ticks) >= 18
    assert tuple(fig.get_size_inches()) == (theme.SLIDE.width, theme.SLIDE.height)
    report_fig = figures.age_structure(profile)
    assert tuple(report_fig.get_size_inches()) == figures.AGE_SIZE  # the report keeps its own size


def test_native_charts_hold_the_profile_values(decks):
    deck = pptx.Presentation(decks[1]["pptx"])
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Leeftijdsopbouw")
    chart = next(s.chart for s in slide.shapes if s.has_chart)
    assert list(chart.plots[0].categories) == [
        "0-15 jaar",
        "15-25 jaar",
        "25-45 jaar",
        "45-65 jaar",
        "65+ jaar",
    ]
    area, gemeente, nl = chart.plots[0].series
    assert area.name == "Wijk 00 Borculo" and gemeente.name == "Gemeente Berkelland"
    assert nl.name == "Nederland"
    wijk, gem, land = _kwb_row(AREA), _kwb_row("GM1859"), _kwb_row("NL00")
    for series, row in ((area, wijk), (gemeente, gem), (nl, land)):
        assert series.values[-1] == pytest.approx(
            100 * row["leeftijd_65_plus"] / row["aantal_inwoners"]
        )
        assert series.values[0] == pytest.approx(
            100 * row["leeftijd_0_15"] / row["aantal_inwoners"]
        )


def test_vote_chart_in_the_deck_uses_the_tie_labels(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = store.insert(conn, "sessions", {"name": "Stemtest (FICTIEF)", "area_code": ""})
    a = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid")
    b = knelpunten.add_knelpunt(conn, sid, "Wachttijd GGZ")
    c = knelpunten.add_knelpunt(conn, sid, "Valpreventie")
    round_id = priorities.open_round(conn, sid, "dots", 3)
    priorities.cast_dots(conn, round_id, "p1", {a: 2, b: 1})
    priorities.cast_dots(conn, round_id, "p2", {a: 1, c: 1})
    priorities.close_round(conn, round_id)
    written = export.export(conn, sid, formats="pptx,slides", out_dir=tmp_path, profile={})
    conn.close()
    deck = pptx.Presentation(written["pptx"])
    slide = next(
        s for s in deck.slides if s.shapes.title.text_frame.text == "Uitslag van de stemming"
    )
    chart = next(s.chart for s in slide.shapes if s.has_chart)
    assert list(chart.plots[0].categories) == [
        "1  Eenzaamheid",
        "2=  Valpreventie",
        "2=  Wachttijd GGZ",
    ] or list(chart.plots[0].categories) == [
        "1  Eenzaamheid",
        "2=  Wachttijd GGZ",
        "2=  Valpreventie",
    ]
    notes = slide.notes_slide.notes_text_frame.text
    assert "2= " in notes and "Bron: stemming in de werksessie" in notes


def test_vote_axis_covers_every_round(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = store.insert(conn, "sessions", {"name": "Twee rondes (FICTIEF)", "area_code": ""})
    a = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid")
    b = knelpunten.add_knelpunt(conn, sid, "Wachttijd GGZ")
    first = priorities.open_round(conn, sid, "dots", 5)
    priorities.cast_dots(conn, first, "p1", {a: 5})
    priorities.cast_dots(conn, first, "p2", {a: 5})
    priorities.close_round(conn, first)
    second = priorities.open_round(conn, sid, "dots", 1)
    priorities.cast_dots(conn, second, "p1", {b: 1})
    priorities.close_round(conn, second)
    results = priorities.session_results(conn, sid)
    conn.close()
    fig = ranking_figure(results[1], results[0])
    assert fig.axes[0].get_xlim()[1] >= 10  # the first round's 10 stippen stay inside the axis


def test_speaker_notes_give_source_and_rule(decks):
    deck = pptx.Presentation(decks[1]["pptx"])
    for slide in deck.slides:
        title = slide.shapes.title.text_frame.text
        if title not in DATA_SLIDES:
            continue
        notes = slide.notes_slide.notes_text_frame.text
        assert "Bron" in notes, title
        if title in ("Concept-knelpunten uit de cijfers", "Verwachte zorgvraag"):
            assert "regel" in notes.lower(), title
    html = BeautifulSoup(decks[1]["slides"].read_text(encoding="utf-8"), "html.parser")
    for section in html.select("div.slides > section"):
        if section.find(["h1", "h2"]).get_text() in DATA_SLIDES:
            assert "Bron" in section.find("aside", class_="notes").get_text()


def test_language_is_dutch_everywhere(decks):
    path = decks[1]["pptx"]
    deck = pptx.Presentation(path)
    assert deck.core_properties.language == "nl-NL"
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not name.endswith(".xml") or "/theme" in name:
                continue
            root = etree.fromstring(package.read(name))
            langs = {
                node.get("lang") for node in root.iter(A + "rPr", A + "endParaRPr", A + "defRPr")
            }
            assert langs <= {"nl-NL"}, (name, langs)


def test_reveal_deck_is_offline_with_notes_and_same_figures(decks):
    report, written = decks
    html = written["slides"].read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(src=lambda s: s and not s.startswith("data:"))
    assert not soup.find_all("link")
    assert "RevealNotes" in html
    images = {img.find_parent("section")["id"]: img for img in soup.select("section img")}
    assert set(images) == {s.key for s in report.slides if s.png or s.svg}
    for slide in report.slides:
        if slide.svg:
            assert images[slide.key]["src"] == theme.to_data_uri(slide.svg, "image/svg+xml")
        elif slide.png:
            assert images[slide.key]["src"] == theme.to_data_uri(slide.png)


def test_session_without_area_gets_a_deck_without_data_slides(tmp_path):
    conn = store.connect(tmp_path / "db.sqlite")
    sid = store.insert(conn, "sessions", {"name": "Zonder gebied (FICTIEF)", "area_code": ""})
    written = export.export(conn, sid, formats="pptx,slides", out_dir=tmp_path, profile={})
    conn.close()
    deck = pptx.Presentation(written["pptx"])
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles == [
        "Zonder gebied (FICTIEF)",
        "Sociale kaart",
        "Knelpunten van de sessie",
        "Samenwerkingsafspraken",
        "Volgende stappen",
        "Bronnen",
    ]
    assert "Reveal.initialize" in written["slides"].read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) ontbreekt")
def test_libreoffice_opens_the_deck_without_repair(decks, tmp_path):
    path = decks[1]["pptx"]
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / path.with_suffix(".pdf").name
    assert pdf.exists(), done.stderr
    import pypdf

    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == len(pptx.Presentation(path).slides)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Leeftijdsopbouw" in text and "Wijk 00 Borculo" in text


def test_deck_json_free_of_internal_codes_in_titles(decks):
    report, _ = decks
    assert not any("KERN-" in s.title or "KERN-" in s.subtitle for s in report.slides)
    assert json.dumps([s.title for s in report.slides], ensure_ascii=False)


def test_no_knelpunt_slide_does_not_claim_health_was_checked_without_rivm_figures():
    # Sint Pancras (Dijk en Waard) from its buurten: none is in the RIVM 2020 indeling, so no
    # health figure was compared; the slide used to say no indicator was among the worst.
    from wijktools.opendata import areas
    from wijktools.profile import build as profile
    from wijktools.profile.model import to_json
    from wijktools.report.deck_profile import profile_slides

    kern = areas.kern("Sint Pancras", ["BU19800501", "BU19800502", "BU19800503"])
    data = json.loads(to_json(profile.build(kern)))
    assert data["knelpunten"] == []
    (slide,) = [s for s in profile_slides(data) if s.key == "concept_knelpunten_1"]
    text = " ".join(slide.bullets)
    assert "geen RIVM-cijfers over gezondheid en welzijn" in text
    assert "op geen enkele indicator" not in text
    assert any("komt niet voor in de RIVM-indeling van 2020" in n for n in slide.notes)


def test_survey_given_to_the_export_gets_slides_without_groups_under_five(tmp_path):
    # The fictional example survey (FICTIEF) has disciplines of fewer than 5 respondents.
    from wijktools import survey

    example, mapping = survey.demo_paths()
    result = export.read_survey(example, mapping)
    small = [g.name for g in result.disciplines if g.suppressed]
    assert small
    conn = store.connect(tmp_path / "db.sqlite")
    sid = store.insert(conn, "sessions", {"name": "Enquête (FICTIEF)", "area_code": ""})
    written = export.export(conn, sid, formats="pptx", out_dir=tmp_path, profile={}, survey=result)
    conn.close()
    deck = pptx.Presentation(written["pptx"])
    slides = {s.shapes.title.text_frame.text: s for s in deck.slides}
    disciplines = slides["Enquête onder professionals: respondenten per discipline"]
    questions = slides["Enquête onder professionals: uitkomsten per vraag (alle respondenten)"]
    for slide in (disciplines, questions):
        cells = [
            c.text for sh in slide.shapes if sh.has_table for r in sh.table.rows for c in r.cells
        ]
        assert cells and not set(small) & set(cells)
        assert result.source_line in slide.notes_slide.notes_text_frame.text
    assert "overige disciplines" in [
        c.text for sh in disciplines.shapes if sh.has_table for r in sh.table.rows for c in r.cells
    ]


def test_age_slide_of_a_frisian_kern_names_both_kwb_years():
    # Kern Hollum (Ameland) has KWB 2025 figures beside Nederland's of 2024: the slide's source said
    # only 2025 while the report's figure said '2024, 2025'.
    from wijktools.opendata import areas
    from wijktools.profile import build
    from wijktools.report.deck_profile import profile_slides

    p = build.build(areas.kern("Hollum", ["BU00600003", "BU00600009"]))
    assert p.row("aandeel_65_plus", "").jaar_nederland == 2024
    (slide,) = [s for s in profile_slides(p) if s.key == "leeftijdsopbouw"]
    assert slide.source == "Bron: CBS, Kerncijfers wijken en buurten 2024, 2025; CC BY 4.0"


def test_demand_slide_is_filled_where_no_provincial_prognosis_anchors_the_contacts():
    """Heerlen (Limburg has no PBL/CBS prognosis in the data): the chart was empty, '– (index –)'."""
    from wijktools.profile import build
    from wijktools.report.deck_profile import profile_slides

    profile = build.build("WK091732")  # Wijk 32 Meezenbroek-Schaesbergerveld, Heerlen
    assert profile.zorgvraag is not None and profile.zorgvraag.years[0].contacten is None
    (slide,) = [s for s in profile_slides(profile) if s.key == "zorgvraag"]
    chart = slide.chart
    assert chart is not None and len(chart.categories) == 3 and len(chart.series) == 6
    for i, year in enumerate(profile.zorgvraag.years):
        total = sum(values[i] for _name, values in chart.series)
        assert total == pytest.approx(year.contacten_per_inwoner, abs=0.01)
        assert chart.point_labels[i].startswith("vergrijzingsindex ")
    assert (
        "vergrijzingsindex 103,7" in slide.notes[1]
        and "4,69 contacten per inwoner" in slide.notes[1]
    )
