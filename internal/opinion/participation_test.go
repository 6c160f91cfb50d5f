package opinion

import (
	"slices"
	"testing"
)

func TestVotableStatesMatchVotable(t *testing.T) {
	for _, strict := range []bool{false, true} {
		s := Settings{StrictModeration: strict}
		for _, m := range []Moderation{Rejected, Unmoderated, Accepted} {
			if got := slices.Contains(s.VotableStates(), m); got != s.Votable(m) {
				t.Errorf("strict=%v %v: in VotableStates %v, Votable %v", strict, m, got, s.Votable(m))
			}
		}
	}
}

func TestProgressDone(t *testing.T) {
	if (Progress{Voted: 2, Total: 3}).Done() || !(Progress{Voted: 3, Total: 3}).Done() || !(Progress{}).Done() {
		t.Error("Done is wrong")
	}
}
