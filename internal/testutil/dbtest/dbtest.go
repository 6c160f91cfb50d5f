// Package dbtest gives tests a fresh, migrated store on each database engine
// Consulta supports, so one test body checks SQLite and PostgreSQL alike.
//
// PostgreSQL is found at CONSULTA_TEST_PG_URL (default
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable). Each Open creates
// its own database there and drops it when the test ends. An unreachable
// server fails the test: CI requires PostgreSQL. Set CONSULTA_TEST_PG=off to
// test SQLite only.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/store"
)

// DefaultPGURL is the server used when CONSULTA_TEST_PG_URL is unset.
const DefaultPGURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Engines returns the engines to test: always "sqlite"; "postgres" unless
// CONSULTA_TEST_PG=off.
func Engines() []string {
	if os.Getenv("CONSULTA_TEST_PG") == "off" {
		return []string{string(store.SQLite)}
	}
	return []string{string(store.SQLite), string(store.Postgres)}
}

// PGURL returns the URL of the test PostgreSQL server's admin database.
func PGURL() string {
	if u := os.Getenv("CONSULTA_TEST_PG_URL"); u != "" {
		return u
	}
	return DefaultPGURL
}

// Open returns a migrated *store.DB for engine: for "sqlite" a file in
// t.TempDir(); for "postgres" a fresh database consulta_test_<random> on the
// server at PGURL, dropped (WITH (FORCE)) in t.Cleanup. Both store.Migrate
// and jobs.Migrate (River's tables) have run. The store is closed in
// t.Cleanup.
func Open(t testing.TB, engine string) *store.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var db *store.DB
	var err error
	switch store.Dialect(engine) {
	case store.SQLite:
		db, err = store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "consulta.db"))
	case store.Postgres:
		db, err = store.Open(ctx, &config.Config{DB: NewPostgres(t)})
	default:
		t.Fatalf("dbtest: unknown engine %q", engine)
	}
	if err != nil {
		t.Fatalf("dbtest: open %s: %v", engine, err)
	}
	// Registered after the drop (for postgres), so it runs first: close our
	// connections, then drop the database.
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("dbtest: migrate %s: %v", engine, err)
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		t.Fatalf("dbtest: migrate jobs on %s: %v", engine, err)
	}
	return db
}

// NewPostgres creates an empty database on the test server, arranges
// for it to be dropped, and returns its URL.
func NewPostgres(t testing.TB) string {
	t.Helper()
	base := PGURL()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("dbtest: CONSULTA_TEST_PG_URL: %v", err)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("dbtest: open postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		_ = admin.Close()
		t.Fatalf("dbtest: PostgreSQL at %s is required (set CONSULTA_TEST_PG=off to skip it): %v", u.Redacted(), err)
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	name := "consulta_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		_ = admin.Close()
		t.Fatalf("dbtest: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("dbtest: drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// AppDB returns the --db setting for an app test on engine: empty for
// SQLite (the app makes its own file), a fresh database URL for PostgreSQL.
func AppDB(t testing.TB, engine string) string {
	if engine == "postgres" {
		return NewPostgres(t)
	}
	return ""
}
