package opinion

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Between updates a cluster keeps its ID and its members, and starts again
// from where those members are now — not from where its centre was.
func TestKMeansCarriesClustersByMembers(t *testing.T) {
	pts := []point{
		{id: 10, x: [2]float64{-1, 0}, w: 1}, {id: 11, x: [2]float64{-1.2, 0}, w: 1},
		{id: 20, x: [2]float64{1, 0}, w: 1}, {id: 21, x: [2]float64{1.2, 0}, w: 1},
	}
	first := kmeans(pts, 2, nil)
	if len(first) != 2 {
		t.Fatalf("got %d clusters, want 2: %v", len(first), first)
	}
	idOf := map[int]int{}
	for _, c := range first {
		for _, m := range c.Members {
			idOf[m] = c.ID
		}
	}
	// The whole map flips left to right (as a component's sign can), and a
	// newcomer arrives near the old left cluster.
	moved := []point{
		{id: 10, x: [2]float64{1, 0}, w: 1}, {id: 11, x: [2]float64{1.2, 0}, w: 1},
		{id: 20, x: [2]float64{-1, 0}, w: 1}, {id: 21, x: [2]float64{-1.2, 0}, w: 1},
		{id: 30, x: [2]float64{-1.1, 0.1}, w: 1},
	}
	next := kmeans(moved, 2, first)
	got := map[int]int{}
	for _, c := range next {
		for _, m := range c.Members {
			got[m] = c.ID
		}
	}
	for _, pid := range []int{10, 11, 20, 21} {
		if got[pid] != idOf[pid] {
			t.Errorf("participant %d moved from cluster %d to %d", pid, idOf[pid], got[pid])
		}
	}
	if got[30] != idOf[20] {
		t.Errorf("newcomer joined cluster %d, want %d (the one now beside it)", got[30], idOf[20])
	}
}

// With fewer previous clusters than k, the point farthest from every
// centre starts a new cluster with the next free ID.
func TestCleanStartSplitsOffTheFarthestPoint(t *testing.T) {
	pts := []point{
		{id: 1, x: [2]float64{0, 0}, w: 1}, {id: 2, x: [2]float64{0.1, 0}, w: 1},
		{id: 3, x: [2]float64{5, 5}, w: 1}, {id: 4, x: [2]float64{0.2, 0}, w: 1},
	}
	prev := []Cluster{{ID: 7, Members: []int{1, 2, 3, 4}}}
	cl := cleanStart(pts, 2, prev)
	if len(cl) != 2 {
		t.Fatalf("got %d clusters, want 2: %v", len(cl), cl)
	}
	if cl[1].ID != 8 || !slices.Equal(cl[1].Members, []int{3}) || cl[1].Centre != [2]float64{5, 5} {
		t.Errorf("new cluster %+v, want ID 8 holding point 3 at (5, 5)", cl[1])
	}
	if cl[0].ID != 7 || slices.Contains(cl[0].Members, 3) || math.Abs(cl[0].Centre[0]-0.1) > 1e-12 {
		t.Errorf("old cluster %+v, want ID 7 without point 3, centred at 0.1", cl[0])
	}
}

// sortedVotes orders by (PID, TID) and keeps repeats in the order given.
func TestSortedVotesIsAStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	col := map[int]int{}
	for j := range 40 {
		col[j*1000] = j
	}
	votes := make([]Cast, 5000)
	for k := range votes {
		votes[k] = Cast{PID: int32(r.IntN(300) * 70000), TID: int32(r.IntN(41) * 1000), Vote: Vote(r.IntN(3) - 1)}
	}
	want := slices.DeleteFunc(slices.Clone(votes), func(v Cast) bool { _, ok := col[int(v.TID)]; return !ok })
	slices.SortStableFunc(want, func(a, b Cast) int {
		if a.PID != b.PID {
			return int(a.PID - b.PID)
		}
		return int(a.TID - b.TID)
	})
	var got []Cast
	for _, p := range sortedVotes(votes, col) {
		got = append(got, Cast{PID: p.pid(), TID: p.tid(), Vote: p.vote()})
	}
	if !slices.Equal(got, want) {
		t.Error("sortedVotes differs from a stable sort by (PID, TID)")
	}
}

// Pol.is zeroes a rejected statement's column for everyone, so in the
// stretch sqrt(statements / votes) it counts as a vote for every
// participant: voting on it changes nothing, and its presence makes the
// stretch of light voters milder.
func TestRejectedStatementsCountInTheStretch(t *testing.T) {
	kept := []StatementRef{{TID: 1}, {TID: 2}}
	votes := []Cast{
		{PID: 1, TID: 1, Vote: Agree}, {PID: 1, TID: 2, Vote: Agree},
		{PID: 2, TID: 1, Vote: Disagree}, {PID: 2, TID: 2, Vote: Disagree},
		{PID: 3, TID: 1, Vote: Agree},
		{PID: 4, TID: 1, Vote: Agree},
	}
	without := newMatrix(kept, votes)
	xyWithout := without.project(without.pca(nil))
	withRejected := append(slices.Clone(kept), StatementRef{TID: 3, Rejected: true})
	m := newMatrix(withRejected, append(slices.Clone(votes), Cast{PID: 4, TID: 3, Vote: Disagree}, Cast{PID: 2, TID: 3, Vote: Agree}))
	xy := m.project(m.pca(nil))
	// Participants 3 and 4 differ only by 4's vote on the rejected statement.
	if xy[2] != xy[3] {
		t.Errorf("a vote on a rejected statement moved its voter: %v vs %v", xy[2], xy[3])
	}
	// Participant 3 voted on 1 of 2 kept statements: stretch sqrt(3/2)
	// with the rejected column, sqrt(2/1) without; participant 1, on both:
	// sqrt(3/3) and sqrt(2/2).
	for i, want := range map[int]float64{2: math.Sqrt(3.0/2) / math.Sqrt(2), 0: 1} {
		got := math.Hypot(xy[i][0], xy[i][1]) / math.Hypot(xyWithout[i][0], xyWithout[i][1])
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("participant %d stretched by %.6f relative to no rejected statement, want %.6f", m.pids[i], got, want)
		}
	}
}
