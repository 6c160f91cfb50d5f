-- +goose Up
-- A sent email's row (its text, HTML and calendar attachment, about 4 KB)
-- is kept whole in the table instead of being compressed and moved to the
-- TOAST table, which PostgreSQL does from 2 KB: the bodies compress by a
-- tenth at most (the attachment is base64), and compressing and moving
-- them was an eighth of the database's work per email in a release
-- (consulta bench mail; docs/BENCHMARKS.md). Larger rows are still toasted.
ALTER TABLE emails SET (toast_tuple_target = 8160);

-- +goose Down
ALTER TABLE emails RESET (toast_tuple_target);
