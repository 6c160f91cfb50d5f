-- +goose Up
-- Issue 14: the synthesis report of a review. One row per review: the
-- secretariat's curation (synthesis.Curation as JSON, its edits in
-- order, re-applied at every generation), the generation job's state and
-- progress, the last generated report (report.Report as JSON) and the
-- published one — a copy taken when the secretariat publishes, so a later
-- generation changes nothing public until it is published in turn.
-- generation numbers the requests: a click while one is queued or running
-- changes nothing (UPDATE … WHERE status NOT IN …, so concurrent clicks
-- make one run), and each accepted request is its own job.
CREATE TABLE reports (
    review_id      INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    curation       TEXT NOT NULL DEFAULT '{}',
    lang           TEXT NOT NULL DEFAULT 'en',
    status         TEXT NOT NULL DEFAULT '',
    generation     INTEGER NOT NULL DEFAULT 0,
    progress_done  INTEGER NOT NULL DEFAULT 0,
    progress_total INTEGER NOT NULL DEFAULT 0,
    error          TEXT NOT NULL DEFAULT '',
    requested_at   TIMESTAMP,
    report         TEXT NOT NULL DEFAULT '',
    generated_at   TIMESTAMP,
    published      TEXT NOT NULL DEFAULT '',
    published_at   TIMESTAMP
);

-- +goose Down
DROP TABLE reports;
