package store

import (
	"context"
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// SQLite spends a third of a registration's CPU parsing SQL: database/sql
// and the driver prepare every statement anew, River's long insert included.
// cachingConnector keeps each connection's prepared statements by SQL text,
// so a statement is parsed once per connection and then only reset.

// stmtCacheSize bounds the statements kept per connection.
const stmtCacheSize = 256

type cachingConnector struct {
	dsn    string
	driver *sqlite.Driver
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.driver.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConn{Conn: conn, stmts: map[string]*cachedStmt{}}, nil
}

func (c cachingConnector) Driver() driver.Driver { return c.driver }

// sqliteConn is what the modernc connection offers besides driver.Conn.
type sqliteConn interface {
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

type cachingConn struct {
	driver.Conn
	stmts map[string]*cachedStmt
}

// cachedStmt is a prepared statement and whether rows still read from it.
type cachedStmt struct {
	stmt driver.Stmt
	busy bool
}

func (c *cachingConn) inner() sqliteConn { return c.Conn.(sqliteConn) }

// cacheable leaves scripts (several statements, as in migrations) to the
// driver, which runs them one by one. A semicolon in a -- comment does not
// make a script: River's job completion has one, and was parsed anew for
// every job.
func cacheable(query string) bool {
	if !strings.Contains(query, ";") {
		return true
	}
	var code strings.Builder
	for line := range strings.Lines(query) {
		before, _, commented := strings.Cut(line, "--")
		code.WriteString(before)
		if commented {
			code.WriteString("\n")
		}
	}
	q := strings.TrimRight(code.String(), " \t\r\n;")
	return !strings.Contains(q, ";")
}

// stmt returns the cached statement for query, preparing it on first use,
// or nil when it cannot be shared right now.
func (c *cachingConn) stmt(ctx context.Context, query string) (*cachedStmt, error) {
	if !cacheable(query) {
		return nil, nil
	}
	if s, ok := c.stmts[query]; ok {
		if s.busy { // the same query again while its rows are open
			return nil, nil
		}
		return s, nil
	}
	if len(c.stmts) >= stmtCacheSize {
		c.evictIdle()
	}
	st, err := c.inner().PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s := &cachedStmt{stmt: st}
	c.stmts[query] = s
	return s, nil
}

// evictIdle drops every statement no rows are reading from.
func (c *cachingConn) evictIdle() {
	for q, s := range c.stmts {
		if !s.busy {
			_ = s.stmt.Close()
			delete(c.stmts, q)
		}
	}
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	countQuery(ctx)
	s, err := c.stmt(ctx, query)
	if err != nil || s == nil {
		if err != nil {
			return nil, err
		}
		return c.inner().ExecContext(ctx, query, args)
	}
	return s.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	countQuery(ctx)
	s, err := c.stmt(ctx, query)
	if err != nil || s == nil {
		if err != nil {
			return nil, err
		}
		return c.inner().QueryContext(ctx, query, args)
	}
	rows, err := s.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return &releasingRows{Rows: rows, s: s}, nil
}

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.inner().PrepareContext(ctx, query)
}

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.inner().BeginTx(ctx, opts)
}

func (c *cachingConn) Ping(ctx context.Context) error         { return c.inner().Ping(ctx) }
func (c *cachingConn) ResetSession(ctx context.Context) error { return c.inner().ResetSession(ctx) }
func (c *cachingConn) IsValid() bool                          { return c.inner().IsValid() }

// Close finalises the cached statements, then the connection.
func (c *cachingConn) Close() error {
	for q, s := range c.stmts {
		_ = s.stmt.Close()
		delete(c.stmts, q)
	}
	return c.Conn.Close()
}

// releasingRows marks its statement free again when the rows close.
type releasingRows struct {
	driver.Rows
	s *cachedStmt
}

func (r *releasingRows) Close() error {
	r.s.busy = false
	return r.Rows.Close()
}

// The optional row interfaces database/sql uses for ColumnTypes.

func (r *releasingRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}
