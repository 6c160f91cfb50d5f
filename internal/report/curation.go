package report

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/synthesis"
)

// The edits the secretariat makes on the last generated report, each
// checked against it and appended to the review's curation, which every
// later generation re-applies in order (synthesis.Options.Curation). An
// edit names its theme by ID and by the sources it held, so that it finds
// the theme again after new inputs moved the themes.

// OpExclude leaves a source out of the analysis altogether
// (synthesis.Curation.Excluded); the other ops are synthesis.Edit's.
const OpExclude = "exclude"

// maxLabel bounds a theme's new label, in characters.
const maxLabel = 120

// EditForm is one edit as the admin page's forms send it.
type EditForm struct {
	Op         string
	QuestionID int64
	Theme      string
	Label      string   // rename
	Others     []string // merge
	Source     string   // pin, unquote, exclude: "input:12" or "intervention:3"
	QuoteText  string   // pin, unquote
}

// Curate checks f against r (the last generated report) and returns c
// with the edit appended. Errors name each form field with a catalog id.
func Curate(c synthesis.Curation, r *Report, f EditForm) (synthesis.Curation, error) {
	c = cloneCuration(c)
	if f.Op == OpExclude {
		ref, ok := ParseRef(f.Source)
		if !ok || !r.hasSource(ref) {
			return c, errs.InvalidFields(map[string]string{"source": "adminreport.error.source_unknown"})
		}
		if !slices.Contains(c.Excluded, ref) {
			c.Excluded = append(c.Excluded, ref)
		}
		return c, nil
	}
	q, t := r.theme(f.QuestionID, f.Theme)
	if t == nil {
		return c, errs.InvalidFields(map[string]string{"theme": "adminreport.error.theme_unknown"})
	}
	e := synthesis.Edit{Op: f.Op, QuestionID: q.ID, Theme: t.ID, Members: members(t)}
	bad := map[string]string{}
	switch f.Op {
	case synthesis.EditRename:
		e.Label = strings.TrimSpace(f.Label)
		switch n := utf8.RuneCountInString(e.Label); {
		case n == 0:
			bad["label"] = "adminreport.error.label_required"
		case n > maxLabel:
			bad["label"] = "adminreport.error.label_too_long"
		}
	case synthesis.EditMerge:
		for _, id := range f.Others {
			_, o := r.theme(q.ID, id)
			if o == nil || o.ID == t.ID {
				continue
			}
			e.Others, e.OthersMembers = append(e.Others, o.ID), append(e.OthersMembers, members(o))
		}
		if len(e.Others) == 0 {
			bad["others"] = "adminreport.error.others_required"
		}
	case synthesis.EditSplit:
	case synthesis.EditPin, synthesis.EditUnquote:
		quote, code := findQuote(r, t, f)
		if code != "" {
			bad["quote_text"] = code
		}
		e.Quote = quote
	default:
		bad["op"] = "adminreport.error.op_unknown"
	}
	if len(bad) > 0 {
		return c, errs.InvalidFields(bad)
	}
	c.Edits = append(c.Edits, e)
	return c, nil
}

// findQuote is the quote an edit pins or removes: one of the theme's own
// quotes for either, or, to pin, a sentence of one of its members typed
// in full — it must occur verbatim in what that member's source says in
// the report (one of its quotes anywhere), or in one the engine
// quoted; the engine re-checks it against the source's text.
func findQuote(r *Report, t *synthesis.Theme, f EditForm) (*synthesis.Quote, string) {
	ref, ok := ParseRef(f.Source)
	text := strings.TrimSpace(f.QuoteText)
	if !ok || text == "" {
		return nil, "adminreport.error.quote_required"
	}
	for _, list := range quoteLists(r) {
		for _, q := range list {
			if q.Ref() == ref && strings.Contains(q.Text, text) {
				pinned := q
				pinned.Text, pinned.Pinned = text, f.Op == synthesis.EditPin
				return &pinned, ""
			}
		}
	}
	if f.Op == synthesis.EditPin && slices.Contains(members(t), ref) && r.quotable(ref) {
		return &synthesis.Quote{Text: text, SourceKind: ref.Kind, SourceID: ref.ID, Pinned: true}, ""
	}
	return nil, "adminreport.error.quote_not_found"
}

// quotable reports whether ref is a source the report may cite: one of
// its Sources (only quotable sources are).
func (r *Report) quotable(ref synthesis.SourceRef) bool {
	for _, s := range r.Sources {
		if s.Kind == ref.Kind && s.ID == ref.ID {
			return true
		}
	}
	return false
}

// hasSource reports whether some theme of r holds ref.
func (r *Report) hasSource(ref synthesis.SourceRef) bool {
	for _, q := range r.Questions {
		for i := range q.Themes {
			if slices.Contains(members(&q.Themes[i]), ref) {
				return true
			}
		}
	}
	return r.quotable(ref)
}

// theme finds a theme of r by question and ID.
func (r *Report) theme(questionID int64, id string) (*Question, *synthesis.Theme) {
	for i := range r.Questions {
		q := &r.Questions[i]
		if q.ID != questionID {
			continue
		}
		for j := range q.Themes {
			if q.Themes[j].ID == id {
				return q, &q.Themes[j]
			}
		}
	}
	return nil, nil
}

// members are the distinct sources of a theme, in order.
func members(t *synthesis.Theme) []synthesis.SourceRef {
	var out []synthesis.SourceRef
	for _, m := range t.Members {
		ref := synthesis.SourceRef{Kind: m.SourceKind, ID: m.SourceID}
		if !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	return out
}

// ParseRef reads "input:12" or "intervention:3".
func ParseRef(s string) (synthesis.SourceRef, bool) {
	kind, id, ok := strings.Cut(s, ":")
	if !ok || (kind != synthesis.SourceInput && kind != synthesis.SourceIntervention) {
		return synthesis.SourceRef{}, false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	return synthesis.SourceRef{Kind: kind, ID: n}, err == nil && n > 0
}

// FormatRef writes a source as ParseRef reads it.
func FormatRef(ref synthesis.SourceRef) string { return ref.Kind + ":" + strconv.FormatInt(ref.ID, 10) }

// UndoLast removes the last edit (or, with none, the last exclusion).
func UndoLast(c synthesis.Curation) synthesis.Curation {
	c = cloneCuration(c)
	switch {
	case len(c.Edits) > 0:
		c.Edits = c.Edits[:len(c.Edits)-1]
	case len(c.Excluded) > 0:
		c.Excluded = c.Excluded[:len(c.Excluded)-1]
	}
	return c
}

func cloneCuration(c synthesis.Curation) synthesis.Curation {
	return synthesis.Curation{Excluded: slices.Clone(c.Excluded), Edits: slices.Clone(c.Edits)}
}

// Redact removes from r every quote and source not in public, and every
// organization not in orgs.
func Redact(r *Report, public map[synthesis.SourceRef]bool, orgs []string) {
	keep := func(list []synthesis.Quote) []synthesis.Quote {
		return slices.DeleteFunc(list, func(q synthesis.Quote) bool { return !public[q.Ref()] })
	}
	for i := range r.Questions {
		for j := range r.Questions[i].Themes {
			t := &r.Questions[i].Themes[j]
			t.Quotes = keep(t.Quotes)
			t.Framing.Successes.Quotes = keep(t.Framing.Successes.Quotes)
			t.Framing.Failures.Quotes = keep(t.Framing.Failures.Quotes)
			t.Framing.Expectations.Quotes = keep(t.Framing.Expectations.Quotes)
		}
	}
	r.Sources = slices.DeleteFunc(r.Sources, func(s Source) bool { return !public[synthesis.SourceRef{Kind: s.Kind, ID: s.ID}] })
	r.SourceTags = slices.DeleteFunc(r.SourceTags, func(t synthesis.SourceTags) bool {
		return !public[synthesis.SourceRef{Kind: t.SourceKind, ID: t.SourceID}]
	})
	r.Organizations = slices.DeleteFunc(r.Organizations, func(o string) bool { return !slices.Contains(orgs, o) })
}
