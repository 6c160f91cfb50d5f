package bench_test

import (
	"encoding/json"
	"testing"
)

// TestPagesJSON reads every path briefly with a few registrations stored
// and checks each has figures, a floor and a ratio, and no failed request.
func TestPagesJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark run")
	}
	stdout, stderr, code := runBench(t, "pages", "--duration", "300ms", "--workers", "4", "--stored", "500", "--json")
	if code != 0 {
		t.Fatalf("bench: exit %d\nstderr: %s", code, stderr)
	}
	var got struct {
		Engine string `json:"engine"`
		Stored int    `json:"stored"`
		Paths  []struct {
			Path              string
			RequestsPerSecond float64 `json:"requests_per_second"`
			P99ms             float64 `json:"p99_ms"`
			Errors            int
			Bytes             int
			Floor             float64 `json:"floor_requests_per_second"`
			RatioOf           float64 `json:"ratio"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if got.Engine != "sqlite" || got.Stored != 500 || len(got.Paths) != 4 {
		t.Fatalf("result = %+v, want sqlite, 500 stored, four paths", got)
	}
	for _, p := range got.Paths {
		if p.Errors != 0 || p.RequestsPerSecond <= 0 || p.Floor <= 0 || p.RatioOf <= 0 || p.Bytes < 1000 {
			t.Errorf("%s: %+v, want no errors, a rate, a floor, a ratio and a page", p.Path, p)
		}
	}
}
