package opinion

import (
	"cmp"
	"math"
	"slices"
)

// Parameters of representativeness and consensus, from Pol.is
// (docs/OPINIONS.md §4–5).
const (
	// z90 is the one-sided 90 % critical value of the standard normal.
	z90 = 1.2816
	// maxRepresentative statements are shown per group.
	maxRepresentative = 5
	// maxConsensus statements are shown per side (agree, disagree).
	maxConsensus = 5
)

// Counts are the votes on one statement within some set of participants.
type Counts struct {
	Agrees    int `json:"agrees"`
	Disagrees int `json:"disagrees"`
	Passes    int `json:"passes"`
}

// Seen is every vote cast, passes included (Pol.is's S).
func (c Counts) Seen() int { return c.Agrees + c.Disagrees + c.Passes }

func (c *Counts) add(v Vote) {
	switch v {
	case Agree:
		c.Agrees++
	case Disagree:
		c.Disagrees++
	default:
		c.Passes++
	}
}

// Minus is c without the votes of d (a subset of them).
func (c Counts) Minus(d Counts) Counts {
	return Counts{c.Agrees - d.Agrees, c.Disagrees - d.Disagrees, c.Passes - d.Passes}
}

// sum adds up counts.
func sum(cs []Counts) Counts {
	var t Counts
	for _, c := range cs {
		t.Agrees += c.Agrees
		t.Disagrees += c.Disagrees
		t.Passes += c.Passes
	}
	return t
}

// Share is the share of the votes on side (0 without votes).
func (c Counts) Share(side Vote) float64 {
	if c.Seen() == 0 {
		return 0
	}
	n := c.Agrees
	if side == Disagree {
		n = c.Disagrees
	}
	return float64(n) / float64(c.Seen())
}

// SmoothedShare is the share on side with one pseudo-vote each way,
// (n + 1) / (seen + 2), as repness and group-informed consensus use it.
func (c Counts) SmoothedShare(side Vote) float64 {
	if side == Disagree {
		return pSmoothed(c.Disagrees, c.Seen())
	}
	return pSmoothed(c.Agrees, c.Seen())
}

// pSmoothed is (n + 1) / (seen + 2): the share with one pseudo-vote each way.
func pSmoothed(n, seen int) float64 { return float64(n+1) / float64(seen+2) }

// propTest is Pol.is's test that a share exceeds one half:
// 2·sqrt(seen + 1)·((n + 1)/(seen + 1) − 0.5).
func propTest(n, seen int) float64 {
	return 2 * math.Sqrt(float64(seen+1)) * (float64(n+1)/float64(seen+1) - 0.5)
}

// twoPropTest is the two-proportion z-test of n1/seen1 against n2/seen2
// with one added to each of the four counts; 0 when the pooled share is
// 0 or 1 (no variance).
func twoPropTest(n1, seen1, n2, seen2 int) float64 {
	s1, t1 := float64(n1+1), float64(seen1+1)
	s2, t2 := float64(n2+1), float64(seen2+1)
	pooled := (s1 + s2) / (t1 + t2)
	if pooled >= 1 || pooled <= 0 {
		return 0
	}
	return (s1/t1 - s2/t2) / math.Sqrt(pooled*(1-pooled)*(1/t1+1/t2))
}

// Repness is how well a statement represents one group, for both sides.
type Repness struct {
	TID   int `json:"-"`
	Group int `json:"group"`
	// Side is the side the statement represents the group on: Agree when
	// RepnessTest(agree) > RepnessTest(disagree), else Disagree.
	Side Vote `json:"side"`
	// On Side: the group's smoothed share, its test, the ratio to the rest
	// of the participants and that ratio's test.
	P           float64 `json:"p"`
	PTest       float64 `json:"p_test"`
	Repness     float64 `json:"repness"`
	RepnessTest float64 `json:"repness_test"`
	// Qualifies: both tests pass the one-sided 90 % level on some side.
	Qualifies bool `json:"qualifies"`
	// Representative: among the group's top five shown statements.
	Representative bool   `json:"representative"`
	InGroup        Counts `json:"in_group"`
}

// Metric ranks representative statements: repness × its test × p × its test.
func (r Repness) Metric() float64 { return r.Repness * r.RepnessTest * r.P * r.PTest }

// repness scores a statement for a group from the votes in and outside it.
func repness(in, out Counts) Repness {
	ns, nso := in.Seen(), out.Seen()
	pa, pd := pSmoothed(in.Agrees, ns), pSmoothed(in.Disagrees, ns)
	pat, pdt := propTest(in.Agrees, ns), propTest(in.Disagrees, ns)
	ra := pa / pSmoothed(out.Agrees, nso)
	rd := pd / pSmoothed(out.Disagrees, nso)
	rat := twoPropTest(in.Agrees, ns, out.Agrees, nso)
	rdt := twoPropTest(in.Disagrees, ns, out.Disagrees, nso)
	r := Repness{InGroup: in,
		Qualifies: (rat > z90 && pat > z90) || (rdt > z90 && pdt > z90)}
	if rat > rdt {
		r.Side, r.P, r.PTest, r.Repness, r.RepnessTest = Agree, pa, pat, ra, rat
	} else {
		r.Side, r.P, r.PTest, r.Repness, r.RepnessTest = Disagree, pd, pdt, rd, rdt
	}
	return r
}

// selectRepresentative picks a group's representative statements from the
// qualifying ones: ranked by Metric, the best agree first, then the best
// others up to five, agrees before disagrees.
func selectRepresentative(cands []Repness) []Repness {
	q := slices.DeleteFunc(slices.Clone(cands), func(r Repness) bool { return !r.Qualifies })
	slices.SortStableFunc(q, func(a, b Repness) int {
		if c := cmp.Compare(b.Metric(), a.Metric()); c != 0 {
			return c
		}
		return cmp.Compare(a.TID, b.TID)
	})
	var out []Repness
	if i := slices.IndexFunc(q, func(r Repness) bool { return r.Side == Agree }); i >= 0 {
		out = append(out, q[i])
		q = slices.Delete(q, i, i+1)
	}
	for _, r := range q {
		if len(out) == maxRepresentative {
			break
		}
		out = append(out, r)
	}
	// Agrees before disagrees, the best agree staying first.
	slices.SortStableFunc(out[min(1, len(out)):], func(a, b Repness) int {
		return cmp.Compare(b.Side, a.Side)
	})
	return out
}

// Consensual is a statement most participants agree (or disagree) with.
type Consensual struct {
	TID   int     `json:"id"`
	P     float64 `json:"p"`
	PTest float64 `json:"p_test"`
}

// consensus picks, over all participants in the conversation, the
// statements with a smoothed share above one half on a side whose test
// passes the one-sided 90 % level, ranked by p × test: five per side.
func consensus(tids []int, total []Counts, rejected []bool) (agree, disagree []Consensual) {
	for j, c := range total {
		if rejected[j] {
			continue
		}
		ns := c.Seen()
		if pa, t := pSmoothed(c.Agrees, ns), propTest(c.Agrees, ns); pa > 0.5 && t > z90 {
			agree = append(agree, Consensual{tids[j], pa, t})
		}
		if pd, t := pSmoothed(c.Disagrees, ns), propTest(c.Disagrees, ns); pd > 0.5 && t > z90 {
			disagree = append(disagree, Consensual{tids[j], pd, t})
		}
	}
	rank := func(s []Consensual) []Consensual {
		slices.SortStableFunc(s, func(a, b Consensual) int { return cmp.Compare(b.P*b.PTest, a.P*a.PTest) })
		return s[:min(len(s), maxConsensus)]
	}
	return rank(agree), rank(disagree)
}

// groupInformedConsensus is the product over groups of (A_g + 1)/(S_g + 2):
// high only when every group agrees.
func groupInformedConsensus(byGroup []Counts) float64 {
	p := 1.0
	for _, c := range byGroup {
		p *= c.SmoothedShare(Agree)
	}
	return p
}
