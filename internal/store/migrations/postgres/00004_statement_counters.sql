-- +goose Up
-- Each statement keeps its tally, so the voting page can pick the statement
-- with the fewest votes, and lists can show tallies, without counting
-- millions of votes; vote_events grows with every vote cast (a changed
-- vote included), so the opinion map knows cheaply when to recompute.
ALTER TABLE statements ADD COLUMN agrees INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statements ADD COLUMN disagrees INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statements ADD COLUMN passes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statements ADD COLUMN vote_events INTEGER NOT NULL DEFAULT 0;
UPDATE statements SET
    agrees    = (SELECT COUNT(*) FROM votes v WHERE v.consultation_id = statements.consultation_id AND v.tid = statements.tid AND v.vote = 1),
    disagrees = (SELECT COUNT(*) FROM votes v WHERE v.consultation_id = statements.consultation_id AND v.tid = statements.tid AND v.vote = -1),
    passes    = (SELECT COUNT(*) FROM votes v WHERE v.consultation_id = statements.consultation_id AND v.tid = statements.tid AND v.vote = 0);
UPDATE statements SET vote_events = agrees + disagrees + passes;

-- +goose Down
ALTER TABLE statements DROP COLUMN vote_events;
ALTER TABLE statements DROP COLUMN passes;
ALTER TABLE statements DROP COLUMN disagrees;
ALTER TABLE statements DROP COLUMN agrees;
