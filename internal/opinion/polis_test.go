package opinion_test

import (
	"math"
	"slices"
	"testing"

	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/polis"
	"github.com/consulta/consulta/internal/testutil/polisdata"
)

func readExport(t *testing.T, name string) *polis.Export {
	t.Helper()
	e, err := polis.Read(polisdata.Dir(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// With Pol.is's own groups, group-informed consensus must be exactly
// the value Pol.is published for every statement of bg2050-volunteers.
func TestGroupInformedConsensusMatchesPolis(t *testing.T) {
	e := readExport(t, "bg2050-volunteers")
	in := e.Input()
	in.Groups = e.GroupIDs()
	res := opinion.Analyse(in)
	checked := 0
	for _, c := range e.Comments {
		if !c.HasGroupInformedConsensus {
			t.Fatalf("comment %d has no group-informed-consensus in the export", c.ID)
		}
		s, ok := res.Statement(c.ID)
		if !ok {
			t.Fatalf("statement %d missing from the result", c.ID)
		}
		if d := math.Abs(s.GroupInformedConsensus - c.GroupInformedConsensus); d > 1e-9 {
			t.Errorf("statement %d: group-informed consensus %.15f, Pol.is %.15f", c.ID, s.GroupInformedConsensus, c.GroupInformedConsensus)
		}
		checked++
	}
	if checked != 371 {
		t.Errorf("checked %d statements, want all 371", checked)
	}
}

// groupARI computes our groups for a conversation and compares them with
// Pol.is's group-id column.
func groupARI(t *testing.T, name string) (ari float64, ours, theirs int) {
	e := readExport(t, name)
	res := opinion.Analyse(e.Input())
	got := map[int]int{}
	for _, p := range res.Participants {
		if p.Group >= 0 {
			got[p.PID] = p.Group
		}
	}
	want := e.GroupIDs()
	groups := map[int]bool{}
	for _, g := range want {
		groups[g] = true
	}
	return opinion.AdjustedRandIndex(got, want), len(res.Groups), len(groups)
}

// Our groups against Pol.is's over the four conversations (the figures
// are in docs/OPINIONS.md).
func TestGroupsAgreeWithPolis(t *testing.T) {
	var aris []float64
	for _, name := range polisdata.Conversations {
		ari, k, polisK := groupARI(t, name)
		t.Logf("%s: ARI %.3f, %d groups (Pol.is %d)", name, ari, k, polisK)
		aris = append(aris, ari)
	}
	slices.Sort(aris)
	median := (aris[1] + aris[2]) / 2
	t.Logf("median ARI %.3f", median)
}
