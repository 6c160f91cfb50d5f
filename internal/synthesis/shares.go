package synthesis

import "math"

const (
	// zThreshold is the two-sided 5 % significance of a z statistic.
	zThreshold = 1.96
	// convergentShare is the part of the question's stakeholder groups, and
	// of its regions, a theme must reach to be convergent: two thirds is
	// "most", as the issue words it, and leaves room for one group in three
	// to be silent on it.
	convergentShare = 2.0 / 3
	// particularShare is the part of a theme's sources from one group (or
	// region) that makes it particular: "(nearly) all", with one source in
	// ten allowed from elsewhere.
	particularShare = 0.9
	// minSpreadSources is the fewest sources a theme needs to be called
	// convergent or particular: with two, any split is chance.
	minSpreadSources = 3
)

// spreadRule states Theme.Spread for the method annex.
const spreadRule = "A theme is particular when at least nine in ten of its sources come from one stakeholder group, or from one region, of a question answered by two or more; otherwise it is convergent when its sources come from at least two thirds of the stakeholder groups that answered the question and, when the question has two regions or more, from at least two thirds of its regions. Either needs at least three sources."

// twoProportionZ tests the share n1/t1 (the theme's sources of a group)
// against n2/t2 (the rest of the question's sources) with Pol.is's
// pseudo-count, each share taken as (n + 1)/(t + 2) so that tiny groups
// do not give huge statistics; the pooled share is (n1 + n2 + 2)/(t1 + t2
// + 4). It is 0 when the pooled share leaves no variance.
func twoProportionZ(n1, t1, n2, t2 int) float64 {
	p1 := float64(n1+1) / float64(t1+2)
	p2 := float64(n2+1) / float64(t2+2)
	pooled := float64(n1+n2+2) / float64(t1+t2+4)
	v := pooled * (1 - pooled) * (1/float64(t1+2) + 1/float64(t2+2))
	if v <= 0 {
		return 0
	}
	return (p1 - p2) / math.Sqrt(v)
}

// share is one group's part of a theme of t sources in a question of q
// sources, of which of belong to the group.
func share(n, t, of, q int) Share {
	s := Share{N: n, Of: of, Z: twoProportionZ(n, t, of-n, q-t)}
	if t > 0 {
		s.Share = float64(n) / float64(t)
	}
	s.Over, s.Under = s.Z > zThreshold, s.Z < -zThreshold
	return s
}

// fillSources sets a theme's source counts, languages, shares and spread.
func (e *engine) fillSources(d *qdata, rows []int, t *Theme, qt QuestionThemes) {
	type src struct{ group, region string }
	type srcLang struct {
		ref  SourceRef
		lang string
	}
	sources := map[SourceRef]src{}
	langs := map[srcLang]bool{}
	nonEnglish := map[SourceRef]bool{}
	for _, r := range rows {
		doc := e.c.docs[e.c.units[d.units[r]].doc]
		if _, ok := sources[doc.Ref()]; !ok {
			sources[doc.Ref()] = src{doc.Group, doc.Region}
		}
		langs[srcLang{doc.Ref(), doc.Lang}] = true
		if doc.Lang != "en" {
			nonEnglish[doc.Ref()] = true
		}
	}
	t.Sources, t.NonEnglish = len(sources), len(nonEnglish)
	t.Languages = map[string]int{}
	for sl := range langs {
		t.Languages[sl.lang]++
	}
	groups, regions := map[string]int{}, map[string]int{}
	for _, s := range sources {
		if s.group != "" {
			groups[s.group]++
		}
		if s.region != "" {
			regions[s.region]++
		}
	}
	t.Groups, t.Regions = shares(groups, qt.Groups, t.Sources, qt.Sources), shares(regions, qt.Regions, t.Sources, qt.Sources)
	t.GroupsCovered, t.RegionsCovered = len(groups), len(regions)
	t.Spread = spread(groups, regions, qt)
}

func shares(in, of map[string]int, t, q int) map[string]Share {
	out := make(map[string]Share, len(of))
	for g, n := range of {
		out[g] = share(in[g], t, n, q)
	}
	return out
}

// spread applies spreadRule.
func spread(groups, regions map[string]int, qt QuestionThemes) string {
	particular := func(in map[string]int, of int) bool {
		total, most := 0, 0
		for _, n := range in {
			total += n
			most = max(most, n)
		}
		return of >= 2 && total >= minSpreadSources && float64(most) >= particularShare*float64(total)
	}
	if particular(groups, len(qt.Groups)) || particular(regions, len(qt.Regions)) {
		return "particular"
	}
	total := 0
	for _, n := range groups {
		total += n
	}
	covers := func(in map[string]int, of int) bool {
		return float64(len(in)) >= convergentShare*float64(of)
	}
	if total >= minSpreadSources && len(qt.Groups) >= 2 && covers(groups, len(qt.Groups)) &&
		(len(qt.Regions) < 2 || covers(regions, len(qt.Regions))) {
		return "convergent"
	}
	return ""
}
