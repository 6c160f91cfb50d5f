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
	// jobRecipients is how many registrations a River job's args name in
	// registration_ids (a batch of confirmations), NULL for other jobs.
	jobRecipients string

	// inputSearch is what a full-text search of written inputs adds to the
	// archive's query, and searchPut the statements that store an input's
	// text in the index (inputs_search.go): SQLite's FTS5 table (unicode61
	// over spaced ideographs), PostgreSQL's tsvector in the input's language.
	inputSearch func(q string, arg int) (searchSQL, bool)
	searchPut   func(id int64, lang, body string) []statement
	// searchInsert and searchRow index new inputs in bulk (an import).
	searchInsert string
	searchRow    func(id int64, lang, body string) []any

	// afterExplicitIDs, when set, moves a table's id sequence past the ids
	// an import inserted: PostgreSQL's identity columns do not look at
	// the rows, SQLite's INTEGER PRIMARY KEY takes the largest id plus one.
	afterExplicitIDs func(table string) string

	// analyzeInputs refreshes the planner's statistics after a bulk
	// import: PostgreSQL's planner, still believing the tables empty,
	// walks every input and tests its tsvector (1.9 s a search at 100,000
	// inputs instead of milliseconds) until autovacuum gets round to it.
	// PostgreSQL's VACUUM also merges the search index's pending list,
	// which every search reads in full, and marks the pages all-visible.
	analyzeInputs string
}

// statement is one SQL statement and its arguments.
type statement struct {
	sql  string
	args []any
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
		jobRecipients:   `json_array_length(j.args, '$.registration_ids')`,
		inputSearch:     sqliteSearch,
		searchInsert:    `INSERT INTO input_search (rowid, body) VALUES `,
		searchRow:       func(id int64, _, body string) []any { return []any{id, body} },
		searchPut: func(id int64, _, body string) []statement {
			return []statement{{`DELETE FROM input_search WHERE rowid=$1`, []any{id}},
				{`INSERT INTO input_search (rowid, body) VALUES ($1, $2)`, []any{id, body}}}
		},
	}
}

func postgresDialect() dialect {
	return dialect{
		name:          Postgres,
		goose:         goose.DialectPostgres,
		migrations:    "migrations/postgres",
		voteList:      `string_agg(tid::text || ',' || vote::text, ';')`,
		inputSearch:   postgresSearch,
		searchInsert:  `INSERT INTO input_search (input_id, config, body) VALUES `,
		searchRow:     func(id int64, lang, body string) []any { return []any{id, searchConfig(lang), body} },
		lastJobError:  `(j.errors[array_length(j.errors, 1)] ->> 'error')`,
		jobRecipients: `jsonb_array_length(j.args -> 'registration_ids')`,
		forUpdate:     " FOR UPDATE",
		analyzeInputs: `VACUUM (ANALYZE) inputs, input_versions, input_answers, input_search`,
		afterExplicitIDs: func(table string) string {
			return `SELECT setval(pg_get_serial_sequence('` + table + `', 'id'), GREATEST((SELECT MAX(id) FROM ` + table + `), 1))`
		},
		searchPut: func(id int64, lang, body string) []statement {
			return []statement{{`INSERT INTO input_search (input_id, config, body) VALUES ($1, $2::regconfig, $3)
				ON CONFLICT (input_id) DO UPDATE SET config=excluded.config, body=excluded.body`,
				[]any{id, searchConfig(lang), body}}}
		},
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
