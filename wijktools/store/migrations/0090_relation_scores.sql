-- A relation's quality as PARTNER-style network surveys ask it: vertrouwen (trust) and meerwaarde
-- (value), each 1-4 and optional (NULL = not scored). Edits keep their history like every column.
ALTER TABLE relations ADD COLUMN vertrouwen INTEGER CHECK (vertrouwen BETWEEN 1 AND 4);
ALTER TABLE relations ADD COLUMN meerwaarde INTEGER CHECK (meerwaarde BETWEEN 1 AND 4);
