package opinion_test

import (
	"testing"

	"github.com/consulta/consulta/internal/opinion"
)

// The number of groups shown changes only once another has been the best
// four updates in a row (Pol.is's smoothing), whether the computation is
// warm-started or, as the one computation on the final votes is, cold
// with only the history's k state: three generated groups are shown as
// two while three has been the best for fewer than four updates.
func TestNewNumberOfGroupsWaitsForFourWins(t *testing.T) {
	s := synthConversation(5, 240, 40, []float64{0.34, 0.33, 0.33})
	var cast []opinion.Cast
	for _, v := range s.votes {
		cast = append(cast, v.Cast)
	}
	in := opinion.Input{Statements: s.statements, Votes: cast}
	if res := opinion.Analyse(in); len(res.Groups) != 3 {
		t.Fatalf("from scratch: %d groups, want 3", len(res.Groups))
	}
	for wins, want := range map[int]int{0: 2, 1: 2, 2: 2, 3: 3} {
		in.Previous = &opinion.State{K: 2, LastK: 3, LastKCount: wins}
		res := opinion.Analyse(in)
		if len(res.Groups) != want || res.State.LastK != 3 || res.State.LastKCount != wins+1 {
			t.Errorf("3 the best %d updates before: %d groups shown, streak %d of k=%d; want %d groups", wins, len(res.Groups),
				res.State.LastKCount, res.State.LastK, want)
		}
	}
}
