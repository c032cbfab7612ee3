"""Voting: rounds and votes in the store, and voting from phones in the room.

- Rounds and votes in the store live in `wijktools.workshop.rounds` (re-exported here and by
  `wijktools.workshop.priorities`, so `from wijktools.voting import cast_dots` keeps working).
- `ballots`: session codes, one ballot per device per round, the live tally.
- `app.create_app`: the only thing exposed on the room network (code → open round → one ballot).
- `beheer.create_beheer_app`: open/close rounds and the live chart; answers only 127.0.0.1.
- `server`: LAN address, QR code, uvicorn servers in a background thread; `chart`: the live figure.
"""

from wijktools.workshop.rounds import (
    MODES,
    PAPER,
    cast_dots,
    cast_scores,
    close_round,
    open_round,
    participants,
    rounds,
)

__all__ = [
    "MODES",
    "PAPER",
    "cast_dots",
    "cast_scores",
    "close_round",
    "open_round",
    "participants",
    "rounds",
]
