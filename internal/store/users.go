package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/staff"
)

// User is a staff account (admin, secretariat, moderator, rapporteur).
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         string // a staff.Role
	PasswordHash string
	CreatedAt    time.Time
	// ConsultationID limits a moderator or rapporteur to one consultation
	// (0: every consultation); Consultation is its slug, read with the
	// user. The web guard (web/auth.go) enforces it.
	ConsultationID int64
	Consultation   string
}

// May reports whether u's role allows a; nobody (nil) may do nothing.
// Templates call it as {{.User.May "approve_registrations"}}. It does not
// look at the consultation limit: the route's guard does.
func (u *User) May(a staff.Action) bool { return u != nil && staff.Role(u.Role).May(a) }

// Limited reports whether u may act on one consultation only.
func (u *User) Limited() bool { return u != nil && u.ConsultationID != 0 }

// Token purposes.
const (
	TokenAPI         = "api"
	TokenSetPassword = "set_password"
)

// CreateUser adds a staff account; an email already used is a Conflict.
func (db *DB) CreateUser(ctx context.Context, u *User) (err error) {
	defer errs.Wrap(&err, "store.CreateUser(%q)", u.Email)
	u.Email = strings.ToLower(strings.TrimSpace(u.Email)) // one account per address, whatever its case
	u.CreatedAt = time.Now().UTC()
	if err := validScope(u.Role, u.ConsultationID); err != nil {
		return err
	}
	err = db.write.QueryRowContext(ctx, `INSERT INTO users (email, name, role, password_hash, created_at, consultation_id)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, u.Email, u.Name, u.Role, u.PasswordHash, u.CreatedAt,
		nullID(u.ConsultationID)).Scan(&u.ID)
	if classify(err) == uniqueViolation {
		return errs.E(errs.Conflict, "user.exists")
	}
	return err
}

// validScope refuses a consultation limit on a role that cannot have one:
// admin and secretariat work across consultations.
func validScope(role string, consultationID int64) error {
	if consultationID != 0 && !staff.Role(role).Limitable() {
		return errs.E(errs.Invalid, "user.scope_role")
	}
	return nil
}

// SetUserScope limits a user to one consultation, or to none with 0.
func (db *DB) SetUserScope(ctx context.Context, userID, consultationID int64) (err error) {
	defer errs.Wrap(&err, "store.SetUserScope(%d, %d)", userID, consultationID)
	u, err := db.UserByID(ctx, userID)
	if err != nil {
		return err
	}
	if err := validScope(u.Role, consultationID); err != nil {
		return err
	}
	res, err := db.write.ExecContext(ctx, `UPDATE users SET consultation_id=$1 WHERE id=$2`, nullID(consultationID), userID)
	return mustAffect(res, err, "user.not_found")
}

// Users lists the staff accounts by address.
func (db *DB) Users(ctx context.Context) (list []*User, err error) {
	defer errs.Wrap(&err, "store.Users")
	rows, err := db.read.QueryContext(ctx, `SELECT `+userCols+` FROM `+userFrom+` ORDER BY u.email`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, u)
	}
	return list, rows.Err()
}

const (
	userCols = `u.id, u.email, u.name, u.role, u.password_hash, u.created_at, COALESCE(u.consultation_id, 0), COALESCE(c.slug, '')`
	userFrom = `users u LEFT JOIN consultations c ON c.id = u.consultation_id`
)

func scanUser(row rowScanner) (*User, error) {
	u := &User{}
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.CreatedAt, &u.ConsultationID, &u.Consultation)
	u.CreatedAt = u.CreatedAt.UTC()
	return u, notFound(err, "user.not_found")
}

// UserByEmail loads a staff account by address.
func (db *DB) UserByEmail(ctx context.Context, email string) (u *User, err error) {
	defer errs.Wrap(&err, "store.UserByEmail")
	return scanUser(db.read.QueryRowContext(ctx, `SELECT `+userCols+` FROM `+userFrom+` WHERE u.email=$1`,
		strings.ToLower(strings.TrimSpace(email))))
}

// UserByID loads a staff account.
func (db *DB) UserByID(ctx context.Context, id int64) (u *User, err error) {
	defer errs.Wrap(&err, "store.UserByID(%d)", id)
	return scanUser(db.read.QueryRowContext(ctx, `SELECT `+userCols+` FROM `+userFrom+` WHERE u.id=$1`, id))
}

// SetPasswordHash replaces a user's password hash.
func (db *DB) SetPasswordHash(ctx context.Context, userID int64, hash string) (err error) {
	defer errs.Wrap(&err, "store.SetPasswordHash(%d)", userID)
	res, err := db.write.ExecContext(ctx, `UPDATE users SET password_hash=$1 WHERE id=$2`, hash, userID)
	return mustAffect(res, err, "user.not_found")
}

// Token is what is stored of a token: never the secret, only its hash,
// and the public id that names it.
type Token struct {
	ID        string
	Purpose   string
	CreatedAt time.Time
	ExpiresAt *time.Time
}

// TokenID is the public id of the token whose hash is hash: its first
// twelve characters (72 bits, enough to tell a user's tokens apart; the
// hash of a random secret gives nothing of the secret away).
func TokenID(hash string) string { return hash[:min(len(hash), 12)] }

// AddToken stores the hash of a token for a user; the token itself is
// shown once and never stored.
func (db *DB) AddToken(ctx context.Context, userID int64, purpose, hash string, expires *time.Time) (err error) {
	defer errs.Wrap(&err, "store.AddToken(%d, %q)", userID, purpose)
	// InTx joins a transaction ctx carries: the reset link and its email commit together.
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO user_tokens (hash, id, user_id, purpose, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, hash, TokenID(hash), userID, purpose, time.Now().UTC(), nullTime(expires))
		return err
	})
}

// Tokens lists a user's tokens of a purpose, oldest first.
func (db *DB) Tokens(ctx context.Context, userID int64, purpose string) (out []Token, err error) {
	defer errs.Wrap(&err, "store.Tokens(%d, %q)", userID, purpose)
	rows, err := db.read.QueryContext(ctx, `SELECT id, purpose, created_at, expires_at FROM user_tokens
		WHERE user_id=$1 AND purpose=$2 ORDER BY created_at, id`, userID, purpose)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t Token
		var exp sql.NullTime
		if err := rows.Scan(&t.ID, &t.Purpose, &t.CreatedAt, &exp); err != nil {
			return nil, err
		}
		t.CreatedAt, t.ExpiresAt = t.CreatedAt.UTC(), timePtr(exp)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken deletes the API token with public id id; an unknown id is
// NotFound, so a mistyped id does not pass for a revocation.
func (db *DB) RevokeToken(ctx context.Context, id string) (err error) {
	defer errs.Wrap(&err, "store.RevokeToken(%q)", id)
	res, err := db.write.ExecContext(ctx, `DELETE FROM user_tokens WHERE id=$1 AND purpose=$2`, id, TokenAPI)
	return mustAffect(res, err, "token.not_found")
}

// RevokeTokens deletes every token of a user (API tokens and unused
// set-password links) and returns how many there were.
func (db *DB) RevokeTokens(ctx context.Context, userID int64) (n int64, err error) {
	defer errs.Wrap(&err, "store.RevokeTokens(%d)", userID)
	res, err := db.write.ExecContext(ctx, `DELETE FROM user_tokens WHERE user_id=$1`, userID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// UserByToken finds the user owning an unexpired token of a purpose.
func (db *DB) UserByToken(ctx context.Context, purpose, hash string, now time.Time) (u *User, err error) {
	defer errs.Wrap(&err, "store.UserByToken(%q)", purpose)
	return scanUser(db.read.QueryRowContext(ctx, `SELECT `+userCols+`
		FROM user_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN consultations c ON c.id = u.consultation_id
		WHERE t.hash=$1 AND t.purpose=$2 AND (t.expires_at IS NULL OR t.expires_at > $3)`, hash, purpose, now.UTC()))
}

// DeleteToken removes a token (a used one-time link).
func (db *DB) DeleteToken(ctx context.Context, hash string) (err error) {
	defer errs.Wrap(&err, "store.DeleteToken")
	_, err = db.write.ExecContext(ctx, `DELETE FROM user_tokens WHERE hash=$1`, hash)
	return err
}

// SessionStore keeps scs sessions in the database, so sessions survive a
// restart and work across instances.
type SessionStore struct{ db *DB }

// Sessions returns the scs store.
func (db *DB) Sessions() *SessionStore { return &SessionStore{db} }

// FindCtx implements scs.CtxStore.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.read.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token=$1 AND expiry > $2`, token, time.Now().UTC()).Scan(&data)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	return data, err == nil, err
}

// CommitCtx implements scs.CtxStore.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	_, err := s.db.write.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data=excluded.data, expiry=excluded.expiry`, token, data, expiry.UTC())
	return err
}

// DeleteCtx implements scs.CtxStore.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.write.ExecContext(ctx, `DELETE FROM sessions WHERE token=$1`, token)
	return err
}

// Find, Commit and Delete satisfy scs.Store; scs prefers the Ctx variants.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit implements scs.Store.
func (s *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, data, expiry)
}

// Delete implements scs.Store.
func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }
