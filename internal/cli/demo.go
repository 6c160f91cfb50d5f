package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/demo"
)

// runDemo loads the WSIS+20 demo data unless it is already there.
func runDemo(ctx context.Context, args []string, e env) error {
	var cfg config.Config
	if err := newFlags("demo", &cfg, e).Parse(args); err != nil {
		return err
	}
	db, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	loaded, err := demo.Load(ctx, db, time.Now())
	if err != nil {
		return err
	}
	if loaded {
		fmt.Fprintln(e.stdout, "loaded the WSIS+20 demo review and its seven consultations")
	} else {
		fmt.Fprintln(e.stdout, "the demo review is already there; nothing changed")
	}
	return nil
}
