-- +goose Up
-- Issue 16: a place is held only by a confirmed registration, and the
-- places held are a counter on the consultation, kept in the transaction of
-- every change that moves it, so no page counts registrations per request.
-- Updating it (UPDATE … RETURNING) also locks the row, which serialises the
-- race for the last place between instances.
ALTER TABLE consultations ADD COLUMN places_taken INTEGER NOT NULL DEFAULT 0;
UPDATE consultations SET places_taken = (SELECT COUNT(*) FROM registrations r
    WHERE r.consultation_id = consultations.id AND r.status = 'confirmed');

-- A cancelled registration stays as history under its id; registering the
-- address again inserts a new row with a new id (old links stop working),
-- so only registrations that are not cancelled must be unique per address.
ALTER TABLE registrations DROP CONSTRAINT registrations_consultation_id_email_key;
CREATE UNIQUE INDEX registrations_active_email ON registrations(consultation_id, email) WHERE status <> 'cancelled';

-- The purge of unconfirmed registrations finds the old ones without a scan.
CREATE INDEX registrations_unconfirmed ON registrations(created_at) WHERE status = 'pending_confirmation';

-- +goose Down
DROP INDEX registrations_unconfirmed;
DROP INDEX registrations_active_email;
ALTER TABLE registrations ADD CONSTRAINT registrations_consultation_id_email_key UNIQUE (consultation_id, email);
ALTER TABLE consultations DROP COLUMN places_taken;
