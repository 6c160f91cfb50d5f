package bench_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/consulta/consulta/internal/cli"
)

// runBench runs "consulta bench args…" through the real command line: only
// cli can build the app the benchmarks load (cli imports bench), and it is
// the path users take.
func runBench(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	noEnv := func(string) (string, bool) { return "", false }
	code = cli.Run(context.Background(), append([]string{"bench"}, args...), noEnv, &out, &errOut)
	return out.String(), errOut.String(), code
}
