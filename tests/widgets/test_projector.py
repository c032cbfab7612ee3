"""Tables on the projector: no index column, Dutch numbers right-aligned, text escaped."""

from wijktools.widgets import projector


def test_projector_tables_read_as_tables():
    import pandas as pd
    from bs4 import BeautifulSoup

    frame = pd.DataFrame(
        [
            {"Knelpunt": "Eenzaamheid <75+>", "jaar": 2024, "Inwoners": 10585.0, "Leeg": None},
            {"Knelpunt": "Wachttijd GGZ", "jaar": 2020, "Inwoners": 1430.5, "Leeg": ""},
        ]
    )
    soup = BeautifulSoup(projector.frame_html(frame), "html.parser")
    assert [th.get_text() for th in soup.select("thead th")] == ["Knelpunt", "jaar", "Inwoners"]
    assert not soup.select("th.row_heading")  # no pandas index column
    cells = [[td.get_text() for td in tr.select("td")] for tr in soup.select("tbody tr")]
    assert cells == [["Eenzaamheid <75+>", "2024", "10.585"], ["Wachttijd GGZ", "2020", "1.430,5"]]
    assert "&lt;75+&gt;" in str(soup.select_one("tbody td"))  # escaped, not markup
    style = soup.find("style").get_text()
    assert ".col1 {\n  text-align: right;" in style and ".col2 {\n  text-align: right;" in style
    assert ".col0 {\n  text-align: right;" not in style
    summary = BeautifulSoup(projector.mapping_html({"zonder_relatie": ["@Fysio"]}), "html.parser")
    assert summary.select_one("th").get_text() == "Zonder relatie"


def test_room_sees_no_contact_details_adviser_does(tmp_path, monkeypatch):
    """The sociale kaart on the projector (Styler from tables.show, or the panel's table) has no
    contactpersoon, telefoon or e-mail; the adviser's notebook still shows them."""
    from bs4 import BeautifulSoup

    from tests.support.export_helpers import EMAIL, PERSON, PHONE, make_session
    from wijktools import network
    from wijktools.store import connection as store
    from wijktools.widgets import tables
    from wijktools.widgets.network import NetworkPanel

    conn = store.connect(tmp_path / "db.sqlite")
    sid = make_session(conn)
    kaart = network.sociale_kaart(conn, sid).drop(columns="id")
    stored = [str(v) for v in kaart[["Contactpersoon", "Telefoon", "E-mail"]].stack() if v]
    assert {PERSON, EMAIL} <= set(stored) and any(PHONE.split("-")[-1] in v for v in stored)

    adviser = tables.show(kaart).to_html()
    assert all(v in adviser for v in stored)

    room = projector.styler_html(tables.show(kaart))
    headers = [th.get_text() for th in BeautifulSoup(room, "html.parser").select("thead th")]
    assert headers[:2] == ["Organisatie", "Discipline"] and "Voorkeur contact" in headers
    assert not {"Contactpersoon", "Telefoon", "E-mail"} & set(headers)
    assert not [v for v in stored if v in room]

    assert all(v in NetworkPanel(conn, sid, draw_map=False).table.value for v in stored)
    monkeypatch.setattr(projector, "_active", True)
    served = NetworkPanel(conn, sid, draw_map=False).table.value
    assert "Huisartsenpraktijk Noord" in served and not [v for v in stored if v in served]
