package synthesis

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// topicDocs are English inputs on three topics, one sentence pair each,
// with groups and regions in turn.
func topicDocs() []Doc {
	topics := [][]string{
		{"Rural schools need teachers trained in digital skills.", "Teachers in rural schools lack training in digital skills.",
			"Digital skills training for teachers must reach every school.", "Schools and teachers ask for digital skills courses.",
			"Without trained teachers, schools cannot teach digital skills.", "Teacher training in digital skills should be free for schools."},
		{"Mobile broadband prices remain too high for poor households.", "High prices for mobile broadband exclude poor households.",
			"Poor households cannot afford the price of mobile broadband.", "Regulators should lower mobile broadband prices for households.",
			"The price of mobile broadband keeps poor households offline.", "Households pay high prices for slow mobile broadband."},
		{"Artificial intelligence governance needs human rights safeguards.", "Human rights must guide the governance of artificial intelligence.",
			"Governance of artificial intelligence lacks human rights oversight.", "Artificial intelligence rules should protect human rights.",
			"Human rights impact assessments for artificial intelligence governance.", "Artificial intelligence governance without human rights fails people."},
	}
	var docs []Doc
	id := int64(1)
	for _, sentences := range topics {
		for _, s := range sentences {
			docs = append(docs, Doc{SourceKind: SourceInput, SourceID: id, QuestionID: 7, Lang: "en", Text: s,
				Group: testGroups[id%3], Region: testRegions[id%2], Country: "CL", Quotable: id%4 != 0})
			id++
		}
	}
	return docs
}

func mustAnalyse(t *testing.T, docs []Doc, opt Options) *Result {
	t.Helper()
	res, err := Analyse(context.Background(), docs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// themeOf maps each source to the theme holding it.
func themeOf(q QuestionThemes) map[int64]string {
	out := map[int64]string{}
	for _, th := range q.Themes {
		for _, m := range th.Members {
			out[m.SourceID] = th.ID
		}
	}
	return out
}

func TestTopicsRecovered(t *testing.T) {
	res := mustAnalyse(t, topicDocs(), Options{})
	q := res.Questions[0]
	if len(q.Themes) != 3 {
		t.Fatalf("%d themes, want 3: %+v", len(q.Themes), q.Themes)
	}
	of := themeOf(q)
	for topic := range 3 {
		first := of[int64(topic*6+1)]
		for i := 2; i <= 6; i++ {
			if got := of[int64(topic*6+i)]; got != first {
				t.Errorf("topic %d: input %d in %q, input %d in %q", topic, topic*6+1, first, topic*6+i, got)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	docs := append(topicDocs(), polisDocs(t, "brexit-consensus")...)
	want := mustAnalyse(t, docs, Options{Lang: "en"})
	wantJSON, _ := json.Marshal(want)
	for i := range 3 {
		shuffled := slices.Clone(docs)
		rand.New(rand.NewPCG(uint64(i), 9)).Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		got := mustAnalyse(t, shuffled, Options{Lang: "en"})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d differs", i)
		}
		gotJSON, _ := json.Marshal(got)
		if !bytes.Equal(gotJSON, wantJSON) {
			t.Fatalf("run %d: JSON differs", i)
		}
	}
}

func TestAcrossLanguages(t *testing.T) {
	docs := topicDocs()
	docs = append(docs,
		Doc{SourceKind: SourceInput, SourceID: 100, QuestionID: 7, Lang: "es", Text: "La brecha digital sigue creciendo en las zonas rurales de América Latina.", Group: "government", Region: "019", Quotable: true},
		Doc{SourceKind: SourceInput, SourceID: 101, QuestionID: 7, Lang: "en", Text: "The digital divide keeps growing between cities and the countryside.", Group: "civil-society", Region: "150", Quotable: true},
		Doc{SourceKind: SourceInput, SourceID: 102, QuestionID: 7, Lang: "en", Text: "Closing the digital divide must be the first priority of the review.", Group: "academic", Region: "142", Quotable: true},
		Doc{SourceKind: SourceInput, SourceID: 103, QuestionID: 7, Lang: "es", Text: "Cerrar la brecha digital requiere inversión pública sostenida.", Group: "technical", Region: "019", Quotable: true},
	)
	res := mustAnalyse(t, docs, Options{Lang: "en"})
	of := themeOf(res.Questions[0])
	if of[100] == "" || of[100] != of[101] || of[101] != of[102] || of[102] != of[103] {
		t.Fatalf("brecha digital and digital divide in different themes: %v", of)
	}
	for _, th := range res.Questions[0].Themes {
		if th.ID == of[100] && th.NonEnglish != 2 {
			t.Errorf("theme %s: %d non-English sources, want 2", th.ID, th.NonEnglish)
		}
	}
}

func TestNonQuotableNeverQuoted(t *testing.T) {
	docs := topicDocs()
	for i := range docs {
		docs[i].Quotable = i%2 == 0
	}
	res := mustAnalyse(t, docs, Options{})
	checkQuotes(t, docs, res)
	quoted := 0
	for _, th := range res.Questions[0].Themes {
		quoted += len(th.Quotes)
		if len(th.Quotes) < 2 {
			t.Errorf("theme %s: %d quotes, want two or three", th.ID, len(th.Quotes))
		}
	}
	if quoted == 0 {
		t.Fatal("nothing quoted")
	}
}

// TestQuotesCoverGroups: the three quotes of a theme come from three
// groups when the theme has three.
func TestQuotesCoverGroups(t *testing.T) {
	res := mustAnalyse(t, topicDocs(), Options{})
	for _, th := range res.Questions[0].Themes {
		groups := map[string]bool{}
		for _, q := range th.Quotes {
			groups[q.Group] = true
		}
		if len(groups) != len(th.Quotes) || len(th.Quotes) != 3 {
			t.Errorf("theme %s: quotes %+v", th.ID, th.Quotes)
		}
	}
}

// TestZ checks the two-proportion test against a computation by hand: 8
// of a theme's 10 sources from a group that has 12 of the question's 40,
// so 4 of the other 30. Shares with the pseudo-count: 9/12 = 0.75 and
// 5/32 = 0.15625; pooled 14/44; variance 14/44 · 30/44 · (1/12 + 1/32)
// = 0.024858; z = 0.59375 / 0.157664 = 3.7659.
func TestZ(t *testing.T) {
	pooled := 14.0 / 44
	want := (0.75 - 0.15625) / math.Sqrt(pooled*(1-pooled)*(1.0/12+1.0/32))
	if got := twoProportionZ(8, 10, 4, 30); math.Abs(got-want) > 1e-12 || math.Abs(got-3.7659) > 1e-4 {
		t.Fatalf("z = %v, want %v (≈ 3.7659)", got, want)
	}
	s := share(8, 10, 12, 40)
	if !s.Over || s.Under || s.Share != 0.8 || s.N != 8 || s.Of != 12 {
		t.Fatalf("share = %+v", s)
	}
	if s := share(0, 10, 12, 40); !s.Under || s.Over {
		t.Fatalf("share of an absent group = %+v, want under-represented", s)
	}
	if s := share(1, 1, 1, 2); s.Over || s.Under {
		t.Fatalf("a one-source theme is significant: %+v", s)
	}
}

func TestTooLittleText(t *testing.T) {
	for _, docs := range [][]Doc{
		nil,
		{{SourceKind: SourceInput, SourceID: 1, QuestionID: 1, Lang: "en", Text: "Yes.", Quotable: true}},
		{{SourceKind: SourceInput, SourceID: 1, QuestionID: 1, Lang: "en", Text: "Broadband prices are far too high here.", Quotable: true},
			{SourceKind: SourceInput, SourceID: 2, QuestionID: 1, Lang: "en", Text: "Broadband prices should come down.", Quotable: true}},
		{{SourceKind: SourceInput, SourceID: 1, QuestionID: 1, Lang: "en", Text: "", Quotable: true}},
	} {
		res := mustAnalyse(t, docs, Options{})
		if res.Questions == nil || res.Sources == nil {
			t.Errorf("%d docs: nil lists in %+v", len(docs), res)
		}
		for _, q := range res.Questions {
			if len(q.Themes) > 1 {
				t.Errorf("%d docs: %d themes", len(docs), len(q.Themes))
			}
		}
	}
}

func TestProgressAndCancel(t *testing.T) {
	docs := topicDocs()
	for i := range docs {
		docs[i].QuestionID = int64(i % 2)
	}
	var calls [][2]int
	mustAnalyse(t, docs, Options{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if !reflect.DeepEqual(calls, [][2]int{{1, 2}, {2, 2}}) {
		t.Fatalf("progress calls %v", calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyse(ctx, docs, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err = %v", err)
	}
}

func TestMethodFilled(t *testing.T) {
	res := mustAnalyse(t, topicDocs(), Options{})
	m := res.Method
	if m.Algorithm == "" || m.Unit == "" || m.KRule == "" || m.MaxK < 2 || m.SpreadRule == "" || m.ZThreshold != 1.96 ||
		m.Glossary == 0 || m.Documents != 18 || m.Sources != 18 || m.Units != 18 || m.Terms == 0 || m.Themes != 3 ||
		m.NPMI == 0 || m.ShareCited == 0 || m.ShareInTheme != 1 || len(m.Parameters) < 10 {
		t.Fatalf("method %+v", m)
	}
	if len(res.Sources) != 18 || !strings.HasPrefix(res.Sources[0].SourceKind, "input") || res.Sources[0].SourceID != 1 {
		t.Fatalf("sources %+v", res.Sources[:1])
	}
}

// TestLabelLanguage: a theme with members in Options.Lang is labelled
// from them; else from its most common language.
func TestLabelLanguage(t *testing.T) {
	var docs []Doc
	for i, s := range []string{"La brecha digital rural sigue creciendo en América Latina.", "Cerrar la brecha digital rural requiere inversión pública.",
		"La brecha digital rural deja fuera a millones de personas.", "The rural digital divide keeps growing between cities and villages."} {
		lang := "es"
		if i == 3 {
			lang = "en"
		}
		docs = append(docs, Doc{SourceKind: SourceInput, SourceID: int64(100 + i), QuestionID: 9, Lang: lang, Text: s, Group: testGroups[i], Quotable: true})
	}
	spanish := strings.ToLower(docs[0].Text + docs[1].Text + docs[2].Text)
	for _, tc := range []struct{ lang, members string }{
		{"es", spanish}, {"fr", spanish}, // fr: no member in French, Spanish is the most common
		{"en", strings.ToLower(docs[3].Text)},
	} {
		res := mustAnalyse(t, docs, Options{Lang: tc.lang})
		th := themeWith(t, res.Questions[0], 100)
		if th.Label == "" {
			t.Errorf("Lang %s: no label", tc.lang)
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(th.Label), func(r rune) bool { return r == ' ' || r == ',' }) {
			if !strings.Contains(tc.members, w) {
				t.Errorf("Lang %s: label %q: %q is not in the members it should come from", tc.lang, th.Label, w)
			}
		}
	}
}

// TestThemeIDs: unique within a question; and the question's whole
// result, IDs included, is the same when another question's inputs are
// added.
func TestThemeIDs(t *testing.T) {
	docs := topicDocs()
	before := mustAnalyse(t, docs, Options{}).Questions[0]
	seen := map[string]bool{}
	for _, th := range before.Themes {
		if th.ID == "" || seen[th.ID] {
			t.Fatalf("theme ID %q empty or repeated", th.ID)
		}
		seen[th.ID] = true
	}
	more := polisDocs(t, "brexit-consensus") // question 1
	after := mustAnalyse(t, append(docs, more...), Options{})
	if len(after.Questions) != 2 || after.Questions[1].QuestionID != 7 {
		t.Fatalf("questions %d", len(after.Questions))
	}
	if !reflect.DeepEqual(after.Questions[1], before) {
		t.Errorf("question 7 changed when question 1 was added")
		for i, th := range after.Questions[1].Themes {
			t.Logf("theme %d: %s %q, was %s %q", i, th.ID, th.Label, before.Themes[i].ID, before.Themes[i].Label)
		}
	}
}

// TestOneSource: a question answered by one long input still has themes
// (the two-source minimum applies only when several answered).
func TestOneSource(t *testing.T) {
	var text strings.Builder
	for _, d := range topicDocs() {
		text.WriteString(d.Text + " ")
	}
	res := mustAnalyse(t, []Doc{{SourceKind: SourceIntervention, SourceID: 5, QuestionID: 2, Lang: "en", Text: text.String(), Group: "government", Quotable: true}}, Options{})
	q := res.Questions[0]
	if q.Units != 18 || len(q.Themes) < 2 {
		t.Fatalf("%d units, %d themes", q.Units, len(q.Themes))
	}
	for _, th := range q.Themes {
		if len(th.Quotes) != 1 || th.Sources != 1 {
			t.Errorf("theme %s: %d quotes, %d sources", th.ID, len(th.Quotes), th.Sources)
		}
	}
	checkQuotes(t, []Doc{{SourceKind: SourceIntervention, SourceID: 5, Text: text.String(), Quotable: true}}, res)
}
