package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// execer is what *sql.DB, *sql.Conn and *sql.Tx share for these tests.
type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

func mustExec(t *testing.T, db execer, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// wantClass checks err's class, bare and wrapped.
func wantClass(t *testing.T, what string, err error, want store.ErrorClass) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want class %d", what, want)
	}
	t.Logf("%s: %v", what, err)
	if got := store.Classify(err); got != want {
		t.Errorf("%s: class %d, want %d (err: %v)", what, got, want, err)
	}
	if got := store.Classify(fmt.Errorf("wrapped: %w", err)); got != want {
		t.Errorf("%s wrapped: class %d, want %d", what, got, want)
	}
}

// TestClassify provokes constraint failures through real SQL on each
// engine; a neighbouring constraint, another error and a message that
// merely looks like a violation are not classified.
func TestClassify(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		w := db.Writer()
		mustExec(t, w, `CREATE TABLE classify_parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`,
			`CREATE TABLE classify_child (parent_id INTEGER NOT NULL REFERENCES classify_parent (id))`,
			`INSERT INTO classify_parent (id, name) VALUES (1, 'a')`)
		for _, tc := range []struct {
			name, sql string
			want      store.ErrorClass
		}{
			{"unique", `INSERT INTO classify_parent (id, name) VALUES (2, 'a')`, store.UniqueViolation},
			{"primary key", `INSERT INTO classify_parent (id, name) VALUES (1, 'b')`, store.UniqueViolation},
			{"foreign key", `INSERT INTO classify_child (parent_id) VALUES (2)`, store.ForeignKeyViolation},
			{"not null", `INSERT INTO classify_parent (id) VALUES (3)`, store.Unclassified},
			{"no such table", `SELECT * FROM classify_nothing`, store.Unclassified},
		} {
			_, err := w.ExecContext(context.Background(), tc.sql)
			wantClass(t, tc.name, err, tc.want)
		}
		wantClass(t, "look-alike", errors.New("UNIQUE constraint failed (SQLSTATE 23505)"), store.Unclassified)
		if got := store.Classify(nil); got != store.Unclassified {
			t.Errorf("nil: class %d", got)
		}
	})
}

// TestClassifyContentionSQLite makes a second store on the same file meet
// the first one's write lock (SQLITE_BUSY) and a stale read snapshot
// (SQLITE_BUSY_SNAPSHOT, an extended code), without waiting.
func TestClassifyContentionSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "consulta.db")
	a, b := openSQLite(t, path), openSQLite(t, path)
	mustExec(t, a.Writer(), `CREATE TABLE classify_n (n INTEGER)`)
	conn, err := b.Writer().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	mustExec(t, conn, `PRAGMA busy_timeout = 0`)

	held, err := a.Writer().BeginTx(ctx, nil) // BEGIN IMMEDIATE
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.BeginTx(ctx, nil)
	wantClass(t, "busy", err, store.Contention)
	_ = held.Rollback()

	var n int
	mustExec(t, conn, `BEGIN DEFERRED`)
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM classify_n`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	mustExec(t, a.Writer(), `INSERT INTO classify_n VALUES (1)`)
	_, err = conn.ExecContext(ctx, `INSERT INTO classify_n VALUES (2)`)
	wantClass(t, "busy snapshot", err, store.Contention)
	mustExec(t, conn, `ROLLBACK`)
}

func openSQLite(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// TestClassifyContentionPostgres meets a row lock without waiting
// (lock_not_available) and a concurrent update under REPEATABLE READ
// (serialization_failure).
func TestClassifyContentionPostgres(t *testing.T) {
	if !slices.Contains(dbtest.Engines(), string(store.Postgres)) {
		t.Skip("PostgreSQL is off")
	}
	t.Parallel()
	ctx := context.Background()
	w := dbtest.Open(t, string(store.Postgres)).Writer()
	mustExec(t, w, `CREATE TABLE classify_n (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`,
		`INSERT INTO classify_n (id, n) VALUES (1, 0)`)
	locker, err := w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Rollback() //nolint:errcheck // committed below
	mustExec(t, locker, `SELECT n FROM classify_n WHERE id = 1 FOR UPDATE`)

	waiter, err := w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = waiter.ExecContext(ctx, `SELECT n FROM classify_n WHERE id = 1 FOR UPDATE NOWAIT`)
	wantClass(t, "lock not available", err, store.Contention)
	_ = waiter.Rollback()

	stale, err := w.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		t.Fatal(err)
	}
	defer stale.Rollback() //nolint:errcheck // failed below
	var n int
	if err := stale.QueryRowContext(ctx, `SELECT n FROM classify_n WHERE id = 1`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	mustExec(t, locker, `UPDATE classify_n SET n = 1 WHERE id = 1`)
	if err := locker.Commit(); err != nil {
		t.Fatal(err)
	}
	_, err = stale.ExecContext(ctx, `UPDATE classify_n SET n = 2 WHERE id = 1`)
	wantClass(t, "serialization failure", err, store.Contention)
}
