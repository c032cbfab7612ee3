-- Voting a facilitator can trust: optional one-time stemcodes (one ballot per code per round) and
-- the number of people in the room, shown beside the number of ballots.
CREATE TABLE stemcodes (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    UNIQUE (session_id, code)
);
ALTER TABLE sessions ADD COLUMN present INTEGER CHECK (present IS NULL OR present BETWEEN 0 AND 100000);
