-- Network step: unique short session codes and per-session settings of the sociale kaart.
CREATE UNIQUE INDEX sessions_code_unique ON sessions (code) WHERE code IS NOT NULL;

CREATE TABLE network_settings (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL UNIQUE REFERENCES sessions (id),
    extra_disciplines TEXT NOT NULL DEFAULT '[]',  -- JSON list of {"naam": ..., "domein": ...}
    reference_disciplines TEXT,    -- JSON list; NULL = the shipped reference set
    review_months INTEGER NOT NULL DEFAULT 12,     -- laatst gecontroleerd older than this = review
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE INDEX ketenpartners_session_org ON ketenpartners (session_id, organisatie);
