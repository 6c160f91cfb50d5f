package opinion

import (
	"math"
	"testing"
)

func TestMatrixCentresAndZeroesRejected(t *testing.T) {
	m := newMatrix([]StatementRef{{TID: 5}, {TID: 2, Rejected: true}},
		[]Cast{{PID: 1, TID: 5, Vote: Agree}, {PID: 0, TID: 5, Vote: Disagree}, {PID: 0, TID: 5, Vote: Agree},
			{PID: 0, TID: 2, Vote: Agree}, {PID: 3, TID: 5, Vote: Pass}, {PID: 3, TID: 9, Vote: Agree}})
	if want := []int{0, 1, 3}; !equalInts(m.pids, want) {
		t.Fatalf("rows %v, want %v", m.pids, want)
	}
	if want := []int{2, 5}; !equalInts(m.tids, want) {
		t.Fatalf("columns %v, want %v", m.tids, want)
	}
	// Statement 5: participant 0's later agree replaced the disagree, so
	// agree, agree, pass: mean 2/3.
	if got := m.mean[1]; math.Abs(got-2.0/3) > 1e-15 {
		t.Errorf("mean of statement 5 = %v, want 2/3", got)
	}
	if m.mean[0] != 0 || m.vals[0] != 0 {
		t.Errorf("rejected statement 2 not zeroed: mean %v, value %v", m.mean[0], m.vals[0])
	}
	if want := []int{2, 1, 1}; !equalInts(m.nVotes, want) {
		t.Errorf("votes per participant %v, want %v (the vote on unknown statement 9 ignored)", m.nVotes, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestInConversationThresholdAndTopUp(t *testing.T) {
	var st []StatementRef
	for j := range 10 {
		st = append(st, StatementRef{TID: j})
	}
	var votes []Cast
	// Participants 0–19 cast p%10 votes each.
	for p := range 20 {
		for j := range p % 10 {
			votes = append(votes, Cast{PID: int32(p), TID: int32(j), Vote: Agree})
		}
	}
	m := newMatrix(st, votes)
	in := m.admitted()
	if got := countTrue(in); got != 6 {
		t.Errorf("%d admitted, want the 6 with 7 votes or more", got)
	}
	m.topUp(in)
	n, leastIn, mostOut := 0, 99, 0
	for i, ok := range in {
		if ok {
			n++
			leastIn = min(leastIn, m.nVotes[i])
		} else {
			mostOut = max(mostOut, m.nVotes[i])
		}
	}
	if mostOut > leastIn {
		t.Errorf("a participant with %d votes left out while one with %d is in", mostOut, leastIn)
	}
	// Six participants have 7+ votes; the top-up brings in the next most active until 15.
	if n != 15 {
		t.Errorf("%d in the conversation, want 15", n)
	}
	// The top-up is for this computation only: the state handed to the
	// next one keeps the six admitted.
	res := Analyse(Input{Statements: st, Votes: votes})
	if res.InConversation != 15 || len(res.State.InConversation) != 6 {
		t.Errorf("%d in the conversation, %d carried to the next computation; want 15 and 6", res.InConversation, len(res.State.InConversation))
	}
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

func TestKMeansIsDeterministicAndSeparates(t *testing.T) {
	var pts []point
	for i := range 30 {
		x := float64(i%3) * 0.01
		if i%2 == 0 {
			pts = append(pts, point{id: i, x: [2]float64{-5 + x, 1}, w: 1})
		} else {
			pts = append(pts, point{id: i, x: [2]float64{5 + x, -1}, w: 1})
		}
	}
	c1 := kmeans(pts, 2, nil)
	c2 := kmeans(pts, 2, nil)
	a1, a2 := groupOf(pts, c1), groupOf(pts, c2)
	if len(c1) != 2 || !equalInts(a1, a2) {
		t.Fatalf("k-means not deterministic or lost a cluster: %v %v", c1, c2)
	}
	for i := range pts {
		if (a1[i] == a1[0]) != (i%2 == 0) {
			t.Fatalf("point %d put with the wrong side", i)
		}
	}
	if s := silhouette(pts, distances(pts), a1, 2); s < 0.99 {
		t.Errorf("silhouette of two tight far clusters = %v, want ≈ 1", s)
	}
	pids := make([]int, len(pts))
	for i, p := range pts {
		pids[i] = p.id
	}
	cl := cluster(pids, pointsXY(pts), nil, &State{})
	if cl.k != 2 {
		t.Errorf("chose %d groups for two obvious ones (silhouettes %v)", cl.k, cl.silhouettes)
	}
}

func pointsXY(pts []point) [][2]float64 {
	out := make([][2]float64, len(pts))
	for i, p := range pts {
		out[i] = p.x
	}
	return out
}

func TestRepnessFormulas(t *testing.T) {
	// In the group: 8 agree, 1 disagree, 1 pass. Outside: 2 agree, 7 disagree, 1 pass.
	r := repness(Counts{8, 1, 1}, Counts{2, 7, 1})
	pa := 9.0 / 12
	if r.Side != Agree || math.Abs(r.P-pa) > 1e-15 {
		t.Fatalf("side %v p %v, want agree %v", r.Side, r.P, pa)
	}
	if want := 2 * math.Sqrt(11) * (9.0/11 - 0.5); math.Abs(r.PTest-want) > 1e-12 {
		t.Errorf("p-test %v, want %v", r.PTest, want)
	}
	if want := pa / (3.0 / 12); math.Abs(r.Repness-want) > 1e-12 {
		t.Errorf("repness %v, want %v", r.Repness, want)
	}
	// Two-proportion test with one added to each count: 9/11 against 3/11.
	p1, p2, pp := 9.0/11, 3.0/11, 12.0/22
	want := (p1 - p2) / math.Sqrt(pp*(1-pp)*(2.0/11))
	if math.Abs(r.RepnessTest-want) > 1e-12 {
		t.Errorf("repness test %v, want %v", r.RepnessTest, want)
	}
	if !r.Qualifies {
		t.Error("a clearly representative statement does not qualify")
	}
	if z := twoPropTest(5, 5, 5, 5); z != 0 {
		t.Errorf("two-proportion test with pooled share 1 = %v, want 0", z)
	}
	if q := repness(Counts{1, 1, 0}, Counts{1, 1, 0}); q.Qualifies {
		t.Error("a statement the group splits on like everyone else qualifies")
	}
}

func TestSelectRepresentativePutsBestAgreeFirst(t *testing.T) {
	mk := func(tid int, side Vote, metric float64) Repness {
		return Repness{TID: tid, Side: side, Repness: metric, RepnessTest: 1, P: 1, PTest: 1, Qualifies: true}
	}
	cands := []Repness{mk(1, Disagree, 9), mk(2, Agree, 3), mk(3, Disagree, 8), mk(4, Agree, 1),
		mk(5, Disagree, 7), mk(6, Disagree, 6), mk(7, Disagree, 5), {TID: 8, Side: Agree, Repness: 99}}
	got := selectRepresentative(cands)
	var tids []int
	for _, r := range got {
		tids = append(tids, r.TID)
	}
	// Best agree (2) first; then the next best four by metric (1, 3, 5, 6),
	// agrees before disagrees; 8 does not qualify.
	if want := []int{2, 1, 3, 5, 6}; !equalInts(tids, want) {
		t.Errorf("representative %v, want %v", tids, want)
	}
}

func TestConsensusAndGroupInformedConsensus(t *testing.T) {
	tids := []int{0, 1, 2}
	total := []Counts{{Agrees: 40, Disagrees: 2}, {Agrees: 2, Disagrees: 40}, {Agrees: 20, Disagrees: 20}}
	agree, disagree := consensus(tids, total, []bool{false, false, false})
	if len(agree) != 1 || agree[0].TID != 0 || len(disagree) != 1 || disagree[0].TID != 1 {
		t.Errorf("consensus agree %v disagree %v, want [0] and [1]", agree, disagree)
	}
	if got, want := groupInformedConsensus([]Counts{{Agrees: 3, Passes: 1}, {Agrees: 1, Disagrees: 1}}), (4.0/6)*(2.0/4); math.Abs(got-want) > 1e-15 {
		t.Errorf("group-informed consensus %v, want %v", got, want)
	}
}

func TestAdjustedRandIndex(t *testing.T) {
	a := map[int]int{1: 0, 2: 0, 3: 1, 4: 1, 5: 2}
	relabelled := map[int]int{1: 7, 2: 7, 3: 3, 4: 3, 5: 9, 6: 1}
	if got := AdjustedRandIndex(a, relabelled); math.Abs(got-1) > 1e-12 {
		t.Errorf("ARI of a relabelled partition = %v, want 1", got)
	}
	// A textbook example: {1,2,3},{4,5,6} against {1,2},{3,4},{5,6}.
	x := map[int]int{1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1}
	y := map[int]int{1: 0, 2: 0, 3: 1, 4: 1, 5: 2, 6: 2}
	// index 2, expected 6·3/15 = 1.2, max 4.5 → (2−1.2)/(4.5−1.2)
	if got, want := AdjustedRandIndex(x, y), 0.8/3.3; math.Abs(got-want) > 1e-12 {
		t.Errorf("ARI = %v, want %v", got, want)
	}
}
