package bench_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMailJSON sends 300 emails through the app to the local sink on
// SQLite and checks that stdout is exactly the five figures, every
// registrant got one email and none got two.
func TestMailJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark run")
	}
	stdout, stderr, code := runBench(t, "mail", "--count", "300", "--json")
	if code != 0 {
		t.Fatalf("bench: exit %d\nstderr: %s", code, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	var got map[string]float64
	if err := dec.Decode(&got); err != nil || dec.More() {
		t.Fatalf("stdout is not one JSON object (%v): %s", err, stdout)
	}
	for _, k := range []string{"emails", "seconds", "emails_per_second", "duplicates", "missing"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing key %q in %v", k, got)
		}
	}
	if len(got) != 5 || got["emails"] != 300 || got["duplicates"] != 0 || got["missing"] != 0 || got["emails_per_second"] <= 0 {
		t.Errorf("figures = %v, want 300 emails, none duplicated or missing", got)
	}
}
