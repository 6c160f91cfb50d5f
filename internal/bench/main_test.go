package bench_test

import (
	"context"
	"os"
	"testing"

	"github.com/consulta/consulta/internal/cli"
)

// TestMain lets bench live start this test binary as its viewers'
// process, as it starts the consulta binary (live_viewers.go).
func TestMain(m *testing.M) {
	if os.Getenv("CONSULTA_BENCH_CHILD") == "1" {
		noEnv := func(string) (string, bool) { return "", false }
		os.Exit(cli.Run(context.Background(), os.Args[1:], noEnv, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
