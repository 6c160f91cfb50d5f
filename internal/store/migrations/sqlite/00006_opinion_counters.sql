-- +goose Up
-- The next pid and tid of each consultation's opinion map. A number is
-- taken by incrementing this row in the inserting transaction: on
-- PostgreSQL the row lock makes allocations in one consultation wait for
-- each other (MAX+1 could be read by two transactions at once), and a
-- transaction that rolls back rolls its increment back, so numbers stay
-- dense. A row of its own rather than columns of opinion_settings: staff
-- saving the settings should not queue behind sign-ins, nor sign-ins
-- behind them. Consultations without one start at 0.
CREATE TABLE opinion_counters (
    consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    next_pid        INTEGER NOT NULL DEFAULT 0,
    next_tid        INTEGER NOT NULL DEFAULT 0
);
INSERT INTO opinion_counters (consultation_id, next_pid, next_tid)
SELECT c.id,
    COALESCE((SELECT MAX(p.pid) + 1 FROM opinion_participants p WHERE p.consultation_id = c.id), 0),
    COALESCE((SELECT MAX(s.tid) + 1 FROM statements s WHERE s.consultation_id = c.id), 0)
FROM consultations c
WHERE EXISTS (SELECT 1 FROM opinion_participants p WHERE p.consultation_id = c.id)
   OR EXISTS (SELECT 1 FROM statements s WHERE s.consultation_id = c.id);

-- +goose Down
DROP TABLE opinion_counters;
