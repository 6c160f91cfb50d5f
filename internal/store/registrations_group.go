package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Registrations arriving together share one transaction on SQLite's one
// writer (registration.Service groups them): each runs in a savepoint of
// it, so one refused registration is undone alone, and each answer waits
// for the commit. Savepoint is that step; Grouped says whether grouping
// pays and is possible.

// Grouped reports whether a write for ctx should share a transaction with
// others arriving together: every write goes through one connection
// (SQLite), so concurrent write transactions queue for it anyway, and ctx
// carries no transaction of its own (which the write must join).
func (db *DB) Grouped(ctx context.Context) bool {
	_, inTx := TxFrom(ctx)
	return db.write != db.read && !inTx
}

// Savepoint runs fn inside a savepoint of the transaction ctx carries
// (WithTx), undoing what fn wrote when it fails. It returns fn's error as
// is; any other error means the transaction itself can no longer be used.
func (db *DB) Savepoint(ctx context.Context, fn func(ctx context.Context) error) error {
	tx, ok := TxFrom(ctx)
	if !ok {
		return errors.New("store.Savepoint: no transaction in the context")
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT grouped`); err != nil {
		return err
	}
	if ferr := fn(ctx); ferr != nil {
		if _, err := tx.ExecContext(ctx, `ROLLBACK TO grouped`); err != nil {
			return errors.Join(ferr, err)
		}
		if _, err := tx.ExecContext(ctx, `RELEASE grouped`); err != nil {
			return errors.Join(ferr, err)
		}
		return ferr
	}
	_, err := tx.ExecContext(ctx, `RELEASE grouped`)
	return err
}

// ShareRules returns the context of a group's transaction (WithTx) in
// which Register reads each consultation's rules once for the whole
// transaction instead of once per registration (about a fifth of a
// registration's time on the writer). This holds only because a group runs
// nothing but Register, which changes no consultation and takes no place (a
// pending registration holds none), and the writer lets no other
// transaction in meanwhile: the rules and places read by the first are the
// ones every later registration would read.
func (db *DB) ShareRules(ctx context.Context) context.Context {
	return context.WithValue(ctx, rulesMemoKey{}, rulesMemo{})
}

type rulesMemoKey struct{}

// rulesMemo keeps the rules read in one group's transaction, by how they
// were looked up. A group writes its registrations one after the other,
// from one goroutine, so it needs no lock.
type rulesMemo map[rulesKey]rules

type rulesKey struct {
	id   int64
	slug string
}

// rules is what readRules reads of a consultation.
type rules struct {
	id         int64
	status     string
	capacity   int
	opens, end sql.NullTime
	endsAt     time.Time
	taken      int
}
