-- +goose Up
-- An attachment's number within its input (issue 10): a version that keeps
-- a file keeps its number, so /inputs/{id}/attachments/{n} stays the same
-- address while the file stays published, and a removed file's number is
-- never given to another.
ALTER TABLE input_attachments ADD COLUMN n INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX input_attachments_n ON input_attachments(input_id, version, n);

-- The search index's pending list (GIN's fast update) is read in full by
-- every search until it is merged: after an import of 100,000 inputs it
-- held 418 pages and made the archive's search p99 miss its target
-- (docs/BENCHMARKS.md). 256 kB instead of the default 4 MB bounds what a
-- search reads between merges; an input's insert merges it when full.
ALTER INDEX input_search_tsv SET (gin_pending_list_limit = 256);

-- +goose Down
ALTER INDEX input_search_tsv RESET (gin_pending_list_limit);
DROP INDEX input_attachments_n;
ALTER TABLE input_attachments DROP COLUMN n;
