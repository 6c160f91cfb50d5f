// Package bench holds Consulta's benchmarks, run as "consulta bench":
// register and pages (vegeta against a real server on a throw-away
// database, next to a bare net/http floor measured in the same run) and
// opinions (one full recomputation of a generated opinion map).
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime/pprof"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/store"
)

// Env is what a benchmark gets from the command line: where to print, and
// how to build Consulta. NewApp is passed in because building the app is
// cli's job and cli imports bench, not the other way round.
type Env struct {
	Stdout, Stderr io.Writer
	// NewApp opens and migrates the database of cfg, loads the demo data
	// if cfg.Demo, and builds the job queue and web server, as
	// "consulta serve" does.
	NewApp func(ctx context.Context, cfg *config.Config, log *slog.Logger) (*App, error)
}

// App is the part of a built Consulta the benchmarks use: its database,
// serving (job workers and HTTP on ln until ctx is done) and closing.
type App struct {
	DB    *store.DB
	Serve func(ctx context.Context, ln net.Listener) error
	Close func() error
	// EnqueueMail inserts email jobs in the transaction ctx carries.
	EnqueueMail func(ctx context.Context, list []messages.Message) error
}

// Run runs the benchmark named in args: "register", "pages" or "opinions".
func Run(ctx context.Context, args []string, e Env) error {
	if len(args) > 0 && args[0] == "mail" {
		o, err := parseMailFlags(args[1:], e)
		if err != nil {
			return err
		}
		return runMail(ctx, o, e, joinEmail)
	}
	if len(args) > 0 && args[0] == "live" {
		o, err := parseLiveFlags(args[1:], e)
		if err != nil {
			return err
		}
		return runLive(ctx, o, e)
	}
	if len(args) > 0 && args[0] == "opinions" {
		return runOpinions(ctx, args[1:], e)
	}
	if len(args) > 0 && args[0] == "synthesis" {
		return runSynthesis(ctx, args[1:], e)
	}
	if len(args) > 0 && args[0] == "inputs" {
		return runInputs(ctx, args[1:], e)
	}
	if len(args) > 0 && args[0] == "pages" {
		o, err := parsePagesFlags(args[1:], e)
		if err != nil {
			return err
		}
		return runPages(ctx, o, e)
	}
	if len(args) == 0 || args[0] != "register" {
		fmt.Fprintln(e.Stderr, "Usage: consulta bench register [--db URL] [--duration 10s] [--rate N|0] [--workers N] [--target api|form] [--stored N] [--json]")
		fmt.Fprintln(e.Stderr, "       consulta bench pages [--db URL] [--stored N] [--duration 5s] [--workers 64] [--json]")
		fmt.Fprintln(e.Stderr, "       consulta bench mail [--count 100000] [--db URL] [--json]")
		fmt.Fprintln(e.Stderr, "       consulta bench opinions [--participants N] [--statements M] [--votes V] [--json]")
		fmt.Fprintln(e.Stderr, "       consulta bench inputs [--count N] [--queries Q] [--db URL] [--json]")
		fmt.Fprintln(e.Stderr, "       consulta bench synthesis [--inputs N] [--json]")
		fmt.Fprintln(e.Stderr, "       consulta bench live [--viewers N] [--instances K] [--db URL] [--changes 3] [--json]")
		return errors.New("unknown or missing benchmark (want: register, pages, mail, inputs, opinions, synthesis or live)")
	}
	o, err := parseRegisterFlags(args[1:], e)
	if err != nil {
		return err
	}
	return runRegister(ctx, o, e)
}

// startCPUProfile profiles the whole process into path until the returned
// function is called.
func startCPUProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil // no profile asked for
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// errorLogger keeps the app's logs off stdout, which carries the figures:
// errors go to stderr.
func errorLogger(e Env) *slog.Logger {
	return slog.New(slog.NewTextHandler(e.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
}
