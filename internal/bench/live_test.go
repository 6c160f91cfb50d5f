package bench_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLiveJSON runs bench live with a few viewers on SQLite: one JSON
// object, every viewer reached, none missed.
func TestLiveJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark run")
	}
	stdout, stderr, code := runBench(t, "live", "--viewers", "20", "--changes", "2", "--json")
	if code != 0 {
		t.Fatalf("bench: exit %d\nstderr: %s", code, stderr)
	}
	var got map[string]float64
	dec := json.NewDecoder(strings.NewReader(stdout))
	if err := dec.Decode(&got); err != nil || dec.More() {
		t.Fatalf("stdout is not one JSON object (%v): %s", err, stdout)
	}
	for _, k := range []string{"viewers", "p50_ms", "p99_ms", "missed"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing key %q in %v", k, got)
		}
	}
	if got["viewers"] != 20 || got["missed"] != 0 || got["p99_ms"] <= 0 {
		t.Errorf("figures = %v, want 20 viewers, none missed", got)
	}
}

// More than one instance needs a shared PostgreSQL database.
func TestLiveInstancesNeedPostgres(t *testing.T) {
	_, stderr, code := runBench(t, "live", "--instances", "2")
	if code == 0 || !strings.Contains(stderr, "--instances above 1 needs --db") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
