package opinion

import (
	"math"
	"path/filepath"
	"testing"
)

const polisData = "../../../shared/data/polis"

var conversations = []string{"15-per-hour-seattle", "bg2050-volunteers", "brexit-consensus", "scoop-hivemind.ubi"}

func TestGroupInformedConsensusMatchesPolis(t *testing.T) {
	c := loadConv(t, filepath.Join(polisData, "bg2050-volunteers"))
	res := Analyse(Input{Statements: c.statements, Votes: c.votes, Groups: c.groups})
	bad := 0
	for _, s := range res.Statements {
		want, ok := c.gic[s.TID]
		if !ok {
			t.Fatalf("statement %d missing from comments.csv", s.TID)
		}
		if math.Abs(s.GroupInformedConsensus-want) > 1e-9 {
			bad++
			if bad < 5 {
				t.Errorf("statement %d: group-informed consensus %.15f, Pol.is %.15f", s.TID, s.GroupInformedConsensus, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d statements differ", bad, len(res.Statements))
	}
}

func TestGroupsAgreeWithPolis(t *testing.T) {
	for _, name := range conversations {
		c := loadConv(t, filepath.Join(polisData, name))
		res := Analyse(Input{Statements: c.statements, Votes: c.votes})
		ours := map[int]int{}
		for _, p := range res.Participants {
			if p.Group >= 0 {
				ours[p.PID] = p.Group
			}
		}
		ari := AdjustedRandIndex(ours, c.groups)
		t.Logf("%s: ours %d groups over %d, Pol.is %d over %d; ARI %.3f; silhouettes %v", name, len(res.Groups), len(ours), countGroups(c.groups), len(c.groups), ari, res.Silhouettes)
	}
}

func countGroups(g map[int]int) int {
	s := map[int]bool{}
	for _, v := range g {
		s[v] = true
	}
	return len(s)
}
