// Package bench holds Consulta's benchmarks, run as "consulta bench":
// register (vegeta against a real server on a throw-away database) and
// opinions (one full recomputation of a generated opinion map).
package bench

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime/pprof"
	"time"

	"github.com/consulta/consulta/internal/config"
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
}

// benchOptions are the flags of "bench register".
type benchOptions struct {
	DB         string
	Duration   time.Duration
	Rate       int
	Workers    int
	JSON       bool
	Target     string // "api" (JSON, 202) or "form" (HTML form, 303)
	CPUProfile string
}

// Run runs the benchmark named in args: "register" or "opinions".
func Run(ctx context.Context, args []string, e Env) error {
	if len(args) > 0 && args[0] == "opinions" {
		return benchOpinions(ctx, args[1:], e)
	}
	if len(args) == 0 || args[0] != "register" {
		fmt.Fprintln(e.Stderr, "Usage: consulta bench register [--db URL] [--duration 10s] [--rate N|0] [--workers N] [--target api|form] [--json]")
		fmt.Fprintln(e.Stderr, "       consulta bench opinions [--participants N] [--statements M] [--votes V] [--json]")
		return errors.New("unknown or missing benchmark (want: register or opinions)")
	}
	o, err := parseBenchFlags(args[1:], e)
	if err != nil {
		return err
	}
	return benchRegister(ctx, o, e)
}

func parseBenchFlags(args []string, e Env) (benchOptions, error) {
	var o benchOptions
	fs := flag.NewFlagSet("consulta bench register", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.StringVar(&o.DB, "db", "", "postgres://… server to create a throw-away database on; empty: SQLite in a temp dir")
	fs.DurationVar(&o.Duration, "duration", 10*time.Second, "how long to send requests")
	fs.IntVar(&o.Rate, "rate", 0, "requests per second; 0 = as fast as --workers allow")
	fs.IntVar(&o.Workers, "workers", 32, "concurrent clients")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object with the figures and nothing else")
	fs.StringVar(&o.Target, "target", "api", "endpoint: api (POST /api/v1/…/registrations) or form (POST /c/…/register)")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the load phase (server and client) to this file")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.Target != "api" && o.Target != "form":
		return o, fmt.Errorf("--target must be api or form, not %q", o.Target)
	case o.Duration <= 0:
		return o, errors.New("--duration must be positive")
	case o.Rate < 0:
		return o, errors.New("--rate must be 0 or more")
	case o.Workers < 1:
		return o, errors.New("--workers must be at least 1")
	}
	return o, nil
}

func startCPUProfile(path string) (func(), error) {
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

// benchLogger keeps the server's logs off stdout: errors go to stderr.
func benchLogger(e Env) *slog.Logger {
	return slog.New(slog.NewTextHandler(e.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
}
