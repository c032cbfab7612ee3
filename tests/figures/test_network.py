"""The netwerkkaart drawing: isolated partners, missing disciplines, source line, empty session."""

import pytest
from matplotlib.colors import to_rgba

from wijktools import network
from wijktools.figures import network as network_figure
from wijktools.figures import network_change as change_figure


@pytest.fixture
def sid(kickoff_sid):
    return kickoff_sid


def test_drawing_shows_isolated_missing_and_source(conn):
    sid = network.load_demo(conn)
    fig = network_figure.draw(conn, sid)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]
    joined = "\n".join(texts)
    assert "geen relatie" in joined
    assert "casemanager dementie" in joined
    assert "Bron: sociale kaart werksessie" in joined
    assert any("Logopedie" in t and "(logopedie)" in t for t in texts)
    assert network_figure.png(conn, sid).startswith(b"\x89PNG")


def test_on_a_slide_partners_are_numbered_and_the_key_names_them_in_that_order(conn):
    """At 18 pt the names of 18 partners overlapped into an unreadable knot on the slide."""
    from wijktools.figures import theme

    sid = network.load_demo(conn)
    names = {p["organisatie"] for p in network.partners(conn, sid)}
    with theme.medium(theme.SLIDE):
        fig = network_figure.draw(conn, sid)
    shown = [t.get_text() for t in fig.axes[0].texts]
    assert sorted(shown, key=int) == [str(i) for i in range(1, len(names) + 1)]
    key = network_figure.slide_key(conn, sid)
    assert [nr for nr, *_ in key] == list(range(1, len(names) + 1))
    assert {name for _, name, _, _ in key} == names
    alone = [count for *_, count in key if count == 0]
    assert alone and [count for *_, count in key][-len(alone) :] == alone  # the row below, last
    page = [" ".join(t.get_text().split()) for t in network_figure.draw(conn, sid).axes[0].texts]
    assert all(any(name in text for text in page) for name in names)  # the report names them


def test_drawing_of_empty_session(conn, sid):
    fig = network_figure.draw(conn, sid)
    assert any("Nog geen ketenpartners" in t.get_text() for t in fig.axes[0].texts)


def _comparison(conn):
    from wijktools.demo.network_change import record_followup_network
    from wijktools.network import compare
    from wijktools.workshop import sessions

    kickoff = network.load_demo(conn)
    later = sessions.create_session(
        conn, "Vervolg", "WK194019", dates=["2027-05-17"], kind="vervolg"
    )
    record_followup_network(conn, later)
    return compare.compare(conn, kickoff, later)


def test_change_map_styles_new_gone_and_same_with_a_dutch_legend(conn):
    c = _comparison(conn)
    fig = change_figure.draw_comparison(c)
    ax, side = fig.axes
    legend = [t.get_text() for t in side.get_legend().get_texts()]
    assert {
        "nieuwe relatie",
        "verdwenen relatie (onderbroken lijn)",
        "relatie in beide sessies",
    } <= set(legend)
    # One drawn edge per relation in either session, styled by its status.
    drawn = [p for p in ax.patches if hasattr(p, "get_linestyle")]
    assert len(drawn) == len(c.edges)
    for status in ("nieuw", "verdwenen", "gebleven"):
        colour = to_rgba(change_figure.CHANGE_STYLES[status][1])
        coloured = [p for p in drawn if to_rgba(p.get_edgecolor()) == colour]
        assert len(coloured) == sum(1 for e in c.edges if e.status == status)
    assert (len(c.new_relations), len(c.gone_relations)) == (4, 1)
    texts = "\n".join(t.get_text() for t in fig.texts)
    assert "Kick-off Joure (FICTIEF voorbeeld)" in texts and "Vervolg" in texts
    assert "7,8 % → 9,8 %" in "\n".join(t.get_text() for t in side.texts)


def test_write_comparison_only_png_and_whole(conn, tmp_path):
    from wijktools.errors import ValidationError

    c = _comparison(conn)
    path = change_figure.write_comparison(c, tmp_path / "verandering.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    with pytest.raises(ValidationError, match=r"\.png"):
        change_figure.write_comparison(c, tmp_path / "verandering.pdf")
    assert not (tmp_path / "verandering.pdf").exists()
