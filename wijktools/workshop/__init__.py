"""The workshop: priorities (knelpunten, rounds), votes, afspraken, toolkit, wijkplan."""
