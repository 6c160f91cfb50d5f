package opinion_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/opinion"
)

// synthetic is a generated conversation whose groups are known.
type synthetic struct {
	statements []opinion.StatementRef
	votes      []opinion.TimedCast
	group      map[int]int // pid → the group it was drawn from
}

// synthConversation generates n participants drawn from groups of the
// given shares, voting on statements that appear over time. On the
// divisive statements (every other one) a participant agrees with
// probability 0.8 when their group's side is "agree" and 0.2 otherwise,
// each group taking its own side; on the others everyone agrees with the
// same probability. One vote in eight is a pass. Participants arrive one
// every 30 s, vote every 5 s on between 8 and all of the statements
// existing then, newest last; statements are written at a steady pace
// from 10 seeds. The generator is seeded: the conversation is always the
// same.
func synthConversation(seed uint64, n, nStatements int, shares []float64) *synthetic {
	r := rand.New(rand.NewPCG(seed, 1))
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	s := &synthetic{group: map[int]int{}}
	// sides[g][j]: whether group g agrees with divisive statement j.
	sides := make([][]bool, len(shares))
	for g := range sides {
		sides[g] = make([]bool, nStatements)
		for j := range sides[g] {
			sides[g][j] = r.IntN(2) == 0
		}
	}
	if len(shares) > 1 { // the first two groups disagree on every divisive statement
		for j := range sides[1] {
			sides[1][j] = !sides[0][j]
		}
	}
	base := make([]float64, nStatements)
	for j := range base {
		base[j] = 0.2 + 0.6*r.Float64()
	}
	written := func(j int) time.Time { // 10 seeds, then one every n*30s/nStatements
		if j < 10 {
			return t0
		}
		return t0.Add(time.Duration(j-9) * time.Duration(n) * 30 * time.Second / time.Duration(nStatements))
	}
	for j := range nStatements {
		s.statements = append(s.statements, opinion.StatementRef{TID: j, At: written(j)})
	}
	for pid := range n {
		u, g := r.Float64(), 0
		for acc := shares[0]; g+1 < len(shares) && u >= acc; acc += shares[g] {
			g++
		}
		s.group[pid] = g
		arrive := t0.Add(time.Duration(pid) * 30 * time.Second)
		var avail []int
		for j := range nStatements {
			if !written(j).After(arrive) {
				avail = append(avail, j)
			}
		}
		r.Shuffle(len(avail), func(a, b int) { avail[a], avail[b] = avail[b], avail[a] })
		k := min(len(avail), 8+r.IntN(max(1, len(avail)-7)))
		for v, j := range avail[:k] {
			p := base[j]
			if j%2 == 0 {
				p = 0.1
				if sides[g][j] {
					p = 0.9
				}
			}
			vote := opinion.Disagree
			switch x := r.Float64(); {
			case x < 0.125:
				vote = opinion.Pass
			case x < 0.125+0.875*p:
				vote = opinion.Agree
			}
			s.votes = append(s.votes, opinion.TimedCast{At: arrive.Add(time.Duration(v) * 5 * time.Second),
				Cast: opinion.Cast{PID: int32(pid), TID: int32(j), Vote: vote}})
		}
	}
	return s
}

// On generated conversations of two groups, one of them small (as in
// the public conversations where Pol.is found a large group and one of
// 5–12 % of the participants), both modes find two groups and they are
// the generated ones; the same for two halves. A conversation nobody is
// tuned to: the generator's seeds are fixed only so the test is repeatable.
func TestSmallGroupsAreFound(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n      int
		shares []float64
		seed   uint64
	}{
		{"8 %", 300, []float64{0.92, 0.08}, 1},
		{"5 %", 400, []float64{0.95, 0.05}, 2},
		{"12 %", 250, []float64{0.88, 0.12}, 3},
		{"halves", 200, []float64{0.5, 0.5}, 4},
	} {
		s := synthConversation(tc.seed, tc.n, 60, tc.shares)
		replayed, oneShot := opinion.BothModes(s.statements, s.votes, opinion.ReplayEvery, 0)
		for _, m := range []struct {
			mode string
			res  *opinion.Result
		}{{"one computation", oneShot}, {"replayed", replayed}} {
			ari := opinion.AdjustedRandIndex(groupsOf(m.res), s.group)
			t.Logf("%s, %s: %d groups, ARI %.3f", tc.name, m.mode, len(m.res.Groups), ari)
			if len(m.res.Groups) != 2 || ari < 0.8 {
				t.Errorf("%s, %s: %d groups, ARI %.3f with the generated groups; want 2 groups and at least 0.8", tc.name, m.mode, len(m.res.Groups), ari)
			}
		}
	}
}

// The same over many generated conversations, from one cold computation
// on the final votes (the last step of the one-shot computation, without
// the history, which is costly): with a group of 8 %, 12 % or 20 %, every
// one of 20 conversations each is split in two, as generated (ARI ≥ 0.75).
// With Pol.is's start alone, 5 of the 20 at 8 % were not (one in five
// groups), and 1 at 12 % (docs/OPINIONS.md §3).
func TestSmallGroupsAcrossSeeds(t *testing.T) {
	for _, share := range []float64{0.08, 0.12, 0.2} {
		missed := 0
		for seed := uint64(10); seed < 30; seed++ {
			s := synthConversation(seed, 300, 60, []float64{1 - share, share})
			cast := make([]opinion.Cast, len(s.votes))
			for i, v := range s.votes {
				cast[i] = v.Cast
			}
			res := opinion.Analyse(opinion.Input{Statements: s.statements, Votes: cast})
			if ari := opinion.AdjustedRandIndex(groupsOf(res), s.group); len(res.Groups) != 2 || ari < 0.75 {
				t.Errorf("group of %.0f %%, seed %d: %d groups, ARI %.3f", 100*share, seed, len(res.Groups), ari)
				missed++
			}
		}
		t.Logf("group of %.0f %%: %d of 20 conversations missed", 100*share, missed)
	}
}
