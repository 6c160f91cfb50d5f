package cli

import (
	"context"
	"errors"
)

// runBench runs a benchmark.
func runBench(ctx context.Context, args []string, e env) error {
	return errors.New("not built yet")
}
