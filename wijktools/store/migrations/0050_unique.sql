-- What the data model says is unique, the database enforces, so two writers at once cannot double it.
-- Doubles made before this version (two imports at the same moment) stay visible under a marked
-- name or a free round number instead of blocking the upgrade.
UPDATE ketenpartners
SET organisatie = organisatie || ' (dubbel ' || id || ')'
WHERE deleted_at IS NULL
  AND EXISTS (
    SELECT 1 FROM ketenpartners AS first
    WHERE first.session_id = ketenpartners.session_id
      AND first.deleted_at IS NULL
      AND lower(first.organisatie) = lower(ketenpartners.organisatie)
      AND first.id < ketenpartners.id
  );
CREATE UNIQUE INDEX ketenpartners_unique_name
    ON ketenpartners (session_id, lower(organisatie)) WHERE deleted_at IS NULL;

UPDATE vote_rounds
SET number = (SELECT MAX(number) FROM vote_rounds AS other
              WHERE other.session_id = vote_rounds.session_id) + id
WHERE deleted_at IS NULL
  AND EXISTS (
    SELECT 1 FROM vote_rounds AS first
    WHERE first.session_id = vote_rounds.session_id
      AND first.deleted_at IS NULL
      AND first.number = vote_rounds.number
      AND first.id < vote_rounds.id
  );
CREATE UNIQUE INDEX vote_rounds_unique_number
    ON vote_rounds (session_id, number) WHERE deleted_at IS NULL;
