package synthesis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// draft is a theme before its figures: its rows (ascending) in the
// question's matrix, and what curation set.
type draft struct {
	rows    []int
	id      string
	label   string // set by a rename or kept by a merge; "" computes it
	curated bool
	pins    []Quote
}

// idTerms is how many of a theme's heaviest features name it: three tell
// themes apart and still hold when a few units come or go.
const idTerms = 3

// themeID names a theme by the idTerms heaviest features of its centroid
// (concepts by their glossary id), sorted and joined by "_", so the ID
// holds across computations as long as the theme's core terms do.
func (e *engine) themeID(d *qdata, centroid []float64) string {
	top := topFeatures(centroid, idTerms, e.featureName(d))
	names := make([]string, len(top))
	for i, f := range top {
		names[i] = strings.TrimPrefix(e.c.vocab[d.feats[f]], conceptPrefix)
	}
	slices.Sort(names)
	return strings.Join(names, "_")
}

// featureName names the question's local features, to break ties by name:
// ids follow the order features were first seen in, which other
// questions' texts change.
func (e *engine) featureName(d *qdata) func(int) string {
	return func(f int) string { return e.c.vocab[d.feats[f]] }
}

// topFeatures are the n heaviest positive features of c, heaviest first,
// by name on a tie.
func topFeatures(c []float64, n int, name func(int) string) []int {
	var idx []int
	for f, v := range c {
		if v > 0 {
			idx = append(idx, f)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Or(cmp.Compare(c[b], c[a]), cmp.Compare(name(a), name(b))) })
	return idx[:min(n, len(idx))]
}

// assignIDs gives each draft without one its ID, made unique within the
// question by a suffix "~2", "~3"… in the drafts' order.
func (e *engine) assignIDs(d *qdata, drafts []draft) []draft {
	cs := centroidsOf(d.x, rowsOf(drafts))
	used := map[string]bool{}
	for _, dr := range drafts {
		if dr.id != "" {
			used[dr.id] = true
		}
	}
	for j := range drafts {
		if drafts[j].id != "" {
			continue
		}
		base := e.themeID(d, cs.c[j])
		id := base
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s~%d", base, n)
		}
		used[id] = true
		drafts[j].id = id
	}
	return drafts
}

func rowsOf(drafts []draft) [][]int {
	out := make([][]int, len(drafts))
	for j, dr := range drafts {
		out[j] = dr.rows
	}
	return out
}

// questionFigures counts a question's units, sources, and sources by
// group and region.
func (e *engine) questionFigures(q questionRange) QuestionThemes {
	qt := QuestionThemes{QuestionID: q.id, Units: q.unitHi - q.unitLo, Groups: map[string]int{}, Regions: map[string]int{},
		Themes: []Theme{}, ActionLines: map[string]int{}}
	for i := q.docLo; i < q.docHi; i++ {
		d := e.c.docs[i]
		if i > q.docLo && d.Ref() == e.c.docs[i-1].Ref() {
			continue
		}
		qt.Sources++
		if d.Group != "" {
			qt.Groups[d.Group]++
		}
		if d.Region != "" {
			qt.Regions[d.Region]++
		}
	}
	for id, n := range e.actionLineSources(q.unitLo, q.unitHi) {
		qt.ActionLines[id] = n
	}
	return qt
}

// finalize turns the drafts into themes, largest first, then by ID.
func (e *engine) finalize(d *qdata, drafts []draft, qt QuestionThemes) []Theme {
	cs := centroidsOf(d.x, rowsOf(drafts))
	labels := e.labels(d, drafts, cs)
	e.stats.coherence = append(e.stats.coherence, themeNPMI(d.x, rowsOf(drafts), cs, e.featureName(d))...)
	themes := make([]Theme, len(drafts))
	for j, dr := range drafts {
		t := Theme{ID: dr.id, Label: labels[j].label, KeyPhrases: labels[j].phrases, Size: len(dr.rows), Curated: dr.curated}
		if dr.label != "" {
			t.Label = dr.label
		}
		cos := make([]float64, len(dr.rows))
		for p, r := range dr.rows {
			cos[p] = cosineTo(d.x, r, cs.c[j])
		}
		e.fillSources(d, dr.rows, &t, qt)
		t.Quotes = e.quotes(d, dr, cos)
		t.Framing = e.framing(d, dr.rows, cos)
		t.ActionLines, t.SDGs = e.themeTags(d, dr.rows)
		t.Members = e.members(d, dr.rows)
		themes[j] = t
	}
	slices.SortStableFunc(themes, func(a, b Theme) int { return cmp.Or(cmp.Compare(b.Size, a.Size), cmp.Compare(a.ID, b.ID)) })
	return themes
}

// members lists a theme's units by source, then unit.
func (e *engine) members(d *qdata, rows []int) []Member {
	out := make([]Member, len(rows))
	for p, r := range rows {
		u := e.c.units[d.units[r]]
		doc := e.c.docs[u.doc]
		m := Member{SourceKind: doc.SourceKind, SourceID: doc.SourceID, Unit: int(u.seq)}
		if u.framing >= 0 {
			m.Framing = framingName(int(u.framing))
		}
		out[p] = m
	}
	slices.SortFunc(out, func(a, b Member) int {
		return cmp.Or(cmp.Compare(a.SourceKind, b.SourceKind), cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(a.Unit, b.Unit))
	})
	return out
}
