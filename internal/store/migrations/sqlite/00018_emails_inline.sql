-- +goose Up
-- PostgreSQL's 00018 keeps sent emails' rows untoasted; SQLite has no
-- TOAST, so this step only keeps the two engines' versions in step.
SELECT 1;

-- +goose Down
SELECT 1;
