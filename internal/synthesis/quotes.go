package synthesis

import (
	"cmp"
	"slices"
	"strings"
)

const (
	// maxQuotes is the most quotes a theme gets: the issue asks for two or
	// three, and three cover three groups.
	maxQuotes = 3
	// maxFramingQuotes is the most quotes of each framing per theme.
	maxFramingQuotes = 2
)

// candidates are a theme's rows by closeness to its centroid (the
// earlier unit on a tie), keeping only units of quotable sources that
// were not removed by the secretariat and pass keep.
func (e *engine) candidates(d *qdata, rows []int, cos []float64, keep func(unitRec) bool) []int {
	var out []int
	for p, r := range rows {
		u := e.c.units[d.units[r]]
		doc := e.c.docs[u.doc]
		if !doc.Quotable || e.unquoted[quoteKey{doc.Ref(), e.c.unitText(d.units[r])}] || !keep(u) {
			continue
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Or(cmp.Compare(cos[b], cos[a]), cmp.Compare(rows[a], rows[b])) })
	return out
}

func (e *engine) quoteOf(unit int) Quote {
	u := e.c.units[unit]
	doc := e.c.docs[u.doc]
	return Quote{Text: e.c.unitText(unit), SourceKind: doc.SourceKind, SourceID: doc.SourceID,
		Group: doc.Group, Region: doc.Region, Country: doc.Country, Lang: doc.Lang}
}

// quotes picks a theme's quotes: the pinned ones whose text still occurs
// in their source, then, greedily, the unit closest to the centroid from
// a stakeholder group not yet quoted, else from a region not yet quoted,
// else from a source not yet quoted, up to maxQuotes.
func (e *engine) quotes(d *qdata, dr draft, cos []float64) []Quote {
	out := []Quote{}
	for _, pin := range dr.pins {
		if len(out) < maxQuotes && e.stillQuotable(pin) && !slices.ContainsFunc(out, func(q Quote) bool { return q == pin }) {
			out = append(out, pin)
		}
	}
	cands := e.candidates(d, dr.rows, cos, func(unitRec) bool { return true })
	used := make([]bool, len(cands))
	covered := func(q Quote, field func(Quote) string) bool {
		return slices.ContainsFunc(out, func(o Quote) bool { return field(o) == field(q) })
	}
	rules := []func(Quote) bool{
		func(q Quote) bool { return !covered(q, func(o Quote) string { return o.Group }) },
		func(q Quote) bool { return !covered(q, func(o Quote) string { return o.Region }) },
		func(Quote) bool { return true },
	}
	for len(out) < maxQuotes {
		picked := false
		for _, rule := range rules {
			for i, p := range cands {
				q := e.quoteOf(d.units[dr.rows[p]])
				if used[i] || slices.ContainsFunc(out, func(o Quote) bool { return o.Ref() == q.Ref() }) || !rule(q) {
					continue
				}
				out, used[i], picked = append(out, q), true, true
				break
			}
			if picked {
				break
			}
		}
		if !picked {
			break
		}
	}
	return out
}

// stillQuotable tells a pinned quote whose source is still analysed,
// quotable, and holds its text.
func (e *engine) stillQuotable(q Quote) bool {
	for _, doc := range e.c.docs {
		if doc.Ref() == q.Ref() && doc.Quotable && q.Text != "" && strings.Contains(doc.Text, q.Text) {
			return true
		}
	}
	return false
}

// framing counts a theme's units by framing, each with the units closest
// to the centroid as quotes, from different sources.
func (e *engine) framing(d *qdata, rows []int, cos []float64) Framing {
	var parts [3]FramingPart
	for fi := range parts {
		parts[fi].Quotes = []Quote{}
		for _, r := range rows {
			if int(e.c.units[d.units[r]].framing) == fi {
				parts[fi].Count++
			}
		}
		for _, p := range e.candidates(d, rows, cos, func(u unitRec) bool { return int(u.framing) == fi }) {
			q := e.quoteOf(d.units[rows[p]])
			if len(parts[fi].Quotes) == maxFramingQuotes {
				break
			}
			if !slices.ContainsFunc(parts[fi].Quotes, func(o Quote) bool { return o.Ref() == q.Ref() }) {
				parts[fi].Quotes = append(parts[fi].Quotes, q)
			}
		}
	}
	return Framing{Successes: parts[0], Failures: parts[1], Expectations: parts[2]}
}
