package opinion

import "testing"

// votesFor casts n votes of v on tid by fresh participants of segment seg.
type segVotes struct {
	seg string
	tid int
	v   Vote
	n   int
}

func buildBreakdown(spec []segVotes) (*Breakdown, map[int]string) {
	segOf := map[int]string{}
	var votes []Cast
	pid := 0
	for _, s := range spec {
		for range s.n {
			segOf[pid] = s.seg
			votes = append(votes, Cast{PID: int32(pid), TID: int32(s.tid), Vote: s.v})
			pid++
		}
	}
	st := []StatementRef{{TID: 0}, {TID: 1}, {TID: 2}, {TID: 3}, {TID: 4, Rejected: true}}
	return BreakDown(st, votes, segOf, []string{"government", "civil_society", "academia"}), segOf
}

func TestBreakdownCommonGroundAndDivides(t *testing.T) {
	b, _ := buildBreakdown([]segVotes{
		// 0: everyone agrees at exactly the threshold or above → common ground.
		{"government", 0, Agree, 6}, {"government", 0, Disagree, 4},
		{"civil_society", 0, Agree, 9}, {"civil_society", 0, Pass, 1},
		{"academia", 0, Agree, 10},
		// 1: governments agree, civil society does not → divides them.
		{"government", 1, Agree, 9}, {"government", 1, Disagree, 1},
		{"civil_society", 1, Agree, 3}, {"civil_society", 1, Disagree, 7},
		{"academia", 1, Agree, 4}, // 4 votes: shown, not counted
		// 2: too few votes overall (19) to classify, though everyone agrees.
		{"government", 2, Agree, 10}, {"civil_society", 2, Agree, 9},
		// 3: a vote on a rejected statement is ignored; 4 is rejected.
		{"government", 4, Agree, 30},
	})
	if len(b.Statements) != 4 {
		t.Fatalf("%d statements, want 4 (the rejected one left out)", len(b.Statements))
	}
	s0, s1, s2 := b.Statements[0], b.Statements[1], b.Statements[2]
	if !s0.CommonGround || s0.Divergent {
		t.Errorf("statement 0: common ground %v divergent %v (gap %.2f), want common ground only", s0.CommonGround, s0.Divergent, s0.Gap)
	}
	if s1.CommonGround || !s1.Divergent || s1.Apart != [2]string{"civil_society", "government"} {
		t.Errorf("statement 1: common ground %v divergent %v apart %v", s1.CommonGround, s1.Divergent, s1.Apart)
	}
	if s1.Shares[2].Counted || s1.Shares[2].Agrees != 4 {
		t.Errorf("academia with 4 votes: %+v, want shown but not counted", s1.Shares[2])
	}
	if s2.CommonGround || s2.Divergent {
		t.Errorf("statement 2 with %d votes classified", s2.Votes)
	}
	if got := b.CommonGround(); len(got) != 1 || got[0].TID != 0 {
		t.Errorf("common ground %v, want [0]", got)
	}
	d := b.Dividing("government", "civil_society")
	if len(d) != 1 || d[0].TID != 1 || d[0].A.Agreement != 0.9 || d[0].B.Agreement != 0.3 {
		t.Errorf("dividing governments from civil society: %+v", d)
	}
	if d := b.Dividing("government", "nobody"); d != nil {
		t.Errorf("unknown segment gives %v", d)
	}
}
