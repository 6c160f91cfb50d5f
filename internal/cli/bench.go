package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime/pprof"
	"time"
)

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

// runBench runs a benchmark: "register" or "opinions".
func runBench(ctx context.Context, args []string, e env) error {
	if len(args) > 0 && args[0] == "opinions" {
		return benchOpinions(ctx, args[1:], e)
	}
	if len(args) == 0 || args[0] != "register" {
		fmt.Fprintln(e.stderr, "Usage: consulta bench register [--db URL] [--duration 10s] [--rate N|0] [--workers N] [--target api|form] [--json]")
		fmt.Fprintln(e.stderr, "       consulta bench opinions [--participants N] [--statements M] [--votes V] [--json]")
		return errors.New("unknown or missing benchmark (want: register or opinions)")
	}
	o, err := parseBenchFlags(args[1:], e)
	if err != nil {
		return err
	}
	return benchRegister(ctx, o, e)
}

func parseBenchFlags(args []string, e env) (benchOptions, error) {
	var o benchOptions
	fs := flag.NewFlagSet("consulta bench register", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
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
func benchLogger(e env) *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelError}))
}
