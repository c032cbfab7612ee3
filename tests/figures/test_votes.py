from tests.support.workshop import new_session
from wijktools.figures import votes as figures_votes
from wijktools.store import connection as store
from wijktools.workshop import knelpunten, priorities


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.texts] + [
        t.get_text() for t in fig.texts
    ]


def session_with_votes(db_path):
    conn = store.connect(db_path)
    sid = new_session(conn, partners=False)
    a, b, c = (
        knelpunten.add_knelpunt(conn, sid, t) for t in ("Kosten $5 eigen bijdrage", "B", "C")
    )
    r1 = priorities.open_round(conn, sid, "dots", 2)
    priorities.cast_dots(conn, r1, "p1", {a: 1, b: 1})
    m = priorities.open_round(conn, sid, "matrix")
    priorities.cast_scores(conn, m, "p1", {a: (5, 5), b: (5, 5), c: (1, 2)})
    r2 = priorities.open_round(conn, sid, "dots", 2)
    priorities.cast_dots(conn, r2, "p1", {a: 2})
    return priorities.session_results(conn, sid)


def test_ranking_chart_shows_ties_and_source(db_path):
    first, _, second = session_with_votes(db_path)
    labels = texts(figures_votes.ranking_figure(first))
    assert any(label.startswith("1=") for label in labels)
    assert any("Kosten \\$5" in label for label in labels)  # no mathtext from user text
    assert any(label.startswith("Bron: stemming in de werksessie") for label in labels)
    fig = figures_votes.ranking_figure(second, first)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()][:2] == [
        second.title,
        first.title,
    ]


def test_matrix_chart_labels_quadrants_and_groups_tied_points(db_path):
    _, matrix, _ = session_with_votes(db_path)
    labels = texts(figures_votes.matrix_figure(matrix))
    for quadrant in ("snel resultaat", "grote klus", "kleine moeite", "later bekijken"):
        assert quadrant in labels
    assert "1=, 1=" in labels


def test_pngs_for_exports_and_empty_sessions(db_path):
    results = session_with_votes(db_path)
    assert figures_votes.latest_ranking_png(results).startswith(b"\x89PNG")
    assert figures_votes.latest_matrix_png(results).startswith(b"\x89PNG")
    assert figures_votes.latest_ranking_png([]).startswith(b"\x89PNG")


def test_dot_ranking_axis_has_whole_numbers_only(db_path):
    first, _, _ = session_with_votes(db_path)
    fig = figures_votes.ranking_figure(first)
    fig.canvas.draw()
    ticks = fig.axes[0].get_xticks()
    assert all(float(t).is_integer() for t in ticks)


def test_on_a_slide_the_top_eight_with_one_line_labels(db_path):
    """Eleven knelpunten with two-line labels overlapped on a 18 pt slide; PowerPoint hid every other."""
    from wijktools.figures import theme

    conn = store.connect(db_path)
    sid = new_session(conn, partners=False)
    titles = [
        f"Oneens met 'Ik weet wie ik moet bellen bij zorgen over een kwetsbare oudere' ({i})"
        for i in range(11)
    ]
    ids = [knelpunten.add_knelpunt(conn, sid, t) for t in titles]
    round_id = priorities.open_round(conn, sid, "dots", 66)
    priorities.cast_dots(conn, round_id, "p1", {k: 1 + i for i, k in enumerate(ids)})
    (result,) = priorities.session_results(conn, sid)
    with theme.medium(theme.SLIDE):
        fig = figures_votes.ranking_figure(result)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == figures_votes.SLIDE_ROWS == 8
    assert all("\n" not in label and len(label) <= 52 for label in labels)
    assert labels[0].startswith("1  Oneens met 'Ik weet wie ik moet bellen bij") and labels[
        0
    ].endswith("…")
    page = [t.get_text() for t in figures_votes.ranking_figure(result).axes[0].get_yticklabels()]
    assert len(page) == 11  # the report keeps every knelpunt
