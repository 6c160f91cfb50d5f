-- +goose Up
-- Issue 13, what was left: manual check-in, staff limited to one
-- consultation, agenda titles in other languages.

-- A moderator or rapporteur account limited to one consultation; NULL is
-- every consultation. No ON DELETE: dropping the limit with the
-- consultation would widen the account's rights.
ALTER TABLE users ADD COLUMN consultation_id INTEGER REFERENCES consultations(id);

-- An agenda item's title in the languages other than the consultation's
-- original: a JSON object of language → title.
ALTER TABLE agenda_items ADD COLUMN titles TEXT NOT NULL DEFAULT '{}';

-- Manual check-in of an approved registrant: who marked them present and
-- when. Undoing the check-in deletes the row.
CREATE TABLE live_checkins (
    registration_id TEXT PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    checked_in_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    checked_in_at   TIMESTAMP NOT NULL
);
CREATE INDEX live_checkins_consultation ON live_checkins(consultation_id);

-- +goose Down
DROP TABLE live_checkins;
ALTER TABLE agenda_items DROP COLUMN titles;
ALTER TABLE users DROP COLUMN consultation_id;
