package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"

	"github.com/consulta/consulta/internal/config"
)

// demoSlug is the demo consultation the benchmark registers for.
const demoSlug = "wsis20-lac"

// server is a Consulta started on a throw-away database.
type server struct {
	app  *App
	base string
	stop func() error
}

// startServer creates a fresh database (SQLite in a temp dir, or a new
// database on the given PostgreSQL server), boots the app with the demo data
// and no rate limit, and serves it on a free loopback port.
func startServer(ctx context.Context, dbURL string, e Env) (_ *server, err error) {
	tmp, err := os.MkdirTemp("", "consulta-bench-")
	if err != nil {
		return nil, err
	}
	cleanups := []func() error{func() error { return os.RemoveAll(tmp) }}
	cleanup := func() error {
		var first error
		for i := len(cleanups) - 1; i >= 0; i-- {
			if err := cleanups[i](); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	defer func() {
		if err != nil {
			_ = cleanup()
		}
	}()
	if dbURL != "" {
		fresh, drop, err := createDatabase(ctx, dbURL)
		if err != nil {
			return nil, err
		}
		cleanups = append(cleanups, drop)
		dbURL = fresh
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	cleanups = append(cleanups, func() error { ln.Close(); return nil })
	cfg := &config.Config{DataDir: filepath.Join(tmp, "data"), DB: dbURL, Addr: ln.Addr().String(),
		MailFrom: "consulta@example.org", Demo: true, RegisterRate: 0}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	app, err := e.NewApp(ctx, cfg, errorLogger(e))
	if err != nil {
		return nil, err
	}
	cleanups = append(cleanups, app.Close)
	if err := unlimitCapacity(ctx, app); err != nil {
		return nil, err
	}
	serveCtx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Serve(serveCtx, ln) }()
	cleanups = append(cleanups, func() error { cancel(); return <-done })
	return &server{app: app, base: cfg.BaseURL, stop: cleanup}, nil
}

// unlimitCapacity lifts the demo consultation's capacity so the run is not
// cut short by "registration full".
func unlimitCapacity(ctx context.Context, app *App) error {
	c, err := app.DB.ConsultationBySlug(ctx, demoSlug)
	if err != nil {
		return err
	}
	c.Capacity = 0
	return app.DB.SaveConsultation(ctx, c)
}

// createDatabase creates consulta_bench_<random> on the server of
// dbURL and returns its URL and a function that drops it.
func createDatabase(ctx context.Context, dbURL string) (string, func() error, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", nil, fmt.Errorf("bench: --db: %w", err)
	}
	admin, err := sql.Open("pgx", dbURL)
	if err != nil {
		return "", nil, fmt.Errorf("bench: open postgres: %w", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "consulta_bench_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("bench: create database: %w", err)
	}
	drop := func() error {
		defer admin.Close()
		_, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		return err
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}
