-- Base schema: werksessies, history of every change, sociale kaart (ketenpartners) and relations.
-- Bookkeeping columns on every user table: created_at, updated_at, deleted_at (soft delete).
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    action TEXT NOT NULL,          -- insert | before_update | delete | restore
    data TEXT NOT NULL,            -- JSON snapshot of the row at that moment
    changed_at TEXT NOT NULL
);
CREATE INDEX history_row ON history (table_name, row_id);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    area_code TEXT NOT NULL,       -- CBS code (GM/WK/BU) or the kern name when kern_codes is set
    area_name TEXT,
    kern_codes TEXT,               -- JSON list of wijk/buurt codes for a kern definition, else NULL
    dates TEXT NOT NULL DEFAULT '[]',  -- JSON list of ISO dates
    facilitator TEXT,
    kind TEXT NOT NULL DEFAULT 'kick-off',  -- kick-off | vervolg | evaluatie
    code TEXT,                     -- short code participants type to vote from their phone
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX sessions_area ON sessions (area_code);

CREATE TABLE ketenpartners (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    organisatie TEXT NOT NULL,
    discipline TEXT NOT NULL,
    expertise TEXT,
    werkdagen TEXT,                -- comma list of ma, di, wo, do, vr, za, zo
    opnamestop INTEGER NOT NULL DEFAULT 0,
    opnamestop_sinds TEXT,
    opnamestop_tot TEXT,
    contactpersoon TEXT,
    telefoon TEXT,
    email TEXT,
    adres TEXT,
    postcode TEXT,
    website TEXT,
    voorkeur_contact TEXT,
    opmerkingen TEXT,
    laatst_gecontroleerd TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX ketenpartners_session ON ketenpartners (session_id);

CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    from_partner_id INTEGER NOT NULL REFERENCES ketenpartners (id),
    to_partner_id INTEGER NOT NULL REFERENCES ketenpartners (id),
    kind TEXT NOT NULL,            -- verwijzen | overleg/MDO | gedeelde cliënten | informeel
    intensity INTEGER NOT NULL DEFAULT 1,  -- 1 (incidenteel) .. 3 (intensief)
    directed INTEGER NOT NULL DEFAULT 0,
    remarks TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX relations_session ON relations (session_id);
