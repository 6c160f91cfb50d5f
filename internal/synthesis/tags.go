package synthesis

import (
	"cmp"
	"slices"

	"github.com/consulta/consulta/internal/synthesis/lexicon"
)

// minTagShare is the least share of a theme's sources that must mention an
// Action Line or SDG for the theme to be tagged with it: a passing mention
// by one source in a large theme is not what the theme is about.
const minTagShare = 0.2

// tagsOf are the Action Lines and SDGs a concept tags: itself when it is
// one, and its parents.
func (m *model) tagsOf(ci int32) []string {
	c := m.concepts[ci]
	out := slices.Clone(c.Parents)
	if c.Kind == lexicon.ActionLine || c.Kind == lexicon.SDG {
		out = append(out, c.ID)
	}
	return out
}

// tagOrder is the glossary's order of the Action Lines and SDGs (C1…C11,
// SDG1…SDG17), which breaks ties between equally frequent tags.
func (m *model) tagOrder(id string) int { return m.byID[id] }

// kindOf is the kind of the concept id.
func (m *model) kindOf(id string) lexicon.Kind { return m.concepts[m.byID[id]].Kind }

// unitTags adds the tags of corpus unit u to seen.
func (e *engine) unitTags(u int, seen map[string]bool) {
	for _, ci := range e.c.concepts(u) {
		for _, t := range e.m.tagsOf(ci) {
			seen[t] = true
		}
	}
}

// tagSources counts, per tag, the distinct sources among the given corpus
// units that mention it.
func (e *engine) tagSources(units []int) map[string]int {
	bySource := map[SourceRef]map[string]bool{}
	for _, u := range units {
		ref := e.c.docs[e.c.units[u].doc].Ref()
		if bySource[ref] == nil {
			bySource[ref] = map[string]bool{}
		}
		e.unitTags(u, bySource[ref])
	}
	out := map[string]int{}
	for _, tags := range bySource {
		for t := range tags {
			out[t]++
		}
	}
	return out
}

// actionLineSources is the question's row of the Action Line matrix.
func (e *engine) actionLineSources(lo, hi int) map[string]int {
	units := make([]int, 0, hi-lo)
	for u := lo; u < hi; u++ {
		units = append(units, u)
	}
	out := map[string]int{}
	for t, n := range e.tagSources(units) {
		if e.m.kindOf(t) == lexicon.ActionLine {
			out[t] = n
		}
	}
	return out
}

// themeTags are a theme's Action Lines and SDGs mentioned by at least
// minTagShare of its sources, most frequent first.
func (e *engine) themeTags(d *qdata, rows []int) (actionLines, sdgs []string) {
	units := make([]int, len(rows))
	sources := map[SourceRef]bool{}
	for p, r := range rows {
		units[p] = d.units[r]
		sources[e.c.docs[e.c.units[d.units[r]].doc].Ref()] = true
	}
	counts := e.tagSources(units)
	for t, n := range counts {
		if float64(n) < minTagShare*float64(len(sources)) {
			delete(counts, t)
		}
	}
	return e.splitTags(counts)
}

// splitTags orders tags by count, then glossary order, and splits them
// into Action Lines and SDGs.
func (e *engine) splitTags(counts map[string]int) (actionLines, sdgs []string) {
	tags := make([]string, 0, len(counts))
	for t := range counts {
		tags = append(tags, t)
	}
	slices.SortFunc(tags, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(e.m.tagOrder(a), e.m.tagOrder(b)))
	})
	actionLines, sdgs = []string{}, []string{}
	for _, t := range tags {
		if e.m.kindOf(t) == lexicon.SDG {
			sdgs = append(sdgs, t)
		} else {
			actionLines = append(actionLines, t)
		}
	}
	return actionLines, sdgs
}

// sourceTags lists every source analysed, by kind then id, with the tags
// of all its units, most mentioned first.
func (e *engine) sourceTags() []SourceTags {
	counts := map[SourceRef]map[string]int{}
	for u := range e.c.units {
		ref := e.c.docs[e.c.units[u].doc].Ref()
		if counts[ref] == nil {
			counts[ref] = map[string]int{}
		}
		seen := map[string]bool{}
		e.unitTags(u, seen)
		for t := range seen {
			counts[ref][t]++
		}
	}
	for _, d := range e.c.docs {
		if counts[d.Ref()] == nil {
			counts[d.Ref()] = map[string]int{} // a source with no unit
		}
	}
	out := make([]SourceTags, 0, len(counts))
	for ref, c := range counts {
		st := SourceTags{SourceKind: ref.Kind, SourceID: ref.ID}
		st.ActionLines, st.SDGs = e.splitTags(c)
		out = append(out, st)
	}
	slices.SortFunc(out, func(a, b SourceTags) int {
		return cmp.Or(cmp.Compare(a.SourceKind, b.SourceKind), cmp.Compare(a.SourceID, b.SourceID))
	})
	return out
}
