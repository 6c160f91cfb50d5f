-- +goose Up
-- Tokens get a public id (the start of their hash, which reveals nothing
-- of the secret) so `consulta token revoke --id` can name one, and API
-- tokens made before expiries existed expire 90 days after this upgrade
-- rather than never, without breaking any client today. A role the staff
-- table does not know becomes the one with the fewest rights.
-- Times are written as the driver writes them (_time_format=sqlite), so
-- they compare as text with the ones the store passes in.
ALTER TABLE user_tokens ADD COLUMN id TEXT NOT NULL DEFAULT '';
UPDATE user_tokens SET id = substr(hash, 1, 12);
CREATE UNIQUE INDEX user_tokens_id ON user_tokens(id);
UPDATE user_tokens SET expires_at = strftime('%Y-%m-%d %H:%M:%f+00:00', 'now', '+90 days')
    WHERE purpose = 'api' AND expires_at IS NULL;
UPDATE users SET role = 'rapporteur' WHERE role NOT IN ('admin', 'secretariat', 'moderator', 'rapporteur');

-- +goose Down
DROP INDEX user_tokens_id;
ALTER TABLE user_tokens DROP COLUMN id;
