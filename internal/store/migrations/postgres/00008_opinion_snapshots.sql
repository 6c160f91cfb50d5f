-- +goose Up
-- The last computed opinion map of each consultation: the opinion_recompute
-- job stores it, every instance reads it, so no page view computes a map
-- and a restarted instance serves the last one at once. data is
-- opinion.EncodeSnapshot's versioned encoding; computed_at is in unix
-- microseconds so that both engines compare it as a number (the job keeps
-- a newer map over an older one that finishes later).
CREATE TABLE opinion_snapshots (
    consultation_id BIGINT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    fingerprint     TEXT NOT NULL,
    computed_at     BIGINT NOT NULL,
    data            BYTEA NOT NULL
);

-- +goose Down
DROP TABLE opinion_snapshots;
