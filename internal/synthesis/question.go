package synthesis

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"
)

const (
	// minDocFreq is the fewest units of a question a feature must occur in
	// to count: a word seen once links no two units.
	minDocFreq = 2
	// conceptWeight multiplies the weight of a glossary concept's feature:
	// a match stands for a curated, often multi-word term (its words are
	// replaced by it), and it is the only feature a Spanish and an English
	// sentence on the same topic share, so it counts half again as much as
	// one stem.
	conceptWeight = 1.5
	// minThemeUnits is the fewest units a theme holds: fewer is an
	// anecdote, not a theme.
	minThemeUnits = 3
	// minThemeSources is the fewest distinct sources of a theme when the
	// question has more than one: a theme is something several said.
	minThemeSources = 2
	// minMemberCosine is the least cosine between a unit and its theme's
	// centroid for the unit to belong: below it the unit shares only a
	// stray, low-weight term with the theme and is left unthemed.
	minMemberCosine = 0.1
)

// qdata is one question's units as a matrix over the question's own
// features: row r is unit units[r] of the corpus, local feature f is
// corpus feature feats[f].
type qdata struct {
	q     questionRange
	x     *matrix
	units []int
	feats []int32
}

// weigh builds the question's TF-IDF matrix: sub-linear term frequency
// 1 + ln tf, smoothed idf ln((1 + N)/(1 + df)) + 1 over the question's N
// units, features below minDocFreq dropped, concept features times
// conceptWeight, rows L2-normalised; units left with no feature are not
// clustered.
func (c *corpus) weigh(q questionRange) *qdata {
	feats, idf := c.idf(q)
	local := make(map[int32]int32, len(feats))
	for i, f := range feats {
		local[f] = int32(i)
	}
	d := &qdata{q: q, x: &matrix{ptr: []int{0}, dim: len(feats)}, feats: feats}
	type entry struct {
		f int32
		v float64
	}
	var row []entry
	for u := q.unitLo; u < q.unitHi; u++ {
		ids, counts := c.row(u)
		row = row[:0]
		for p, f := range ids {
			if l, ok := local[f]; ok {
				row = append(row, entry{l, (1 + math.Log(float64(counts[p]))) * idf[l]})
			}
		}
		if len(row) == 0 {
			continue
		}
		slices.SortFunc(row, func(a, b entry) int { return cmp.Compare(a.f, b.f) })
		start := len(d.x.idx)
		for _, e := range row {
			d.x.idx = append(d.x.idx, e.f)
			d.x.val = append(d.x.val, e.v)
		}
		floats.Scale(1/floats.Norm(d.x.val[start:], 2), d.x.val[start:])
		d.x.ptr = append(d.x.ptr, len(d.x.idx))
		d.units = append(d.units, u)
	}
	return d
}

// idf lists the question's features found in at least minDocFreq of its
// units, by name (so that the question's matrix, its sums and its ties do
// not depend on the order other questions' texts gave the feature ids),
// with their smoothed idf (times conceptWeight for a concept).
func (c *corpus) idf(q questionRange) ([]int32, []float64) {
	df := map[int32]int{}
	for u := q.unitLo; u < q.unitHi; u++ {
		ids, _ := c.row(u)
		for _, f := range ids {
			df[f]++
		}
	}
	var feats []int32
	for f, n := range df {
		if n >= minDocFreq {
			feats = append(feats, f)
		}
	}
	slices.SortFunc(feats, func(a, b int32) int { return cmp.Compare(c.vocab[a], c.vocab[b]) })
	idf := make([]float64, len(feats))
	n := float64(q.unitHi - q.unitLo)
	for i, f := range feats {
		idf[i] = math.Log((1+n)/(1+float64(df[f]))) + 1
		if c.isConcept[f] {
			idf[i] *= conceptWeight
		}
	}
	return feats, idf
}

// cluster groups the question's rows into clusters (lists of rows) and
// returns them with the k chosen and its silhouette. Too few rows for two
// themes give one; too few for one give none.
func (e *engine) cluster(ctx context.Context, d *qdata) ([][]int, kChoice, error) {
	n := d.x.rows()
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	switch {
	case n < minThemeUnits:
		return nil, kChoice{}, nil
	case n < 2*minThemeUnits:
		return e.keepMembers(d, [][]int{all}), kChoice{k: 1}, nil
	}
	rng := rand.New(rand.NewPCG(seed, uint64(d.q.id)))
	choice, err := chooseK(ctx, d.x, sampleRows(n, rng), maxKFor(n))
	if err != nil {
		return nil, kChoice{}, err
	}
	assign, _, err := kmeans(ctx, d.x, all, choice.centroids)
	if err != nil {
		return nil, kChoice{}, err
	}
	if assign, err = refine(ctx, d.x, all, assign, choice.k); err != nil {
		return nil, kChoice{}, err
	}
	groups := make([][]int, choice.k)
	for r, j := range assign {
		groups[j] = append(groups[j], r)
	}
	return e.keepMembers(d, groups), choice, nil
}

// keepMembers applies the membership rules to clusters: a unit farther
// than minMemberCosine from its centroid leaves it; a cluster with fewer
// than minThemeUnits units or minThemeSources sources is dissolved and
// its units go to the nearest remaining theme if close enough. Clusters
// come back in a fixed order (by their first row).
func (e *engine) keepMembers(d *qdata, groups [][]int) [][]int {
	sources := e.questionSources(d.q)
	for {
		cs := centroidsOf(d.x, groups)
		var kept [][]int
		var loose []int
		for j, g := range groups {
			var in []int
			for _, r := range g {
				if cosineTo(d.x, r, cs.c[j]) >= minMemberCosine {
					in = append(in, r)
				}
			}
			if len(in) >= minThemeUnits && (sources < 2 || e.distinctSources(d, in) >= minThemeSources) {
				kept = append(kept, in)
			} else {
				loose = append(loose, g...)
			}
		}
		if len(kept) == len(groups) || len(kept) == 0 {
			slices.SortFunc(kept, func(a, b []int) int { return a[0] - b[0] })
			return kept
		}
		// Give the units of dissolved clusters to the nearest kept one,
		// then check the rules again.
		cs = centroidsOf(d.x, kept)
		scores := make([]float64, len(kept))
		for _, r := range loose {
			j, s := cs.nearest(d.x, r, scores)
			if s >= minMemberCosine {
				kept[j] = append(kept[j], r)
			}
		}
		for _, g := range kept {
			slices.Sort(g)
		}
		groups = kept
	}
}

// centroidsOf is the normalised mean of each group's rows.
func centroidsOf(x *matrix, groups [][]int) *centroids {
	cs := newCentroids(len(groups), x.dim)
	var rows, assign []int
	for j, g := range groups {
		for _, r := range g {
			rows = append(rows, r)
			assign = append(assign, j)
		}
	}
	cs.update(x, rows, assign)
	return cs
}

func cosineTo(x *matrix, r int, c []float64) float64 {
	idx, val := x.row(r)
	s := 0.0
	for p, f := range idx {
		s += val[p] * c[f]
	}
	return s
}

// distinctSources counts the sources of the given rows.
func (e *engine) distinctSources(d *qdata, rows []int) int {
	seen := map[SourceRef]bool{}
	for _, r := range rows {
		seen[e.c.docs[e.c.units[d.units[r]].doc].Ref()] = true
	}
	return len(seen)
}

// questionSources counts the question's distinct sources.
func (e *engine) questionSources(q questionRange) int {
	n := 0
	for i := q.docLo; i < q.docHi; i++ {
		if i == q.docLo || e.c.docs[i].Ref() != e.c.docs[i-1].Ref() {
			n++
		}
	}
	return n
}
