-- Step 3 of the workshop: knelpunten, voting rounds and votes, afspraken, interventions, wijkplan text.
-- Bookkeeping columns on every user table: created_at, updated_at, deleted_at (soft delete).
CREATE TABLE knelpunten (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    title TEXT NOT NULL,
    description TEXT,
    origin TEXT NOT NULL DEFAULT 'zaal',   -- data | enquête | zaal | papier
    rule TEXT,                             -- the profile/survey rule that produced the draft
    value TEXT,                            -- the value that triggered it, as shown to the group
    source TEXT,                           -- the draft's 'bron' as given (e.g. 'RIVM 2020')
    merged_into INTEGER REFERENCES knelpunten (id),
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX knelpunten_session ON knelpunten (session_id);

CREATE TABLE vote_rounds (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    mode TEXT NOT NULL CHECK (mode IN ('dots', 'matrix')),
    number INTEGER NOT NULL,               -- 1, 2, ... per session, over both modes
    dots_per_participant INTEGER,          -- dots mode only
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at TEXT,
    closed_at TEXT,
    label TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX vote_rounds_session ON vote_rounds (session_id);

CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES vote_rounds (id),
    knelpunt_id INTEGER NOT NULL REFERENCES knelpunten (id),
    participant TEXT NOT NULL,             -- pseudonym or discipline, never required to be a name
    device_token TEXT,                     -- for voting from a phone later
    dots INTEGER,                          -- dots mode
    impact INTEGER CHECK (impact IS NULL OR impact BETWEEN 1 AND 5),
    haalbaarheid INTEGER CHECK (haalbaarheid IS NULL OR haalbaarheid BETWEEN 1 AND 5),
    source TEXT NOT NULL DEFAULT 'zaal',   -- zaal | papier | telefoon
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX votes_round ON votes (round_id);

CREATE TABLE afspraken (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    knelpunt_id INTEGER REFERENCES knelpunten (id),
    wat TEXT NOT NULL,
    trekker_partner_id INTEGER REFERENCES ketenpartners (id),
    trekker_name TEXT,                     -- a trekker entered as new (not on the sociale kaart)
    betrokken TEXT NOT NULL DEFAULT '[]',  -- JSON list of ketenpartner ids
    betrokken_extra TEXT NOT NULL DEFAULT '[]',  -- JSON list of names not on the sociale kaart
    deadline TEXT,                         -- ISO date, if a date was given
    period TEXT,                           -- e.g. 'Q2 2027', if a period was given
    coordination TEXT,
    evaluation TEXT,
    status TEXT NOT NULL DEFAULT 'voorgesteld'
        CHECK (status IN ('voorgesteld', 'afgesproken', 'loopt', 'gereed', 'vervallen')),
    previous_afspraak_id INTEGER REFERENCES afspraken (id),
    toolkit_entry TEXT,                    -- id of the gereedschapskist entry it was copied from
    warnings TEXT NOT NULL DEFAULT '[]',   -- JSON list of Dutch warnings at the last save
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX afspraken_session ON afspraken (session_id);

CREATE TABLE interventions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    knelpunt_id INTEGER REFERENCES knelpunten (id),
    title TEXT NOT NULL,
    aim TEXT,
    activities TEXT,
    partners TEXT,
    planning TEXT,
    resources TEXT,
    evaluation TEXT,
    toolkit_entry TEXT,
    source TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX interventions_session ON interventions (session_id);

CREATE TABLE wijkplan_blocks (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX wijkplan_blocks_session ON wijkplan_blocks (session_id, section);
