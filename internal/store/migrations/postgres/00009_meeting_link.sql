-- +goose Up
-- Issue 9: the meeting link "in due course".
--
-- A place is now held by an approved registration. Where approval is not
-- required, confirming approves at once when a place is free; when none is,
-- the registrant is waitlisted (in order of waitlisted_at) and promoted when
-- a place frees. Confirmed now means "confirmed, awaiting the secretariat".
UPDATE registrations SET status = 'approved', approved_at = COALESCE(approved_at, confirmed_at)
    WHERE status = 'confirmed' AND (approved_at IS NOT NULL OR consultation_id IN
        (SELECT id FROM consultations WHERE NOT approval_required));
UPDATE consultations SET places_taken = (SELECT COUNT(*) FROM registrations r
    WHERE r.consultation_id = consultations.id AND r.status = 'approved');
ALTER TABLE registrations ADD COLUMN waitlisted_at TIMESTAMPTZ;
ALTER TABLE registrations ADD COLUMN rejected_at TIMESTAMPTZ;
ALTER TABLE registrations ADD COLUMN reject_reason TEXT NOT NULL DEFAULT '';
-- link_version is the version of the join link last enqueued to the
-- registrant (0: none yet); link_sent_at when the first one was.
ALTER TABLE registrations ADD COLUMN link_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN link_sent_at TIMESTAMPTZ;
ALTER TABLE registrations ADD COLUMN first_joined_at TIMESTAMPTZ;
ALTER TABLE registrations ADD COLUMN last_joined_at TIMESTAMPTZ;
CREATE INDEX registrations_waitlist ON registrations(consultation_id, waitlisted_at, id) WHERE status = 'waitlisted';
CREATE INDEX registrations_link ON registrations(consultation_id, link_version) WHERE status = 'approved';

-- When the link goes out: an absolute time, or a duration (seconds) before
-- the start; neither means by hand ("release now"). link_version counts the
-- releases: 1 at the first, one more at each change of the meeting URL or
-- time after it, so each registrant gets exactly one email per version.
ALTER TABLE consultations ADD COLUMN link_release_at TIMESTAMPTZ;
ALTER TABLE consultations ADD COLUMN link_release_before INTEGER;
ALTER TABLE consultations ADD COLUMN join_opens_before INTEGER NOT NULL DEFAULT 1800;
ALTER TABLE consultations ADD COLUMN reminders TEXT NOT NULL DEFAULT '[86400,3600]';
ALTER TABLE consultations ADD COLUMN link_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN link_released_at TIMESTAMPTZ;

-- Messages the secretariat writes to a filtered set of registrants.
CREATE TABLE registrant_messages (
    id              BIGSERIAL PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations(id),
    original_lang   TEXT NOT NULL,
    texts           TEXT NOT NULL,
    recipient_filter TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    recipients      INTEGER NOT NULL DEFAULT 0,
    fanout_after    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX registrant_messages_consultation ON registrant_messages(consultation_id, created_at);

-- +goose Down
DROP TABLE registrant_messages;
DROP INDEX registrations_link;
DROP INDEX registrations_waitlist;
ALTER TABLE consultations DROP COLUMN link_released_at;
ALTER TABLE consultations DROP COLUMN link_version;
ALTER TABLE consultations DROP COLUMN reminders;
ALTER TABLE consultations DROP COLUMN join_opens_before;
ALTER TABLE consultations DROP COLUMN link_release_before;
ALTER TABLE consultations DROP COLUMN link_release_at;
ALTER TABLE registrations DROP COLUMN last_joined_at;
ALTER TABLE registrations DROP COLUMN first_joined_at;
ALTER TABLE registrations DROP COLUMN link_sent_at;
ALTER TABLE registrations DROP COLUMN link_version;
ALTER TABLE registrations DROP COLUMN reject_reason;
ALTER TABLE registrations DROP COLUMN rejected_at;
ALTER TABLE registrations DROP COLUMN waitlisted_at;
UPDATE registrations SET status = 'confirmed' WHERE status IN ('approved', 'waitlisted', 'rejected');
UPDATE consultations SET places_taken = (SELECT COUNT(*) FROM registrations r
    WHERE r.consultation_id = consultations.id AND r.status = 'confirmed');
