// Package store keeps Consulta's data in SQLite (embedded, the default) or
// PostgreSQL. One set of SQL serves both: queries use $N placeholders, which
// both engines accept, and the few dialect differences live in dialect.go,
// chosen once at Open.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver (River, bench)
	"modernc.org/sqlite"

	"github.com/consulta/consulta/internal/config"
)

// DB is the store. On SQLite, writes go through one connection (SQLite has
// one writer anyway, and queuing in Go is cheaper than SQLITE_BUSY retries)
// and reads through a pool; on PostgreSQL both are the same pool.
type DB struct {
	write   *sql.DB
	read    *sql.DB
	dialect dialect
	// checkpoints copies SQLite's write-ahead log back off the writer
	// (checkpoint.go); nil on PostgreSQL.
	checkpoints *checkpointer
	// texts keeps consultations' texts and questions for the public pages
	// (consultation_texts_cache.go).
	texts textsCache
}

// readers is the size of SQLite's reader pool.
const readers = 32

// Open connects to the database named by the config and checks the
// connection. It does not migrate; call Migrate.
func Open(ctx context.Context, cfg *config.Config) (*DB, error) {
	if config.IsPostgres(cfg.DB) {
		return openPostgres(ctx, cfg.DB)
	}
	return OpenSQLite(ctx, cfg.SQLitePath())
}

// OpenSQLite opens (creating if needed) the SQLite file at path.
func OpenSQLite(ctx context.Context, path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("store: create data directory: %w", err)
	}
	// synchronous(NORMAL) in WAL mode keeps every committed transaction
	// through a process crash (kill -9); only a power cut can lose the last.
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
	drv := &sqlite.Driver{}
	// The writer checkpoints nothing (checkpoint.go), and keeps its
	// statement journals — the pages a savepoint or a multi-row statement
	// may have to undo, written for every such statement — in memory, not
	// in a temporary file, which cost a write system call per page; they
	// live only while a statement or a savepoint does. Readers keep the
	// default, so a large sort spills to disk.
	write := sql.OpenDB(cachingConnector{dsn: dsn + "&_pragma=wal_autocheckpoint(0)&_pragma=temp_store(memory)", driver: drv})
	write.SetMaxOpenConns(1)
	read := sql.OpenDB(cachingConnector{dsn: dsn + "&_pragma=query_only(1)", driver: drv})
	// Enough readers that a request seldom waits for one: database/sql
	// hands a freed connection to a random waiter, so with a few readers and
	// many concurrent requests of several statements each, some wait many
	// turns (the pages' p99). WAL readers do not block each other; the
	// cores still bound how many run at once. Keep every reader open: a new
	// SQLite connection re-reads the schema.
	read.SetMaxOpenConns(readers)
	read.SetMaxIdleConns(readers)
	db := &DB{write: write, read: read, dialect: sqliteDialect(),
		checkpoints: startCheckpointer(sql.OpenDB(cachingConnector{dsn: dsn, driver: drv}))}
	return db, db.ping(ctx)
}

func openPostgres(ctx context.Context, url string) (*DB, error) {
	pc, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	pc.Tracer = queryCountingTracer{}
	pool := stdlib.OpenDB(*pc)
	pool.SetMaxOpenConns(max(16, 4*runtime.NumCPU()))
	pool.SetMaxIdleConns(max(16, 4*runtime.NumCPU()))
	db := &DB{write: pool, read: pool, dialect: postgresDialect()}
	return db, db.ping(ctx)
}

func (db *DB) ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return fmt.Errorf("store: connect to %s: %w", db.dialect.name, err)
	}
	return nil
}

// Close releases the connections.
func (db *DB) Close() error {
	var err error
	if db.checkpoints != nil {
		err = db.checkpoints.close()
	}
	if werr := db.write.Close(); err == nil {
		err = werr
	}
	if db.read != db.write {
		if rerr := db.read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Dialect reports the engine.
func (db *DB) Dialect() Dialect { return db.dialect.name }

// Writer is the connection pool that writes go through; the job queue uses
// it so that jobs are enqueued in the same transaction as the write.
func (db *DB) Writer() *sql.DB { return db.write }

// InTx runs fn in a write transaction, committing when it returns nil.
// Called with a context that carries a transaction (WithTx), it joins it:
// fn runs on that transaction and the outermost caller commits.
func (db *DB) InTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx, ok := TxFrom(ctx); ok {
		return fn(tx)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// txKey is the context key of the transaction WithTx opens.
type txKey struct{}

// WithTx runs fn in one write transaction that travels in fn's context:
// the store's writes and the job queue's Enqueue, called with that
// context, join it. This is how a use case commits a change and the emails
// it causes together, or neither.
func (db *DB) WithTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := TxFrom(ctx); ok {
		return fn(ctx)
	}
	return db.InTx(ctx, func(tx *sql.Tx) error { return fn(context.WithValue(ctx, txKey{}, tx)) })
}

// TxFrom returns the transaction WithTx put in ctx.
func TxFrom(ctx context.Context) (*sql.Tx, bool) {
	tx, ok := ctx.Value(txKey{}).(*sql.Tx)
	return tx, ok
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}
