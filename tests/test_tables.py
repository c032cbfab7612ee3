"""Notebook tables: Dutch numbers, years as labels, user text escaped, no index column."""

import pandas as pd

from wijktools import tables


def test_dutch_numbers_years_and_no_index():
    # KWB 2024 (data/raw/cbs-kwb-2024-85984NED): gemeente Lochem 34289 inwoners, 10232 65+;
    # wijk WK026200 12500 inwoners, 3840 65+. The share of the gemeente is left out (missing).
    frame = pd.DataFrame(
        {
            "jaar": [2024, 2024],
            "inwoners": [34289.0, 12500.0],
            "aandeel 65+": [10232 / 34289 * 100, None],
        }
    )
    html = tables.show(frame).to_html()
    assert ">2024<" in html and ">2.024<" not in html
    assert ">34.289<" in html and ">12.500<" in html and "34289.0" not in html
    assert ">29,8<" in html and ">–<" in html
    assert "row_heading" not in html  # the 0, 1 index column is hidden


def test_user_text_and_headers_are_escaped():
    frame = pd.DataFrame({"<ronde>": ["<script>alert(1)</script>"], "n": [1]})
    html = tables.show(frame).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;ronde&gt;" in html


def test_frame_itself_is_unchanged():
    frame = pd.DataFrame({"inwoners": [7890.0]})
    tables.show(frame)
    assert frame["inwoners"].tolist() == [7890.0]
