package report

import (
	"testing"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/synthesis"
)

// curationReport is a generated report with two themes on question 1.
func curationReport() *Report {
	q := Question{ID: 1, QuestionThemes: synthesis.QuestionThemes{QuestionID: 1, Themes: []synthesis.Theme{
		{ID: "a", Label: "Connectivity", Members: []synthesis.Member{{SourceKind: "input", SourceID: 1}, {SourceKind: "input", SourceID: 2}},
			Quotes: []synthesis.Quote{{Text: "Rural schools need meaningful connectivity.", SourceKind: "input", SourceID: 1}}},
		{ID: "b", Label: "Financing", Members: []synthesis.Member{{SourceKind: "input", SourceID: 3}}},
	}}}
	return &Report{Questions: []Question{q}, Sources: []Source{{Kind: "input", ID: 1}, {Kind: "input", ID: 2}, {Kind: "input", ID: 3}}}
}

// Each edit is checked against the last generated report; a refused one
// names its field and its catalog id; an accepted one is appended with the
// theme's members, so it finds the theme after the themes moved.
func TestCurate(t *testing.T) {
	r := curationReport()
	for _, tc := range []struct {
		name  string
		f     EditForm
		field string // "" = accepted
		code  string
	}{
		{"rename", EditForm{Op: "rename", QuestionID: 1, Theme: "a", Label: "  Meaningful connectivity "}, "", ""},
		{"rename to nothing", EditForm{Op: "rename", QuestionID: 1, Theme: "a", Label: " "}, "label", "adminreport.error.label_required"},
		{"unknown theme", EditForm{Op: "rename", QuestionID: 1, Theme: "zz", Label: "X"}, "theme", "adminreport.error.theme_unknown"},
		{"theme of another question", EditForm{Op: "split", QuestionID: 2, Theme: "a"}, "theme", "adminreport.error.theme_unknown"},
		{"merge", EditForm{Op: "merge", QuestionID: 1, Theme: "a", Others: []string{"b", "a", "zz"}}, "", ""},
		{"merge with nothing", EditForm{Op: "merge", QuestionID: 1, Theme: "a", Others: []string{"a"}}, "others", "adminreport.error.others_required"},
		{"split", EditForm{Op: "split", QuestionID: 1, Theme: "b"}, "", ""},
		{"unquote", EditForm{Op: "unquote", QuestionID: 1, Theme: "a", Source: "input:1", QuoteText: "Rural schools need meaningful connectivity."}, "", ""},
		{"pin a member's sentence", EditForm{Op: "pin", QuestionID: 1, Theme: "a", Source: "input:2", QuoteText: "Affordability first."}, "", ""},
		{"pin a stranger", EditForm{Op: "pin", QuestionID: 1, Theme: "a", Source: "input:3", QuoteText: "Affordability first."}, "quote_text", "adminreport.error.quote_not_found"},
		{"pin nothing", EditForm{Op: "pin", QuestionID: 1, Theme: "a", Source: "input:2"}, "quote_text", "adminreport.error.quote_required"},
		{"exclude", EditForm{Op: "exclude", Source: "input:3"}, "", ""},
		{"exclude a stranger", EditForm{Op: "exclude", Source: "input:99"}, "source", "adminreport.error.source_unknown"},
		{"exclude garbage", EditForm{Op: "exclude", Source: "letter:1"}, "source", "adminreport.error.source_unknown"},
		{"unknown op", EditForm{Op: "delete", QuestionID: 1, Theme: "a"}, "op", "adminreport.error.op_unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Curate(synthesis.Curation{}, r, tc.f)
			if tc.field != "" {
				if got := errs.FieldsOf(err)[tc.field]; got != tc.code || !errs.Is(err, errs.Invalid) {
					t.Errorf("error %v (field %s: %q), want %q", err, tc.field, got, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.f.Op == OpExclude {
				if len(c.Excluded) != 1 || FormatRef(c.Excluded[0]) != tc.f.Source {
					t.Errorf("excluded %v", c.Excluded)
				}
				return
			}
			if len(c.Edits) != 1 || c.Edits[0].Op != tc.f.Op || len(c.Edits[0].Members) == 0 {
				t.Fatalf("edits %+v", c.Edits)
			}
			e := c.Edits[0]
			switch tc.f.Op {
			case "rename":
				if e.Label != "Meaningful connectivity" {
					t.Errorf("label %q", e.Label)
				}
			case "merge":
				if len(e.Others) != 1 || e.Others[0] != "b" || len(e.OthersMembers) != 1 {
					t.Errorf("merge %+v", e)
				}
			case "pin", "unquote":
				if e.Quote == nil || e.Quote.Text != tc.f.QuoteText || e.Quote.Pinned != (tc.f.Op == "pin") {
					t.Errorf("quote %+v", e.Quote)
				}
			}
		})
	}
	c, _ := Curate(synthesis.Curation{}, r, EditForm{Op: "split", QuestionID: 1, Theme: "a"})
	c, _ = Curate(c, r, EditForm{Op: "exclude", Source: "input:2"})
	if c = UndoLast(c); len(c.Edits) != 0 || len(c.Excluded) != 1 {
		t.Errorf("undo takes the last edit first: %+v", c)
	}
}
