package synthesis

import (
	"fmt"
	"slices"
	"testing"
)

func sourcesOf(th Theme) []SourceRef {
	var out []SourceRef
	for _, m := range th.Members {
		ref := SourceRef{m.SourceKind, m.SourceID}
		if !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	return out
}

// themeWith is the theme holding source id.
func themeWith(t *testing.T, q QuestionThemes, id int64) Theme {
	t.Helper()
	for _, th := range q.Themes {
		if slices.Contains(sourcesOf(th), SourceRef{SourceInput, id}) {
			return th
		}
	}
	t.Fatalf("no theme holds input %d", id)
	return Theme{}
}

// moreTopicDocs are two more inputs on each topic of topicDocs.
func moreTopicDocs() []Doc {
	texts := []string{
		"Teachers and schools want digital skills training this year.", "Digital skills of teachers decide what schools can offer.",
		"Poor households drop mobile broadband when prices rise.", "Mobile broadband prices for poor households must fall.",
		"Human rights belong at the centre of artificial intelligence governance.", "Artificial intelligence governance must respect human rights.",
	}
	var docs []Doc
	for i, s := range texts {
		docs = append(docs, Doc{SourceKind: SourceInput, SourceID: int64(50 + i), QuestionID: 7, Lang: "en", Text: s,
			Group: testGroups[i%6], Region: testRegions[i%5], Quotable: true})
	}
	return docs
}

func TestCuration(t *testing.T) {
	docs := topicDocs()
	before := mustAnalyse(t, docs, Options{}).Questions[0]
	schools, prices, ai := themeWith(t, before, 1), themeWith(t, before, 7), themeWith(t, before, 13)
	// A member of the schools theme not quoted yet, to pin.
	var pin Quote
	for _, m := range schools.Members {
		q := Quote{Text: docs[m.SourceID-1].Text, SourceKind: SourceInput, SourceID: m.SourceID, Group: docs[m.SourceID-1].Group,
			Region: docs[m.SourceID-1].Region, Country: "CL", Lang: "en"}
		if docs[m.SourceID-1].Quotable && !slices.ContainsFunc(schools.Quotes, func(o Quote) bool { return o.Ref() == q.Ref() }) {
			pin = q
		}
	}
	if pin.Text == "" {
		t.Fatal("nothing to pin")
	}
	unquote := schools.Quotes[0]
	cur := Curation{
		Excluded: []SourceRef{{SourceInput, 99}},
		Edits: []Edit{
			{Op: EditRename, QuestionID: 7, Theme: schools.ID, Members: sourcesOf(schools), Label: "Teachers' digital skills"},
			{Op: EditMerge, QuestionID: 7, Theme: prices.ID, Members: sourcesOf(prices), Others: []string{ai.ID}, OthersMembers: [][]SourceRef{sourcesOf(ai)}},
			{Op: EditPin, QuestionID: 7, Theme: schools.ID, Members: sourcesOf(schools), Quote: &pin},
			{Op: EditUnquote, QuestionID: 7, Theme: schools.ID, Members: sourcesOf(schools), Quote: &unquote},
			{Op: EditRename, QuestionID: 7, Theme: "gone", Label: "Nothing"},
			{Op: EditRename, QuestionID: 8, Theme: schools.ID, Label: "Another question"},
		},
	}
	check := func(res *Result, extra int) {
		t.Helper()
		q := res.Questions[0]
		if len(q.Themes) != 2 {
			t.Fatalf("%d themes after the merge, want 2", len(q.Themes))
		}
		th := themeWith(t, q, 1)
		if th.Label != "Teachers' digital skills" || !th.Curated {
			t.Errorf("rename: %q curated %v", th.Label, th.Curated)
		}
		if !slices.Contains(th.Quotes, Quote{Text: pin.Text, SourceKind: pin.SourceKind, SourceID: pin.SourceID, Group: pin.Group,
			Region: pin.Region, Country: pin.Country, Lang: pin.Lang, Pinned: true}) {
			t.Errorf("pinned quote missing: %+v", th.Quotes)
		}
		for _, th := range q.Themes {
			for _, qu := range th.Quotes {
				if qu.Ref() == unquote.Ref() && qu.Text == unquote.Text {
					t.Errorf("unquoted quote chosen again in %s", th.ID)
				}
			}
		}
		merged := themeWith(t, q, 7)
		if merged.ID != prices.ID || themeWith(t, q, 13).ID != prices.ID || !merged.Curated || merged.Label != prices.Label {
			t.Errorf("merge: %s %q, want %s %q", merged.ID, merged.Label, prices.ID, prices.Label)
		}
		if res.Method.CurationSkipped != 1 {
			t.Errorf("%d edits skipped, want 1", res.Method.CurationSkipped)
		}
		if q.Sources != 18+extra || len(res.Sources) != 18+extra {
			t.Errorf("%d sources, want %d: input 99 is excluded", q.Sources, 18+extra)
		}
		checkQuotes(t, docs, res)
	}
	docs = append(docs, Doc{SourceKind: SourceInput, SourceID: 99, QuestionID: 7, Lang: "en", Quotable: true,
		Text: "Excluded: teachers in schools need digital skills, broadband prices and artificial intelligence rules."})
	check(mustAnalyse(t, docs, Options{Curation: cur}), 0)
	// New inputs arrive: the same edits still apply.
	docs = append(docs, moreTopicDocs()...)
	check(mustAnalyse(t, docs, Options{Curation: cur}), 6)
	// The theme IDs are gone (say the terms moved): the members find them.
	for i := range cur.Edits {
		cur.Edits[i].Theme = fmt.Sprint("old-", i)
		for j := range cur.Edits[i].Others {
			cur.Edits[i].Others[j] = "old"
		}
	}
	check(mustAnalyse(t, docs, Options{Curation: cur}), 6)
}

func TestCurationSplit(t *testing.T) {
	docs := topicDocs()
	before := mustAnalyse(t, docs, Options{}).Questions[0]
	prices, ai := themeWith(t, before, 7), themeWith(t, before, 13)
	cur := Curation{Edits: []Edit{
		{Op: EditMerge, QuestionID: 7, Theme: prices.ID, Others: []string{ai.ID}},
		{Op: EditSplit, QuestionID: 7, Theme: prices.ID},
	}}
	q := mustAnalyse(t, docs, Options{Curation: cur}).Questions[0]
	if len(q.Themes) != 3 {
		t.Fatalf("%d themes after merge and split, want 3", len(q.Themes))
	}
	a, b := themeWith(t, q, 7), themeWith(t, q, 13)
	if a.ID == b.ID || !a.Curated || !b.Curated {
		t.Errorf("split: %s and %s, curated %v %v", a.ID, b.ID, a.Curated, b.Curated)
	}
	for id := int64(8); id <= 12; id++ {
		if themeWith(t, q, id).ID != a.ID {
			t.Errorf("input %d left its topic in the split", id)
		}
	}
	// A rename of one of the split's parts, by the ID it got, applies.
	cur.Edits = append(cur.Edits, Edit{Op: EditRename, QuestionID: 7, Theme: b.ID, Label: "AI and rights"})
	q = mustAnalyse(t, docs, Options{Curation: cur}).Questions[0]
	if got := themeWith(t, q, 13).Label; got != "AI and rights" {
		t.Errorf("rename after split: %q", got)
	}
}
