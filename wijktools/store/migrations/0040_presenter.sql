-- Voting from phones: one ballot per device per round, enforced by the database itself.
-- The device token lives in an HttpOnly cookie on the phone; only its SHA-256 is stored here.
CREATE TABLE phone_ballots (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES vote_rounds (id),
    device_hash TEXT NOT NULL,
    participant TEXT NOT NULL,             -- the pseudonym the votes carry ('telefoon 1a2b3c4d')
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    UNIQUE (round_id, device_hash)
);
CREATE INDEX phone_ballots_round ON phone_ballots (round_id);
