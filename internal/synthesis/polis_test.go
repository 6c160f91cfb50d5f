package synthesis

import (
	"context"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/polis"
	"github.com/consulta/consulta/internal/testutil/polisdata"
)

// testGroups and testRegions are given to the statements' authors in
// turn, so each conversation has every group and region.
var (
	testGroups  = []string{"government", "private-sector", "civil-society", "technical", "academic", "international"}
	testRegions = []string{"002", "009", "019", "142", "150"}
)

// polisDocs are a conversation's statements as the inputs of one
// question: the group and region from the author id, one statement in
// seven not quotable.
func polisDocs(t *testing.T, name string) []Doc {
	t.Helper()
	e, err := polis.Read(polisdata.Dir(t, name))
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]Doc, 0, len(e.Comments))
	for _, c := range e.Comments {
		a := max(c.AuthorID, 0)
		docs = append(docs, Doc{SourceKind: SourceInput, SourceID: int64(c.ID), QuestionID: 1, Lang: "en", Text: c.Body,
			Group: testGroups[a%len(testGroups)], Region: testRegions[(a/len(testGroups))%len(testRegions)],
			Quotable: c.ID%7 != 3})
	}
	return docs
}

// TestPolis analyses the four real conversations: most statements in a
// theme, no theme holding more than half, labels made of members' words,
// quotes verbatim.
func TestPolis(t *testing.T) {
	for _, name := range polisdata.Conversations {
		t.Run(name, func(t *testing.T) {
			docs := polisDocs(t, name)
			res, err := Analyse(context.Background(), docs, Options{Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			q := res.Questions[0]
			m := res.Method
			largest := 0
			for _, th := range q.Themes {
				largest = max(largest, th.Sources)
			}
			t.Logf("%s: %d statements, %d units (%d unthemed), k:silhouette %s, themes %d, largest %.3f, npmi %.3f, in theme %.3f, cited %.3f, terms %d",
				name, len(docs), q.Units, q.Unthemed, m.Parameters["k_silhouette"], len(q.Themes), float64(largest)/float64(q.Sources),
				m.NPMI, m.ShareInTheme, m.ShareCited, m.Terms)
			for _, th := range q.Themes {
				t.Logf("  %-40q size %3d sources %3d %-10s %v", th.Label, th.Size, th.Sources, th.Spread, th.KeyPhrases)
			}
			if m.ShareInTheme < 0.7 {
				t.Errorf("%.2f of the statements in a theme, want at least 0.70", m.ShareInTheme)
			}
			for _, th := range q.Themes {
				if th.Sources*2 > q.Sources {
					t.Errorf("theme %q holds %d of %d statements", th.Label, th.Sources, q.Sources)
				}
			}
			checkLabels(t, docs, q)
			checkQuotes(t, docs, res)
		})
	}
}

// checkLabels checks that every word of every label and key phrase
// occurs in the text of one of the theme's members.
func checkLabels(t *testing.T, docs []Doc, q QuestionThemes) {
	t.Helper()
	text := map[SourceRef]string{}
	for _, d := range docs {
		text[d.Ref()] += strings.ToLower(d.Text) + "\n"
	}
	for _, th := range q.Themes {
		var members strings.Builder
		for _, m := range th.Members {
			members.WriteString(text[SourceRef{m.SourceKind, m.SourceID}])
		}
		all := members.String()
		if th.Label == "" {
			t.Errorf("theme %s has no label", th.ID)
		}
		for _, phrase := range append([]string{th.Label}, th.KeyPhrases...) {
			for _, w := range strings.FieldsFunc(strings.ToLower(phrase), func(r rune) bool { return r == ' ' || r == ',' }) {
				if !strings.Contains(all, w) {
					t.Errorf("theme %s: %q of %q occurs in no member", th.ID, w, phrase)
				}
			}
		}
	}
}

// checkQuotes checks that every quote is verbatim in its source, and its
// source quotable.
func checkQuotes(t *testing.T, docs []Doc, res *Result) {
	t.Helper()
	bySource := map[SourceRef][]Doc{}
	for _, d := range docs {
		bySource[d.Ref()] = append(bySource[d.Ref()], d)
	}
	check := func(q Quote) {
		found := false
		for _, d := range bySource[q.Ref()] {
			if !d.Quotable {
				t.Errorf("quote from a non-quotable source %v: %q", q.Ref(), q.Text)
			}
			found = found || strings.Contains(d.Text, q.Text)
		}
		if !found || q.Text == "" {
			t.Errorf("quote %q is not in its source %v", q.Text, q.Ref())
		}
	}
	for _, qt := range res.Questions {
		for _, th := range qt.Themes {
			for _, q := range th.Quotes {
				check(q)
			}
			for _, qs := range [][]Quote{th.Framing.Successes.Quotes, th.Framing.Failures.Quotes, th.Framing.Expectations.Quotes} {
				for _, q := range qs {
					check(q)
				}
			}
		}
	}
}
