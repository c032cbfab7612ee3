from wijktools.opendata import aggregation


def test_stedelijkheid_classes():
    assert [aggregation.stedelijkheid(d) for d in (3000, 2000, 1200, 700, 100)] == [1, 2, 3, 4, 5]
