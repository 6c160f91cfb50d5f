package cli

import (
	"context"
	"log/slog"

	"github.com/consulta/consulta/internal/bench"
	"github.com/consulta/consulta/internal/config"
)

// runBench hands "consulta bench …" to internal/bench with the one thing
// bench cannot do itself: build the app (cli imports bench, not the
// reverse).
func runBench(ctx context.Context, args []string, e env) error {
	return bench.Run(ctx, args, bench.Env{Stdout: e.stdout, Stderr: e.stderr, NewApp: newBenchApp})
}

// newBenchApp builds the app as serve does and hands bench the parts it
// uses.
func newBenchApp(ctx context.Context, cfg *config.Config, log *slog.Logger) (*bench.App, error) {
	app, err := NewApp(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	return &bench.App{DB: app.DB, Serve: app.Serve, Close: app.Close, EnqueueMail: app.Queue.EnqueueMany}, nil
}
