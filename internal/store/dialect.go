package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the database engine.
type Dialect string

// The engines Consulta runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// dialect is what differs between the engines, chosen once at Open; every
// other query is the same SQL on both.
type dialect struct {
	name Dialect

	// goose and migrations select the schema migrations: each engine has its
	// own folder, because column types and DDL differ.
	goose      goose.Dialect
	migrations string

	// singleProcess: one process owns a SQLite file, while several instances
	// may share a PostgreSQL database. Only a shared database needs its
	// migrations locked, and only a single process can take whatever it
	// finds unfinished at start to be its own.
	singleProcess bool

	// voteList aggregates a group's votes into "tid,vote;tid,vote…" (see
	// scanVotes): SQLite calls the aggregate group_concat and makes text of
	// numbers by itself; PostgreSQL calls it string_agg and wants text.
	voteList string

	// anonymousParams makes multi-row INSERTs bind "?" rather than "$N":
	// SQLite looks a numbered parameter's name up in a list, which makes
	// binding thousands of them quadratic; PostgreSQL accepts only "$N".
	anonymousParams bool

	// forUpdate locks a row read for a status change until the transaction
	// ends, so a concurrent change of it (a promotion, a cancellation)
	// waits rather than acting on what it read before. PostgreSQL needs
	// FOR UPDATE; SQLite, whose one writer runs transactions one at a
	// time, has no such clause and no need of it.
	forUpdate string

	// lastJobError is the message of a River job's last failed attempt:
	// River keeps errors as a JSON array on SQLite and as jsonb[] on
	// PostgreSQL.
	lastJobError string
}

func sqliteDialect() dialect {
	return dialect{
		name:            SQLite,
		goose:           goose.DialectSQLite3,
		migrations:      "migrations/sqlite",
		singleProcess:   true,
		voteList:        `group_concat(tid || ',' || vote, ';')`,
		anonymousParams: true,
		lastJobError:    `(j.errors ->> '$[#-1].error')`,
	}
}

func postgresDialect() dialect {
	return dialect{
		name:         Postgres,
		goose:        goose.DialectPostgres,
		migrations:   "migrations/postgres",
		voteList:     `string_agg(tid::text || ',' || vote::text, ';')`,
		lastJobError: `(j.errors[array_length(j.errors, 1)] ->> 'error')`,
		forUpdate:    " FOR UPDATE",
	}
}

// SingleProcess reports whether this process uses the database alone (a
// SQLite file), so that anything unfinished when it starts was left by an
// earlier run of it; several instances may share a PostgreSQL database.
func (db *DB) SingleProcess() bool { return db.dialect.singleProcess }

// errorClass is what the store makes of a database error, read from the
// driver's error code.
type errorClass int

const (
	unclassified        errorClass = iota // nil, or nothing the store tells apart
	uniqueViolation                       // a UNIQUE or PRIMARY KEY constraint failed
	foreignKeyViolation                   // a FOREIGN KEY constraint failed
	contention                            // busy, locked, deadlocked or not serialisable: another transaction was in the way
)

// classify reads err's class from the error code of either driver,
// wherever it sits in err's chain.
func classify(err error) errorClass {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return classifyPostgres(pg.Code)
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		return classifySQLite(lite.Code())
	}
	return unclassified
}

// classifyPostgres reads a SQLSTATE.
func classifyPostgres(code string) errorClass {
	switch code {
	case "23505": // unique_violation
		return uniqueViolation
	case "23503": // foreign_key_violation
		return foreignKeyViolation
	case "40001", "40P01", "55P03": // serialization_failure, deadlock_detected, lock_not_available
		return contention
	}
	return unclassified
}

// classifySQLite reads an extended result code (the driver turns them on).
// Busy and locked come in several extended codes (SQLITE_BUSY_SNAPSHOT, …),
// so those are told by the primary code in the low byte.
func classifySQLite(code int) errorClass {
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return uniqueViolation
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return foreignKeyViolation
	}
	switch code & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return contention
	}
	return unclassified
}
