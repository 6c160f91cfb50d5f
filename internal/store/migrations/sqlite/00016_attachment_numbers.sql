-- +goose Up
-- An attachment's number within its input (issue 10): a version that keeps
-- a file keeps its number, so /inputs/{id}/attachments/{n} stays the same
-- address while the file stays published, and a removed file's number is
-- never given to another.
ALTER TABLE input_attachments ADD COLUMN n INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX input_attachments_n ON input_attachments(input_id, version, n);

-- +goose Down
DROP INDEX input_attachments_n;
ALTER TABLE input_attachments DROP COLUMN n;
