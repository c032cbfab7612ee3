-- Capacity of huisartsenpraktijken on the sociale kaart (optional; NULL = not entered, never 0)
-- and the reference norm a session uses for 'Capaciteit en zorgvraag'.
ALTER TABLE ketenpartners ADD COLUMN fte_huisarts REAL;
ALTER TABLE ketenpartners ADD COLUMN fte_poh_s REAL;
ALTER TABLE ketenpartners ADD COLUMN fte_poh_ggz REAL;
ALTER TABLE ketenpartners ADD COLUMN fte_praktijkverpleegkundige REAL;
ALTER TABLE ketenpartners ADD COLUMN ingeschreven_patienten INTEGER;

CREATE TABLE capacity_settings (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL UNIQUE REFERENCES sessions (id),
    patients_per_fte REAL NOT NULL,        -- ingeschreven patiënten per fte huisarts (the norm)
    source TEXT NOT NULL,                  -- organisation, title and URL of the norm
    year INTEGER NOT NULL,                 -- the year the norm applies to
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
