-- The line data -> knelpunt: each knelpunt keeps the year of its figure and the identity of the draft it
-- was taken from, so taking the drafts over again never doubles one the adviser edited or dropped.
ALTER TABLE knelpunten ADD COLUMN year INTEGER;
ALTER TABLE knelpunten ADD COLUMN draft_key TEXT;
CREATE INDEX knelpunten_draft ON knelpunten (session_id, draft_key);
-- One spelling for knelpunten from the wijkgezondheidsprofiel.
UPDATE knelpunten SET origin = 'wijkprofiel' WHERE origin = 'data';
