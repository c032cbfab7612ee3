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
