-- +goose Up
-- When each participant first voted on each statement. voted_at moves when
-- a vote is changed; admission to the opinion map (docs/OPINIONS.md §1)
-- counts a statement from the first vote on it, so a participant admitted
-- early stays admitted however they change their votes later. NULL for
-- votes cast before this column: their voted_at is the best time known.
ALTER TABLE votes ADD COLUMN first_voted_at TIMESTAMP;

-- +goose Down
ALTER TABLE votes DROP COLUMN first_voted_at;
