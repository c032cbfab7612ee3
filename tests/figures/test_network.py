"""The netwerkkaart drawing: isolated partners, missing disciplines, source line, empty session."""

import pytest

from wijktools import network
from wijktools.figures import network as network_figure


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


def test_drawing_of_empty_session(conn, sid):
    fig = network_figure.draw(conn, sid)
    assert any("Nog geen ketenpartners" in t.get_text() for t in fig.axes[0].texts)
