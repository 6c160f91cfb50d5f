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
	var got struct {
		Stored, Errors, Ratio float64
		Floor                 float64 `json:"floor_requests_per_second"`
		Capacity              *bool
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if got.Stored != 2000 || got.Errors != 0 || got.Floor <= 0 || got.Ratio <= 0 || got.Capacity == nil || !*got.Capacity {
		t.Errorf("figures = %s, want 2000 stored with a capacity, no errors, a floor and a ratio", stdout)
	}
}

// The same run without a capacity, to price the places check against it,
// says so in its figures; without --stored there is nothing to leave out.
func TestRegisterStoredWithoutCapacity(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark run")
	}
	stdout, stderr, code := runBench(t, "register", "--duration", "1s", "--workers", "4", "--json", "--stored", "1000", "--capacity=false")
	if code != 0 {
		t.Fatalf("bench: exit %d\nstderr: %s", code, stderr)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if got["capacity"] != false || got["stored"] != 1000.0 || got["ratio"] == nil || got["errors"] != 0.0 {
		t.Errorf("figures = %v, want capacity false, 1000 stored, a ratio, no errors", got)
	}
	if _, stderr, code := runBench(t, "register", "--duration", "1s", "--capacity=false"); code == 0 || !strings.Contains(stderr, "--stored") {
		t.Errorf("--capacity=false without --stored: exit %d, stderr %q", code, stderr)
	}
}
