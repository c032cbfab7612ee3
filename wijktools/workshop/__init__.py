"""The workshop: the session's knelpunten, rounds and votes, results in priority order, afspraken, toolkit, wijkplan."""
