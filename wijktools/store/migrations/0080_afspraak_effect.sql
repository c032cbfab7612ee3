-- From afspraak to effect: an afspraak names the indicator that should move, with its baseline as the
-- profile showed it when the link was made; progress (status, voortgang, dated log entries) is kept with
-- history; a vervolg session links to the session it follows and copies its sociale kaart with a link to
-- the original partner and relation ids, so two networks can be compared.
ALTER TABLE afspraken ADD COLUMN indicator_key TEXT;          -- codebook key, e.g. 'Eenzaam'
ALTER TABLE afspraken ADD COLUMN indicator_age_group TEXT;    -- '' for CBS, '18+'/'65+' for RIVM
ALTER TABLE afspraken ADD COLUMN baseline_value REAL;         -- the value the profile showed
ALTER TABLE afspraken ADD COLUMN baseline_year INTEGER;       -- its year
ALTER TABLE afspraken ADD COLUMN baseline_area TEXT;          -- the territory: CBS code or KERN-...
ALTER TABLE afspraken ADD COLUMN baseline_members TEXT;       -- JSON list of a kern's codes, else NULL
ALTER TABLE afspraken ADD COLUMN baseline_source TEXT;        -- source and table, e.g. 'RIVM ... (50090NED)'
ALTER TABLE afspraken ADD COLUMN voortgang INTEGER
    CHECK (voortgang IS NULL OR voortgang BETWEEN 0 AND 100);
-- Two writers carrying the same afspraak into one session at once would double it: refused here.
CREATE UNIQUE INDEX afspraken_carried_once
    ON afspraken (session_id, previous_afspraak_id)
    WHERE previous_afspraak_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE afspraak_log (
    id INTEGER PRIMARY KEY,
    afspraak_id INTEGER NOT NULL REFERENCES afspraken (id),
    datum TEXT NOT NULL,                   -- ISO date of what happened
    wie TEXT NOT NULL,                     -- who reports it (name, role or organisation)
    wat TEXT NOT NULL,                     -- what happened
    status TEXT,                           -- the afspraak's status set with this entry, if any
    voortgang INTEGER CHECK (voortgang IS NULL OR voortgang BETWEEN 0 AND 100),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX afspraak_log_afspraak ON afspraak_log (afspraak_id);
-- The same entry sent twice (a double click, two windows, a retried command) is stored once.
CREATE UNIQUE INDEX afspraak_log_once
    ON afspraak_log (afspraak_id, datum, wie, wat) WHERE deleted_at IS NULL;

ALTER TABLE sessions ADD COLUMN previous_session_id INTEGER REFERENCES sessions (id);
ALTER TABLE ketenpartners ADD COLUMN previous_partner_id INTEGER REFERENCES ketenpartners (id);
ALTER TABLE relations ADD COLUMN previous_relation_id INTEGER REFERENCES relations (id);
CREATE UNIQUE INDEX ketenpartners_copied_once
    ON ketenpartners (session_id, previous_partner_id)
    WHERE previous_partner_id IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX relations_copied_once
    ON relations (session_id, previous_relation_id)
    WHERE previous_relation_id IS NOT NULL AND deleted_at IS NULL;
