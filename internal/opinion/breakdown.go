package opinion

import (
	"cmp"
	"math"
	"slices"
)

// Thresholds of the breakdown by stakeholder group or region — what
// Pol.is does not do. They follow thresholds already published for this
// kind of analysis (docs/OPINIONS.md §7).
const (
	// CommonGroundShare: a statement is common ground when at least this
	// share of the votes in every counted segment agree with it.
	CommonGroundShare = 0.6
	// DivergenceGap: two segments are divided on a statement when their
	// shares of agreement differ by at least this much.
	DivergenceGap = 0.3
	// MinStatementVotes: statements with fewer votes are shown but not
	// classified.
	MinStatementVotes = 20
	// MinSegmentVotes: a segment with fewer votes on a statement is shown
	// but not counted (a handful of votes says little about a group).
	MinSegmentVotes = 5
)

// Share is a segment's figures on one statement.
type Share struct {
	Segment string `json:"segment"`
	Counts
	// Agreement is agrees / all votes, passes included; Disagreement likewise.
	Agreement    float64 `json:"agreement"`
	Disagreement float64 `json:"disagreement"`
	// Counted: the segment has at least MinSegmentVotes votes here.
	Counted bool `json:"counted"`
}

// SegmentedStatement is one statement broken down by segment.
type SegmentedStatement struct {
	TID    int     `json:"id"`
	Votes  int     `json:"votes"`
	Shares []Share `json:"segments"`
	// CommonGround: enough votes, at least two segments counted, and every
	// counted segment agrees at CommonGroundShare or more.
	CommonGround bool `json:"common_ground"`
	// Divergent: enough votes, not common ground, and two counted
	// segments' agreement differs by DivergenceGap or more (when every
	// segment agrees, a gap is a difference of degree, not a division).
	// Apart names the pair furthest apart.
	Divergent bool      `json:"divergent"`
	Gap       float64   `json:"gap"`
	Apart     [2]string `json:"apart"`
}

// Breakdown is a conversation's statements broken down by segment
// (stakeholder group, M49 region…).
type Breakdown struct {
	Segments   []string             `json:"segments"`
	Statements []SegmentedStatement `json:"statements"`
}

// BreakDown counts the votes by segment. segmentOf maps a participant to
// their segment ("" or absent: not counted in any segment); segments
// gives the order to show them in. Rejected statements are left out.
func BreakDown(statements []StatementRef, votes []Cast, segmentOf map[int]string, segments []string) *Breakdown {
	index := make(map[string]int, len(segments))
	for i, s := range segments {
		index[s] = i
	}
	tids := make(map[int]int)
	b := &Breakdown{Segments: segments}
	st := slices.Clone(statements)
	slices.SortFunc(st, func(a, b StatementRef) int { return cmp.Compare(a.TID, b.TID) })
	for _, s := range st {
		if s.Rejected {
			continue
		}
		if _, dup := tids[s.TID]; dup {
			continue
		}
		tids[s.TID] = len(b.Statements)
		shares := make([]Share, len(segments))
		for i, seg := range segments {
			shares[i].Segment = seg
		}
		b.Statements = append(b.Statements, SegmentedStatement{TID: s.TID, Shares: shares})
	}
	for _, v := range votes {
		j, ok := tids[int(v.TID)]
		if !ok {
			continue
		}
		s := &b.Statements[j]
		s.Votes++
		if g, ok := index[segmentOf[int(v.PID)]]; ok {
			s.Shares[g].add(v.Vote)
		}
	}
	for j := range b.Statements {
		b.Statements[j].classify()
	}
	return b
}

func (s *SegmentedStatement) classify() {
	lo, hi := math.Inf(1), math.Inf(-1)
	counted, allAgree := 0, true
	for i := range s.Shares {
		sh := &s.Shares[i]
		if n := sh.Seen(); n > 0 {
			sh.Agreement = float64(sh.Agrees) / float64(n)
			sh.Disagreement = float64(sh.Disagrees) / float64(n)
		}
		if sh.Seen() < MinSegmentVotes {
			continue
		}
		sh.Counted = true
		counted++
		if sh.Agreement < CommonGroundShare-1e-12 {
			allAgree = false
		}
		if sh.Agreement < lo {
			lo, s.Apart[0] = sh.Agreement, sh.Segment
		}
		if sh.Agreement > hi {
			hi, s.Apart[1] = sh.Agreement, sh.Segment
		}
	}
	if counted < 2 {
		s.Apart = [2]string{}
		return
	}
	s.Gap = hi - lo
	enough := s.Votes >= MinStatementVotes
	s.CommonGround = enough && allAgree
	s.Divergent = enough && !s.CommonGround && s.Gap >= DivergenceGap-1e-12
}

// CommonGround lists the statements every segment agrees with, most
// agreed first (by the least agreeing segment's share).
func (b *Breakdown) CommonGround() []SegmentedStatement {
	var out []SegmentedStatement
	for _, s := range b.Statements {
		if s.CommonGround {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y SegmentedStatement) int {
		return cmp.Compare(minAgreement(y), minAgreement(x))
	})
	return out
}

func minAgreement(s SegmentedStatement) float64 {
	m := 1.0
	for _, sh := range s.Shares {
		if sh.Counted {
			m = min(m, sh.Agreement)
		}
	}
	return m
}

// Dividing lists the statements, other than common ground, on which
// segments a and b differ by at least DivergenceGap, widest gap first.
func (b *Breakdown) Dividing(a, c string) []Divide {
	ia, ic := slices.Index(b.Segments, a), slices.Index(b.Segments, c)
	if ia < 0 || ic < 0 {
		return nil
	}
	var out []Divide
	for _, s := range b.Statements {
		x, y := s.Shares[ia], s.Shares[ic]
		if s.Votes < MinStatementVotes || s.CommonGround || !x.Counted || !y.Counted {
			continue
		}
		if gap := math.Abs(x.Agreement - y.Agreement); gap >= DivergenceGap-1e-12 {
			out = append(out, Divide{TID: s.TID, A: x, B: y, Gap: gap})
		}
	}
	slices.SortStableFunc(out, func(p, q Divide) int { return cmp.Compare(q.Gap, p.Gap) })
	return out
}

// Divide is a statement that divides two segments.
type Divide struct {
	TID  int     `json:"id"`
	A, B Share   `json:"-"`
	Gap  float64 `json:"gap"`
}
