-- +goose NO TRANSACTION
-- +goose Up
-- Issue 16: a place is held only by a confirmed registration, and the
-- places held are a counter on the consultation, kept in the transaction of
-- every change that moves it, so no page counts registrations per request.
--
-- A cancelled registration stays as history under its id; registering the
-- address again inserts a new row with a new id (old links stop working),
-- so only registrations that are not cancelled must be unique per address.
-- SQLite cannot drop the table's UNIQUE constraint: the table is rebuilt
-- (https://sqlite.org/lang_altertable.html#otheralter). Foreign keys are
-- off meanwhile, or dropping the old table would set
-- opinion_participants.registration_id to NULL; the pragma only works
-- outside a transaction, hence NO TRANSACTION and an explicit one inside.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
ALTER TABLE consultations ADD COLUMN places_taken INTEGER NOT NULL DEFAULT 0;
UPDATE consultations SET places_taken = (SELECT COUNT(*) FROM registrations r
    WHERE r.consultation_id = consultations.id AND r.status = 'confirmed');
CREATE TABLE registrations_new (
    id                  TEXT PRIMARY KEY,
    consultation_id     INTEGER NOT NULL REFERENCES consultations(id),
    given_name          TEXT NOT NULL,
    family_name         TEXT NOT NULL,
    email               TEXT NOT NULL,
    organization        TEXT NOT NULL,
    stakeholder_group   TEXT NOT NULL,
    country             TEXT NOT NULL,
    language            TEXT NOT NULL,
    job_title           TEXT NOT NULL DEFAULT '',
    gender              TEXT NOT NULL DEFAULT '',
    accessibility_needs TEXT NOT NULL DEFAULT '',
    consent_at          TIMESTAMP NOT NULL,
    status              TEXT NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    confirmed_at        TIMESTAMP,
    cancelled_at        TIMESTAMP,
    approved_at         TIMESTAMP
);
INSERT INTO registrations_new (id, consultation_id, given_name, family_name, email, organization, stakeholder_group,
    country, language, job_title, gender, accessibility_needs, consent_at, status, created_at, confirmed_at,
    cancelled_at, approved_at)
SELECT id, consultation_id, given_name, family_name, email, organization, stakeholder_group,
    country, language, job_title, gender, accessibility_needs, consent_at, status, created_at, confirmed_at,
    cancelled_at, approved_at FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_new RENAME TO registrations;
CREATE INDEX registrations_list ON registrations(consultation_id, status, created_at);
CREATE UNIQUE INDEX registrations_active_email ON registrations(consultation_id, email) WHERE status <> 'cancelled';
-- The purge of unconfirmed registrations finds the old ones without a scan.
CREATE INDEX registrations_unconfirmed ON registrations(created_at) WHERE status = 'pending_confirmation';
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
-- The table-level UNIQUE (consultation_id, email) is not restored: an
-- address may by now have a cancelled and a new registration.
DROP INDEX registrations_unconfirmed;
DROP INDEX registrations_active_email;
CREATE UNIQUE INDEX registrations_consultation_email ON registrations(consultation_id, email);
ALTER TABLE consultations DROP COLUMN places_taken;
