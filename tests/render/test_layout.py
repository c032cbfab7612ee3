import pytest

from wijktools.render.layout import CHAR_EM, PADDING_PT, column_widths


def test_widths_add_up_and_longest_word_fits_when_there_is_room():
    columns = [
        ["Afspraak", "Huisartsen verwijzen eenzame ouderen naar de welzijnscoach " * 2],
        ["Status", "afgesproken"],
        ["Rang", "1"],
    ]
    widths = column_widths(columns, 500, 10)
    assert sum(widths) == pytest.approx(500)
    assert widths[1] >= len("afgesproken") * CHAR_EM * 10 + PADDING_PT
    assert widths[0] > widths[1] > widths[2]


def test_too_narrow_page_scales_minimums():
    widths = column_widths([["x" * 30], ["y" * 30]], 100, 10)
    assert widths == pytest.approx([50, 50])
