package cli

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"

	"github.com/consulta/consulta/internal/config"
)

// runServe runs the web server until SIGINT or SIGTERM.
func runServe(ctx context.Context, args []string, e env) error {
	var cfg config.Config
	fs := newFlags("serve", &cfg, e)
	cfg.AddServeFlags(fs, e.lookup)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(e.stderr, cfg.LogFormat)
	app, err := NewApp(ctx, &cfg, log)
	if err != nil {
		return err
	}
	defer app.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	return app.Serve(ctx, ln)
}

// newLogger logs JSON unless told otherwise or writing to a terminal.
func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}
