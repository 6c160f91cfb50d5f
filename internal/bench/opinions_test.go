package bench_test

import (
	"encoding/json"
	"testing"
)

func TestOpinionsJSON(t *testing.T) {
	out, stderr, code := runBench(t, "opinions", "--participants", "300", "--statements", "60", "--votes", "6000", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	var r struct {
		Participants, Statements, Votes int
		Seconds                         float64
		PeakRSSBytes                    int64 `json:"peak_rss_bytes"`
		Groups                          int
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if r.Participants != 300 || r.Statements != 60 || r.Votes != 6000 {
		t.Errorf("figures %+v, want the sizes asked for", r)
	}
	if r.Seconds <= 0 || r.PeakRSSBytes <= 0 || r.Groups < 2 {
		t.Errorf("figures %+v: want a positive time and memory and at least two groups (the generator has four)", r)
	}
	// Through a real database: the conversation is stored, read back and recomputed.
	out, stderr, code = runBench(t, "opinions", "--participants", "100", "--statements", "20", "--votes", "1500", "--with-db", "--json")
	var d struct {
		Load   float64 `json:"load_and_compute_seconds"`
		Engine string
	}
	if err := json.Unmarshal([]byte(out), &d); code != 0 || err != nil || d.Load <= 0 || d.Engine != "sqlite" {
		t.Errorf("--with-db: exit %d, %v, %s%s", code, err, out, stderr)
	}
	if out, _, code := runBench(t, "opinions", "--votes", "-1"); code == 0 {
		t.Errorf("negative votes accepted: %s", out)
	}
}
