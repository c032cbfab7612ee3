"""The netwerkkaart widgets, driven as a facilitator would: set values, click, read the feedback."""

import re

import pytest

from wijktools import network
from wijktools.store import connection as store
from wijktools.widgets.network import NetworkPanel, PartnerForm, RelationForm

SAVED = re.compile(r"Opgeslagen om \d{2}:\d{2}:\d{2}")


@pytest.fixture
def sid(kickoff_sid):
    return kickoff_sid


def fill(form, **values):
    for field, value in values.items():
        form.fields[field].value = value


def test_partner_saved_and_confirmed(conn, sid):
    form = PartnerForm(conn, sid)
    fill(
        form,
        organisatie="Praktijk A",
        discipline="huisarts",
        werkdagen="ma t/m wo",
        telefoon="0513-123456",
        postcode="8501ab",
    )
    form.save_button.click()
    assert SAVED.search(form.status.value)
    row = network.partners(conn, sid)[0]
    assert (row["werkdagen"], row["postcode"]) == ("ma, di, wo", "8501 AB")
    assert form.selector.value == row["id"]


def test_validation_messages_appear_in_place(conn, sid):
    form = PartnerForm(conn, sid)
    fill(
        form,
        organisatie="Praktijk A",
        discipline="huisarts",
        email="geen-adres",
        telefoon="123",
        laatst_gecontroleerd="",
    )
    form.save_button.click()
    assert "geen geldig e-mailadres" in form.messages["email"].value
    assert "telefoonnummer" in form.messages["telefoon"].value
    assert form.messages["postcode"].value == ""
    assert "Niet opgeslagen" in form.status.value and "E-mail" in form.status.value
    assert network.partners(conn, sid) == []
    fill(form, email="info@a.example", telefoon="06-12345678")
    form.save_button.click()
    assert form.messages["email"].value == ""
    assert SAVED.search(form.status.value)


def test_messages_are_escaped(conn, sid):
    form = PartnerForm(conn, sid)
    fill(form, organisatie="A", discipline="huisarts", email="<script>@x")
    form.save()
    assert "<script>" not in form.messages["email"].value
    assert "&lt;script&gt;" in form.messages["email"].value


def test_edit_existing_partner_via_selector(conn, sid):
    pid = network.add_partner(
        conn, sid, {"organisatie": "A", "discipline": "apotheek", "opnamestop": "ja tot 2027-03-01"}
    )
    form = PartnerForm(conn, sid)
    form.selector.value = pid
    assert form.fields["organisatie"].value == "A"
    assert form.fields["opnamestop"].value == "ja tot 2027-03-01"
    form.fields["opnamestop"].value = "nee"
    form.save_button.click()
    assert network.partners_by_id(conn, pid)["opnamestop"] == 0
    assert [h["action"] for h in store.history(conn, "ketenpartners", pid)][-1] == "before_update"
    form.selector.value = 0
    assert form.fields["organisatie"].value == ""


def test_delete_and_undo(conn, sid):
    pid = network.add_partner(conn, sid, {"organisatie": "A", "discipline": "apotheek"})
    form = PartnerForm(conn, sid)
    form.selector.value = pid
    form.delete_button.click()
    assert network.partners(conn, sid) == []
    assert "Verwijderd om" in form.status.value and not form.undo_button.disabled
    form.undo_button.click()
    assert [p["id"] for p in network.partners(conn, sid)] == [pid]
    assert "Teruggezet om" in form.status.value
    form.selector.value = 0
    form.delete_button.click()
    assert "Kies eerst" in form.status.value


def test_add_discipline_from_form(conn, sid):
    form = PartnerForm(conn, sid)
    form.new_discipline.value = "buurtsportcoach"
    form.new_domain.value = "welzijn"
    form.add_discipline_button.click()
    assert "buurtsportcoach" in form.fields["discipline"].options
    assert form.fields["discipline"].value == "buurtsportcoach"
    fill(form, organisatie="Sportief")
    form.save_button.click()
    assert network.partners(conn, sid)[0]["discipline"] == "buurtsportcoach"


def test_duplicate_name_is_shown_under_organisatie(conn, sid):
    network.add_partner(conn, sid, {"organisatie": "A", "discipline": "apotheek"})
    form = PartnerForm(conn, sid)
    fill(form, organisatie="a", discipline="huisarts")
    form.save_button.click()
    assert "staat al op de sociale kaart" in form.messages["organisatie"].value


def test_relation_form(conn, sid):
    a = network.add_partner(conn, sid, {"organisatie": "A", "discipline": "huisarts"})
    b = network.add_partner(conn, sid, {"organisatie": "B", "discipline": "apotheek"})
    form = RelationForm(conn, sid)
    form.save_button.click()
    assert "kies bij Van en Naar" in form.status.value
    form.van.value, form.naar.value = a, b
    form.soort.value, form.intensiteit.value = "verwijzen", 3
    form.save_button.click()
    assert SAVED.search(form.status.value)
    rel = network.relations(conn, sid)[0]
    assert (rel["kind"], rel["intensity"], rel["directed"]) == ("verwijzen", 3, 1)
    assert "A → B (verwijzen)" in [label for label, _ in form.selector.options]
    form.intensiteit.value = 1
    form.save_button.click()
    assert network.relations(conn, sid)[0]["intensity"] == 1
    form.selector.value = 0
    form.van.value, form.naar.value = a, a
    form.save_button.click()
    assert "twee verschillende" in form.status.value
    form.selector.value = rel["id"]
    form.delete_button.click()
    assert network.relations(conn, sid) == []
    form.undo_button.click()
    assert len(network.relations(conn, sid)) == 1


def test_panel_refreshes_table_review_and_map(conn):
    sid = network.load_demo(conn)
    panel = NetworkPanel(conn, sid)
    assert "Apotheek Haskeruitgang" in panel.table.value
    assert "Diëtistenpraktijk Joure" in panel.review.value
    assert "casemanager dementie" in panel.review.value
    first_map = panel.map.value
    assert bytes(first_map).startswith(b"\x89PNG")
    form = panel.partner_form
    fill(form, organisatie="Casemanagers <Dementie> & Co", discipline="casemanager dementie")
    form.save_button.click()
    assert "Casemanagers &lt;Dementie&gt; &amp; Co" in panel.table.value
    assert "casemanager dementie" not in panel.review.value.split("Ontbrekende")[-1]
    assert panel.map.value != first_map
    options = [label for label, _ in panel.relation_form.van.options]
    assert "Casemanagers <Dementie> & Co" in options


def test_refresh_button_shows_entries_from_another_connection(conn, sid, db_path):
    panel = NetworkPanel(conn, sid, draw_map=False)
    other = store.connect(db_path)
    network.add_partner(other, sid, {"organisatie": "Van de andere laptop", "discipline": "GGZ"})
    assert "Van de andere laptop" not in panel.table.value
    panel.refresh_button.click()
    assert "Van de andere laptop" in panel.table.value
    assert "Van de andere laptop" in [label for label, _ in panel.partner_form.selector.options]
