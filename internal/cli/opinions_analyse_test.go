package cli_test

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/polis"
)

type analysis struct {
	Groups     map[string]int `json:"groups"`
	Statements []struct {
		ID                     int     `json:"id"`
		Agrees                 int     `json:"agrees"`
		Disagrees              int     `json:"disagrees"`
		Passes                 int     `json:"passes"`
		GroupInformedConsensus float64 `json:"group_informed_consensus"`
		Repness                []struct {
			Group int    `json:"group"`
			Side  string `json:"side"`
		} `json:"repness"`
	} `json:"statements"`
}

func analyse(t *testing.T, args ...string) analysis {
	t.Helper()
	// No CONSULTA_DATA: the command must not need (or create) a database.
	out, code := run(t, map[string]string{"CONSULTA_DATA": "/nonexistent/consulta"}, append([]string{"opinions", "analyse"}, args...)...)
	if code != 0 {
		t.Fatalf("analyse: exit %d: %s", code, out)
	}
	var a analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("analyse --json printed something else than one JSON object: %v\n%s", err, out)
	}
	return a
}

// With the export's own groups, the printed group-informed consensus is
// Pol.is's own, and the groups are the export's.
func TestOpinionsAnalyseWithExportGroups(t *testing.T) {
	dir := polisDir(t, "bg2050-volunteers")
	export, err := polis.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := analyse(t, "--polis", dir, "--json", "--groups-from-export")
	want := export.GroupIDs()
	if len(a.Groups) != len(want) {
		t.Errorf("%d participants in groups, the export has %d", len(a.Groups), len(want))
	}
	for pid, g := range want {
		if got, ok := a.Groups[strconv.Itoa(pid)]; !ok || got != g {
			t.Errorf("participant %d: group %d (present %v), export says %d", pid, got, ok, g)
		}
	}
	gic := map[int]float64{}
	for _, c := range export.Comments {
		gic[c.ID] = c.GroupInformedConsensus
	}
	if len(a.Statements) != len(export.Comments) {
		t.Fatalf("%d statements printed, the export has %d", len(a.Statements), len(export.Comments))
	}
	for _, s := range a.Statements {
		if math.Abs(s.GroupInformedConsensus-gic[s.ID]) > 1e-9 {
			t.Errorf("statement %d: %.15f, Pol.is %.15f", s.ID, s.GroupInformedConsensus, gic[s.ID])
		}
		if len(s.Repness) != 2 {
			t.Errorf("statement %d: repness for %d groups, want 2", s.ID, len(s.Repness))
		}
	}
}

// Computing our own groups: only participants in the conversation appear —
// everyone with 7 votes or more, and whoever was admitted earlier, when
// there were fewer statements (opinion.Admit) — and the counts are the
// latest votes.
func TestOpinionsAnalyseComputesGroups(t *testing.T) {
	dir := polisDir(t, "15-per-hour-seattle")
	export, err := polis.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := analyse(t, "--json", "--polis", dir)
	votes := map[int]int{}
	counts := map[int][3]int{}
	for _, v := range export.LatestVotes() {
		votes[v.VoterID]++
		c := counts[v.CommentID]
		c[1-v.Vote]++ // agree → 0, pass → 1, disagree → 2
		counts[v.CommentID] = c
	}
	if len(a.Groups) == 0 {
		t.Fatal("no participant in any group")
	}
	admitted := map[int]bool{}
	for _, pid := range opinion.Admit(export.Input().Statements, export.TimedVotes()).All() {
		admitted[pid] = true
	}
	for pid, n := range votes {
		_, in := a.Groups[strconv.Itoa(pid)]
		if want := n >= 7 || admitted[pid]; in != want {
			t.Errorf("participant %d with %d votes (admitted %v): in a group %v", pid, n, admitted[pid], in)
		}
	}
	for _, s := range a.Statements {
		c := counts[s.ID]
		if s.Agrees != c[0] || s.Passes != c[1] || s.Disagrees != c[2] {
			t.Errorf("statement %d: %d/%d/%d, latest votes say %d/%d/%d", s.ID, s.Agrees, s.Disagrees, s.Passes, c[0], c[2], c[1])
		}
	}
}

func TestOpinionsAnalyseErrors(t *testing.T) {
	env := map[string]string{}
	if out, code := run(t, env, "opinions", "analyse", "--json"); code == 0 || !strings.Contains(out, "usage: consulta opinions analyse --polis DIR") {
		t.Errorf("no --polis: exit %d %q", code, out)
	}
	if out, code := run(t, env, "opinions", "analyse", "--polis", "/nonexistent/polis"); code == 0 || !strings.Contains(out, "no such file") {
		t.Errorf("missing folder: exit %d %q", code, out)
	}
	if out, code := run(t, env, "opinions", "analyse", "--polis", polisDir(t, "brexit-consensus"), "--replay", "--groups-from-export"); code == 0 ||
		!strings.Contains(out, "usage:") {
		t.Errorf("--replay with --groups-from-export: exit %d %q", code, out)
	}
	if out, code := run(t, env, "opinions", "analyse", "--polis", polisDir(t, "brexit-consensus"), "--every", "0s"); code == 0 ||
		!strings.Contains(out, "usage:") {
		t.Errorf("--every 0s: exit %d %q", code, out)
	}
	// A coarser history (one update an hour) is a different history, but
	// brexit's two groups stand out in it too.
	hourly := analyse(t, "--polis", polisDir(t, "brexit-consensus"), "--every", "1h", "--json")
	if n := distinctGroups(hourly); len(hourly.Groups) < 150 || n != 2 {
		t.Errorf("--every 1h: %d participants in %d groups", len(hourly.Groups), n)
	}
	// Replayed, brexit's groups are Pol.is's two (ARI 0.896 in docs/OPINIONS.md).
	a := analyse(t, "--polis", polisDir(t, "brexit-consensus"), "--replay", "--json")
	groups := map[int]bool{}
	for _, g := range a.Groups {
		groups[g] = true
	}
	if len(groups) != 2 || len(a.Groups) < 150 {
		t.Errorf("replayed brexit: %d participants in %d groups", len(a.Groups), len(groups))
	}
	// The human summary names the groups.
	out, code := run(t, env, "opinions", "analyse", "--polis", polisDir(t, "brexit-consensus"))
	if code != 0 || !strings.Contains(out, "group A:") || !strings.Contains(out, "consensus (agree):") {
		t.Errorf("summary: exit %d %q", code, out)
	}
}

func distinctGroups(a analysis) int {
	seen := map[int]bool{}
	for _, g := range a.Groups {
		seen[g] = true
	}
	return len(seen)
}
