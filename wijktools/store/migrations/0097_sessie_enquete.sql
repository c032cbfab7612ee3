-- The survey a session was given (sessie nieuw --enquete, knelpunten overnemen --enquete), so the
-- export finds it again. One per session: giving a survey again replaces it. `result` is the analysed
-- survey as JSON (survey.SurveyResult.to_dict) without any text of an open answer; no respondent rows.
CREATE TABLE session_surveys (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL UNIQUE REFERENCES sessions (id),
    file_name TEXT NOT NULL,       -- the name of the file as given (no folder)
    sha256 TEXT NOT NULL,          -- of the file's bytes, so the same file is recognised
    read_on TEXT NOT NULL,         -- ISO date the file was read
    result TEXT NOT NULL,          -- JSON, see above
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
