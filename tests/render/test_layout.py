import pytest

from wijktools.render.layout import (
    CHAR_EM,
    PADDING_PT,
    column_widths,
    row_height,
    table_pages,
    wrapped_lines,
)


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


def test_crowded_table_gives_the_wordy_column_the_room():
    # A knelpunt slide: short title, long figures, a medium rule; all wrap at 18 pt on a slide.
    columns = [
        ["Knelpunt", "Overgewicht", "Eenzaam"],
        ["Cijfers", "Overgewicht: hoort bij de 1 % van de wijken met het hoogste aandeel " * 3] * 1
        + ["Eenzaam (18+): van 38 % (2012) naar 53 % (2020); landelijk van 40 % naar 47 %. " * 2],
        ["Regel", "ongunstiger dan bijna alle wijken van Nederland én dan landelijk"] * 1 + ["x"],
    ]
    widths = column_widths(columns, 870, 18)
    assert sum(widths) == pytest.approx(870)
    assert widths[1] > widths[2] > widths[0]


def test_wrapped_lines_counts_word_wrap_and_breaks_overlong_words():
    per_line = (200 - PADDING_PT) / (CHAR_EM * 10)  # about 30 characters
    assert wrapped_lines("kort", 200, 10) == 1
    assert wrapped_lines("woord " * 12, 200, 10) == 3  # 12 words of 6 characters with spaces
    assert wrapped_lines("x" * int(per_line * 2.5), 200, 10) == 3
    assert wrapped_lines("regel een\nregel twee", 200, 10) == 2


def test_table_pages_keep_every_row_once_in_order_and_fit_the_height():
    header = ["Knelpunt", "Cijfers"]
    rows = [[f"K{i}", "woord " * (10 * (i % 4 + 1))] for i in range(12)]
    widths = [100.0, 300.0]
    pages = table_pages(header, rows, widths, 18, 400)
    assert [i for page in pages for i in page] == list(range(12))
    assert len(pages) > 1 and all(pages)
    for page in pages:
        used = row_height(header, widths, 18) + sum(row_height(rows[i], widths, 18) for i in page)
        assert used <= 400 or len(page) == 1  # a row taller than a page stands alone


def test_a_row_taller_than_a_page_gets_its_own_page():
    rows = [["a", "kort"], ["b", "lang " * 400], ["c", "kort"]]
    assert table_pages(["K", "C"], rows, [100.0, 300.0], 18, 400) == [[0], [1], [2]]
