package synthesis

import (
	"slices"
	"testing"
)

func TestClassifyFraming(t *testing.T) {
	for _, tc := range []struct {
		counts [3]int
		want   int
	}{
		{[3]int{0, 0, 0}, -1},
		{[3]int{2, 0, 0}, 0},
		{[3]int{1, 2, 0}, 1},
		{[3]int{1, 1, 0}, 1}, // a tie: failure beats success
		{[3]int{1, 1, 1}, 2}, // expectation beats both
		{[3]int{0, 2, 1}, 1}, // more failure cues than expectation
		{[3]int{3, 0, 2}, 0},
	} {
		if got := classifyFraming(tc.counts); got != tc.want {
			t.Errorf("classifyFraming(%v) = %d, want %d", tc.counts, got, tc.want)
		}
	}
}

// TestFramingAndTags: cue phrases classify units in English and Spanish;
// glossary matches tag sources, themes and the question's Action Line
// row, a topic's parents included.
func TestFramingAndTags(t *testing.T) {
	texts := []struct{ lang, text, framing string }{
		{"en", "Rural broadband coverage has improved a lot since the last review of broadband.", FramingSuccess},
		{"en", "Broadband networks in rural areas have expanded and broadband coverage has improved.", FramingSuccess},
		{"en", "Rural broadband remains too expensive for most families who want broadband.", FramingFailure},
		{"es", "Los gobiernos deben ampliar la banda ancha rural y la banda ancha móvil.", FramingExpectation},
		{"en", "Governments should extend rural broadband and fund broadband in villages.", FramingExpectation},
		{"en", "Rural broadband villages families coverage networks people.", ""},
	}
	var docs []Doc
	for i, tx := range texts {
		docs = append(docs, Doc{SourceKind: SourceInput, SourceID: int64(i + 1), QuestionID: 3, Lang: tx.lang, Text: tx.text,
			Group: testGroups[i%6], Region: testRegions[i%5], Quotable: true})
	}
	res := mustAnalyse(t, docs, Options{Lang: "en"})
	q := res.Questions[0]
	if len(q.Themes) != 1 {
		t.Fatalf("%d themes, want 1", len(q.Themes))
	}
	th := q.Themes[0]
	for _, m := range th.Members {
		if want := texts[m.SourceID-1].framing; m.Framing != want {
			t.Errorf("input %d: framing %q, want %q", m.SourceID, m.Framing, want)
		}
	}
	f := th.Framing
	if f.Successes.Count != 2 || f.Failures.Count != 1 || f.Expectations.Count != 2 ||
		len(f.Successes.Quotes) != 2 || len(f.Failures.Quotes) != 1 || len(f.Expectations.Quotes) != 2 {
		t.Errorf("framing %+v", f)
	}
	checkQuotes(t, docs, res)
	// Broadband is a topic of C2 (and SDG9): every source, the theme and
	// the question's row count it.
	if !slices.Contains(th.ActionLines, "C2") || !slices.Contains(th.SDGs, "SDG9") || th.ActionLines[0] != "C2" {
		t.Errorf("theme tags %v %v", th.ActionLines, th.SDGs)
	}
	if q.ActionLines["C2"] != 6 {
		t.Errorf("question row %v, want C2: 6", q.ActionLines)
	}
	for _, s := range res.Sources {
		if !slices.Contains(s.ActionLines, "C2") {
			t.Errorf("source %d tags %v", s.SourceID, s.ActionLines)
		}
	}
}

func TestSpread(t *testing.T) {
	qt := QuestionThemes{Groups: map[string]int{"a": 5, "b": 5, "c": 5}, Regions: map[string]int{"1": 8, "2": 7}}
	for _, tc := range []struct {
		groups, regions map[string]int
		want            string
	}{
		{map[string]int{"a": 2, "b": 1, "c": 1}, map[string]int{"1": 2, "2": 2}, "convergent"},
		{map[string]int{"a": 2, "b": 2}, map[string]int{"1": 2, "2": 2}, "convergent"}, // two groups of three
		{map[string]int{"a": 4}, map[string]int{"1": 2, "2": 2}, "particular"},
		{map[string]int{"a": 2, "b": 2}, map[string]int{"1": 4}, "particular"}, // one region
		{map[string]int{"a": 2}, map[string]int{"1": 1, "2": 1}, ""},           // too few sources
		{map[string]int{"a": 3, "b": 1}, map[string]int{"1": 3, "2": 1}, "convergent"},
		{map[string]int{"a": 9, "b": 1}, map[string]int{"1": 5, "2": 5}, "particular"}, // nine in ten
		{map[string]int{"a": 5, "b": 1}, map[string]int{"1": 6}, "particular"},
		{map[string]int{"a": 3, "b": 3}, map[string]int{"1": 6}, "particular"},
	} {
		if got := spread(tc.groups, tc.regions, qt); got != tc.want {
			t.Errorf("spread(%v, %v) = %q, want %q", tc.groups, tc.regions, got, tc.want)
		}
	}
	one := QuestionThemes{Groups: map[string]int{"a": 5}, Regions: map[string]int{}}
	if got := spread(map[string]int{"a": 5}, nil, one); got != "" {
		t.Errorf("a question of one group: %q", got)
	}
}

func TestOverlaps(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"artifici intellig", "govern of artifici", true},
		{"artifici intellig", "intellig govern", true},
		{"artifici intellig", "intellig", true},
		{"artifici intellig", "human right", false},
		{"digit divid", "digit skill", false},
	} {
		if got := overlaps(tc.a, tc.b); got != tc.want {
			t.Errorf("overlaps(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
