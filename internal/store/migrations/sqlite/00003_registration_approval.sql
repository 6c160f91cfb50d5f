-- +goose Up
-- When a consultation requires approval, the secretariat approves each
-- confirmed registration; only approved registrants take part (issue 3:
-- the opinion map is for approved participants).
ALTER TABLE registrations ADD COLUMN approved_at TIMESTAMP;

-- +goose Down
ALTER TABLE registrations DROP COLUMN approved_at;
