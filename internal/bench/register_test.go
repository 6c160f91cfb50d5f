package bench_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRegisterJSON runs a one-second benchmark on SQLite and checks
// that stdout is exactly one JSON object with the four figures.
func TestRegisterJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark run")
	}
	stdout, stderr, code := runBench(t, "register", "--duration", "1s", "--workers", "4", "--json", "--target", "api")
	if code != 0 {
		t.Fatalf("bench: exit %d\nstderr: %s", code, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	var got map[string]float64
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if dec.More() {
		t.Fatalf("stdout has more than one JSON value: %s", stdout)
	}
	for _, k := range []string{"requests_per_second", "p50_ms", "p99_ms", "errors"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing key %q in %v", k, got)
		}
	}
	if len(got) != 4 {
		t.Errorf("keys = %v, want exactly the four figures (no floor without --stored)", got)
	}
	if got["errors"] != 0 || got["requests_per_second"] <= 0 {
		t.Errorf("figures = %v, want errors 0 and some registrations", got)
	}
}

// TestRegisterStoredJSON pre-fills registrations and checks that the
// floor and the ratio come with the figures.
func TestRegisterStoredJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark run")
	}
	stdout, stderr, code := runBench(t, "register", "--duration", "1s", "--workers", "4", "--json", "--stored", "2000")
	if code != 0 {
		t.Fatalf("bench: exit %d\nstderr: %s", code, stderr)
	}
	var got map[string]float64
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if got["stored"] != 2000 || got["errors"] != 0 || got["floor_requests_per_second"] <= 0 || got["ratio"] <= 0 {
		t.Errorf("figures = %v, want 2000 stored, no errors, a floor and a ratio", got)
	}
}
