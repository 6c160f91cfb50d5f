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

// tagOrder is the glossary's order of the Action Lines and SDGs (C1…C11,
// SDG1…SDG17), which breaks ties between equally frequent tags.
func (m *model) tagOrder(id string) int { return m.byID[id] }

// kindOf is the kind of the concept id.
func (m *model) kindOf(id string) lexicon.Kind { return m.concepts[m.byID[id]].Kind }

// tagIndices are the concept indices of the Action Lines and SDGs corpus
// unit u mentions (with repeats).
func (e *engine) tagIndices(u int, out []int) []int {
	for _, ci := range e.c.concepts(u) {
		c := e.m.concepts[ci]
		if c.Kind == lexicon.ActionLine || c.Kind == lexicon.SDG {
			out = append(out, int(ci))
		}
		for _, p := range c.Parents {
			out = append(out, e.m.byID[p])
		}
	}
	return out
}

// sourceTag is one mention of a tag by a source's unit.
type sourceTag struct {
	doc int32 // the first doc of the source among those counted: a stand-in for the source
	tag int
}

// tagMentions lists, for the given corpus units, each (source, tag) pair
// once per unit, sorted: a flat list rather than a map per source, which
// a million sources could not afford.
func (e *engine) tagMentions(units []int) []sourceTag {
	var out []sourceTag
	var tags []int
	for _, u := range units {
		tags = e.tagIndices(u, tags[:0])
		slices.Sort(tags)
		src := e.sourceDoc(u)
		for _, t := range slices.Compact(tags) {
			out = append(out, sourceTag{src, t})
		}
	}
	slices.SortFunc(out, func(a, b sourceTag) int { return cmp.Or(cmp.Compare(a.doc, b.doc), cmp.Compare(a.tag, b.tag)) })
	return out
}

// sourceDoc names unit u's source by the index of its first doc.
func (e *engine) sourceDoc(u int) int32 {
	return e.c.sourceOf[e.c.units[u].doc]
}

// tagSources counts, per tag, the distinct sources among the given corpus
// units that mention it.
func (e *engine) tagSources(units []int) map[string]int {
	out := map[string]int{}
	m := e.tagMentions(units)
	for i, st := range m {
		if i == 0 || m[i-1] != st {
			out[e.m.concepts[st.tag].ID]++
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
	all := make([]int, len(e.c.units))
	for u := range all {
		all[u] = u
	}
	m := e.tagMentions(all)
	out := []SourceTags{}
	for i := 0; i < len(e.c.docs); i++ {
		if e.c.sourceOf[i] != int32(i) {
			continue // not the source's first doc
		}
		ref := e.c.docs[i].Ref()
		counts := map[string]int{}
		lo, _ := slices.BinarySearchFunc(m, int32(i), func(st sourceTag, d int32) int { return cmp.Compare(st.doc, d) })
		for j := lo; j < len(m) && m[j].doc == int32(i); j++ {
			counts[e.m.concepts[m[j].tag].ID]++
		}
		st := SourceTags{SourceKind: ref.Kind, SourceID: ref.ID}
		st.ActionLines, st.SDGs = e.splitTags(counts)
		out = append(out, st)
	}
	slices.SortFunc(out, func(a, b SourceTags) int {
		return cmp.Or(cmp.Compare(a.SourceKind, b.SourceKind), cmp.Compare(a.SourceID, b.SourceID))
	})
	return out
}
