-- Partners check their own entry from a phone: proposals wait for the adviser, field by field.
-- Nothing here changes ketenpartners; accepting a field does that through the partner functions,
-- with history. Device tokens live in an HttpOnly cookie on the phone; only their SHA-256 is here.
CREATE TABLE partner_devices (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    partner_key TEXT NOT NULL,             -- ketenpartner id, or 'nieuw:<name>' for a newcomer
    device_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    UNIQUE (session_id, partner_key),      -- one device per organisation
    UNIQUE (session_id, device_hash)       -- one organisation per device
);

CREATE TABLE partner_proposals (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    partner_id INTEGER REFERENCES ketenpartners (id),  -- NULL: a new organisation proposes itself
    organisatie TEXT NOT NULL,             -- the name as shown when it was sent
    kind TEXT NOT NULL CHECK (kind IN ('bevestigd', 'wijziging', 'nieuw')),
    device_hash TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'afgehandeld')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX partner_proposals_session ON partner_proposals (session_id);

CREATE TABLE partner_proposal_fields (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES partner_proposals (id),
    field TEXT NOT NULL,                   -- a Ketenpartner field name (werkdagen, telefoon, ...)
    old_value TEXT,                        -- as the sociale kaart held it when proposed
    new_value TEXT NOT NULL,               -- validated and normalised
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'geaccepteerd', 'afgewezen')),
    decided_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    UNIQUE (proposal_id, field)
);
CREATE INDEX partner_proposal_fields_proposal ON partner_proposal_fields (proposal_id);
