package opinion_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/opinion"
)

// The replay depends on the votes and their times only: not on their order
// in the input, nor on where the one-second updates' boundaries fall.
// Shifting every boundary by a quarter, a half and three quarters of a
// second gives the same groups (ARI 1.000 on both conversations when
// measured; the bound of 0.95 leaves room for sums taken in another order
// on another number of cores), and so does shuffling votes.csv.
func TestReplayDoesNotHingeOnBatchBoundaries(t *testing.T) {
	const bound = 0.95
	for _, tc := range []struct {
		name   string
		phases []time.Duration
	}{
		{"15-per-hour-seattle", []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, 750 * time.Millisecond}},
		{"brexit-consensus", []time.Duration{500 * time.Millisecond}},
	} {
		e := readExport(t, tc.name)
		st, votes := e.Input().Statements, e.TimedVotes()
		base := opinion.ReplayAtPhase(st, votes, opinion.ReplayEvery, 0)
		want := groupsOf(base)
		check := func(what string, res *opinion.Result) {
			ari := opinion.AdjustedRandIndex(groupsOf(res), want)
			t.Logf("%s, %s: ARI %.3f with the unshifted replay, %d groups", tc.name, what, ari, len(res.Groups))
			if ari < bound || len(res.Groups) != len(base.Groups) {
				t.Errorf("%s, %s: ARI %.3f with %d groups against the unshifted replay's %d; want at least %.2f", tc.name, what, ari, len(res.Groups), len(base.Groups), bound)
			}
		}
		for _, phase := range tc.phases {
			check("boundaries shifted by "+phase.String(), opinion.ReplayAtPhase(st, votes, opinion.ReplayEvery, phase))
		}
		shuffled := slices.Clone(votes)
		r := rand.New(rand.NewPCG(7, 7))
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		check("votes shuffled", opinion.ReplayAtPhase(st, shuffled, opinion.ReplayEvery, 0))
	}
}
