import pytest

from tests.support.workshop import new_session
from wijktools.errors import ValidationError
from wijktools.store import connection as store
from wijktools.workshop import knelpunten, priorities


def three(conn, sid):
    return [knelpunten.add_knelpunt(conn, sid, t) for t in ("A", "B", "C")]


def test_dots_are_counted_and_ties_share_a_rank(conn, sid):
    a, b, c = three(conn, sid)
    rid = priorities.open_round(conn, sid, "dots", 3)
    priorities.cast_dots(conn, rid, "huisarts 1", {a: 2, b: 1})
    priorities.cast_dots(conn, rid, "apotheker", {b: 1, c: 2})
    result = priorities.results(conn, rid)
    assert [(r.title, r.score, r.rank_label) for r in result.rows] == [
        ("A", 2.0, "1="),
        ("B", 2.0, "1="),
        ("C", 2.0, "1="),
    ]
    priorities.cast_dots(conn, rid, "poh", {c: 1})
    result = priorities.results(conn, rid)
    assert [(r.title, r.rank_label, r.tied) for r in result.rows] == [
        ("C", "1", False),
        ("A", "2=", True),
        ("B", "2=", True),
    ]
    assert result.participants == 3


def test_competition_ranking_skips_after_a_tie():
    assert [label for _, label, _ in priorities.rank_labels([5, 3, 3, 1])] == ["1", "2=", "2=", "4"]


def test_dot_limit_is_enforced_per_participant_and_round(conn, sid):
    a, b, _ = three(conn, sid)
    rid = priorities.open_round(conn, sid, "dots", 3)
    with pytest.raises(ValidationError, match=r"4 stippen.*er 3"):
        priorities.cast_dots(conn, rid, "huisarts 1", {a: 2, b: 2})
    with pytest.raises(ValidationError):
        priorities.cast_dots(conn, rid, "huisarts 1", {a: -1})
    assert store.rows(conn, "votes") == []
    priorities.cast_dots(conn, rid, "huisarts 1", {a: 3})
    priorities.cast_dots(conn, rid, "huisarts 1", {b: 3})  # re-entry replaces, never adds up
    assert [(r.title, r.score) for r in priorities.results(conn, rid).rows][:1] == [("B", 3.0)]
    assert priorities.results(conn, rid).rows[1].score == 0


def test_votes_need_a_pseudonym_an_open_round_and_a_knelpunt_of_this_session(conn, sid):
    a, _, _ = three(conn, sid)
    other = new_session(conn, "andere", partners=False)
    foreign = knelpunten.add_knelpunt(conn, other, "X")
    rid = priorities.open_round(conn, sid, "dots", 2)
    with pytest.raises(ValidationError, match="schuilnaam"):
        priorities.cast_dots(conn, rid, "  ", {a: 1})
    with pytest.raises(ValidationError, match="hoort niet"):
        priorities.cast_dots(conn, rid, "p", {foreign: 1})
    with pytest.raises(ValidationError, match="geen matrix"):
        priorities.cast_scores(conn, rid, "p", {a: (3, 3)})
    priorities.close_round(conn, rid)
    with pytest.raises(ValidationError, match="gesloten"):
        priorities.cast_dots(conn, rid, "p", {a: 1})


def test_matrix_means_quadrants_and_score_range(conn, sid):
    a, b, c = three(conn, sid)
    rid = priorities.open_round(conn, sid, "matrix")
    priorities.cast_scores(conn, rid, "p1", {a: (5, 5), b: (5, 1), c: (1, 4)})
    priorities.cast_scores(conn, rid, "p2", {a: (4, 4), b: (4, 2), c: (2, 4)})
    rows = {r.title: r for r in priorities.results(conn, rid).rows}
    assert (rows["A"].impact, rows["A"].haalbaarheid, rows["A"].quadrant) == (
        4.5,
        4.5,
        "snel resultaat",
    )
    assert (rows["B"].impact, rows["B"].haalbaarheid, rows["B"].quadrant) == (
        4.5,
        1.5,
        "grote klus",
    )
    assert rows["C"].quadrant == "kleine moeite"
    assert rows["A"].rank == 1 and rows["A"].voters == 2
    with pytest.raises(ValidationError, match="1 tot en met 5"):
        priorities.cast_scores(conn, rid, "p3", {a: (6, 1)})


def test_second_round_is_kept_beside_the_first(conn, sid):
    a, b, _ = three(conn, sid)
    r1 = priorities.open_round(conn, sid, "dots", 1)
    priorities.cast_dots(conn, r1, "p1", {a: 1})
    r2 = priorities.open_round(conn, sid, "dots", 1)  # closes round 1
    assert store.get(conn, "vote_rounds", r1)["status"] == "closed"
    priorities.cast_dots(conn, r2, "p1", {b: 1})
    first, second = priorities.session_results(conn, sid)
    assert (first.number, first.rows[0].title) == (1, "A")
    assert (second.number, second.rows[0].title) == (2, "B")
    order = priorities.priority_order(conn, sid)
    assert order[0]["title"] == "B"
    assert [r["row"].rank_label for r in order[0]["results"]] == ["2=", "1"]


def test_merged_knelpunt_passes_its_votes_on(conn, sid):
    a, b, _ = three(conn, sid)
    rid = priorities.open_round(conn, sid, "dots", 3)
    priorities.cast_dots(conn, rid, "p1", {a: 1, b: 2})
    knelpunten.merge_knelpunten(conn, a, [b])
    rows = priorities.results(conn, rid).rows
    assert [(r.title, r.score) for r in rows] == [("A", 3.0), ("C", 0.0)]
    assert store.get(conn, "knelpunten", b)["merged_into"] == a
    with pytest.raises(ValidationError):
        knelpunten.merge_knelpunten(conn, a, [a])


def test_round_needs_a_known_mode_and_at_least_one_dot(conn, sid):
    with pytest.raises(ValidationError):
        priorities.open_round(conn, sid, "handopsteken")
    with pytest.raises(ValidationError):
        priorities.open_round(conn, sid, "dots", 0)
