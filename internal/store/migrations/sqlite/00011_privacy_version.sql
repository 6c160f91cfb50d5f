-- +goose Up
-- The version (date) of the privacy notice each registrant consented to
-- (privacy.NoticeVersion when they registered); '' for registrations made
-- before versions were recorded.
ALTER TABLE registrations ADD COLUMN privacy_version TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE registrations DROP COLUMN privacy_version;
