import pytest

from tests.support.workshop import new_session
from wijktools.errors import DataMissingError, ValidationError
from wijktools.store import connection as store
from wijktools.workshop import agreements, knelpunten, toolkit, wijkplan


def test_shipped_toolkit_covers_every_theme_with_a_named_source():
    entries = toolkit.load()
    assert len(entries) >= 25
    assert set(toolkit.THEMES) <= {e.thema for e in entries}
    assert all(e.bron.strip() and e.disciplines and e.trefwoorden for e in entries)
    assert toolkit.themes()[: len(toolkit.THEMES)] == list(toolkit.THEMES)


def test_search_by_theme_and_keyword():
    dementie = toolkit.search(theme="dementie")
    assert dementie and all(e.thema == "dementie" for e in dementie)
    eenzaam = {e.id for e in toolkit.search(keyword="EENZAAM")}
    assert {"welzijn-op-recept", "signaleren-eenzaamheid"} <= eenzaam
    assert toolkit.search(theme="jeugd", keyword="medicatie") == []


def test_suggest_answers_a_high_eenzaamheid_knelpunt_with_eenzaamheid_examples():
    drafts = [
        {"titel": "Eenzaamheid hoog", "toelichting": "", "regel": "Eenzaam_28 boven NL"},
        {"titel": "Wachttijd GGZ"},
        {"titel": "Iets heel anders"},
        {"titel": "Niet in de top"},
    ]
    first, second, third = toolkit.suggest(drafts, top=3)
    assert first.entries and all("eenzaam" in e.text() for e in first.entries)
    assert any(e.thema == "GGZ/psychosociaal" for e in second.entries)
    assert third.entries == []


def test_adopt_copies_an_editable_afspraak_and_intervention(db_path):
    conn = store.connect(db_path)
    sid = new_session(conn)
    kid = knelpunten.add_knelpunt(conn, sid, "Eenzaamheid")
    made = toolkit.adopt(conn, sid, "welzijn-op-recept", kid, kind="beide")
    (a,) = agreements.afspraken(conn, sid)
    assert a["id"] == made["afspraak"] and a["toolkit_entry"] == "welzijn-op-recept"
    assert a["status"] == "voorgesteld" and a["knelpunt"] == "Eenzaamheid"
    agreements.update_afspraak(conn, a["id"], wat="Onze eigen versie")
    (i,) = wijkplan.interventions(conn, sid)
    assert i["source"].startswith("Landelijk netwerk Welzijn op Recept")
    with pytest.raises(ValidationError, match="niet in de gereedschapskist"):
        toolkit.adopt(conn, sid, "bestaat-niet")


def test_broken_toolkit_file_gets_a_dutch_message(tmp_path):
    path = tmp_path / "kist.yaml"
    path.write_text("voorbeelden:\n  - id: x\n    titel: y\n", encoding="utf-8")
    with pytest.raises(DataMissingError, match="niet goed opgebouwd"):
        toolkit.load(path)
