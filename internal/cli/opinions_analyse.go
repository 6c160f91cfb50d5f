package cli

import (
	"context"
	"errors"
)

// runOpinionsAnalyse is a placeholder so the build stays green; the real
// `consulta opinions analyse` replaces this file.
func runOpinionsAnalyse(ctx context.Context, args []string, e env) error {
	return errors.New("opinions analyse: not implemented yet")
}
