package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"

	"github.com/consulta/consulta/internal/errs"
)

// Secret returns the installation's signing key, creating it on first use.
// It lives in the database so that every instance behind a load balancer
// signs and checks the same links.
func (db *DB) Secret(ctx context.Context) (key []byte, err error) {
	defer errs.Wrap(&err, "store.Secret")
	const q = `SELECT value FROM settings WHERE key = 'secret'`
	var v string
	err = db.write.QueryRowContext(ctx, q).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		fresh := make([]byte, 32)
		_, _ = rand.Read(fresh)
		_, err = db.write.ExecContext(ctx,
			`INSERT INTO settings(key, value) VALUES ('secret', $1) ON CONFLICT (key) DO NOTHING`, hex.EncodeToString(fresh))
		if err != nil {
			return nil, err
		}
		err = db.write.QueryRowContext(ctx, q).Scan(&v)
	}
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(v)
}
