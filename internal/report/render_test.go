package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/testutil/golden"
)

func render(t *testing.T, r *Report, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, format); err != nil {
		t.Fatalf("Render(%s): %v", format, err)
	}
	return buf.Bytes()
}

// TestGolden renders the fixture in every format, twice, and compares it
// with testdata/*.golden (go test ./internal/report -run TestGolden -update).
func TestGolden(t *testing.T) {
	for _, tc := range []struct{ lang, format string }{
		{"en", FormatHTML}, {"en", FormatMarkdown}, {"en", FormatJSON}, {"ar", FormatHTML}, {"ar", FormatMarkdown},
	} {
		t.Run(tc.lang+"."+tc.format, func(t *testing.T) {
			got := render(t, fixture(t, tc.lang), tc.format)
			if again := render(t, fixture(t, tc.lang), tc.format); !bytes.Equal(got, again) {
				t.Fatal("two renderings of the same report differ")
			}
			golden.Assert(t, "report."+tc.lang+Extension(tc.format), got)
		})
	}
}

// TestEveryWordFromTheCatalog checks that no output shows a catalog id
// (r.T gives the id back when Text lacks it) in any language, and that
// TextIDs lists no id the renderers do not read.
func TestEveryWordFromTheCatalog(t *testing.T) {
	for _, lang := range []string{"ar", "zh", "en", "fr", "ru", "es", "pt"} {
		r := fixture(t, lang)
		for id, s := range r.Text {
			if s == id {
				t.Errorf("%s: %q is not in the catalog", lang, id)
			}
		}
		for _, format := range []string{FormatHTML, FormatMarkdown} {
			out := string(render(t, r, format))
			for _, id := range TextIDs() {
				if strings.Contains(out, id+"\"") || strings.Contains(out, id+"<") || strings.Contains(out, "{"+strings.TrimPrefix(id, "report.")) {
					t.Errorf("%s %s shows the id %q", lang, format, id)
				}
			}
			if i := strings.Index(out, "report."); i >= 0 {
				t.Errorf("%s %s shows an id: %q", lang, format, out[i:min(len(out), i+40)])
			}
		}
	}
}

// TestChineseReport checks a report in Chinese: its own words, the quote
// in Chinese, and charts drawn with keys (the chart font has no Han).
func TestChineseReport(t *testing.T) {
	r := fixture(t, "zh")
	out := string(render(t, r, FormatHTML))
	for _, want := range []string{`<html lang="zh" dir="ltr">`, r.T("report.participation.heading"),
		"人工智能治理需要发展中国家的能力建设与平等参与。", `<th scope="col">` + r.T("report.participation.key") + `</th>`} {
		if !strings.Contains(out, want) {
			t.Errorf("the Chinese report lacks %q", want)
		}
	}
	if strings.Contains(out, "&lt;no value&gt;") {
		t.Error("a message was executed without its data")
	}
}

// TestJSONHoldsTheIssuesKeys decodes the JSON and finds the keys issue 14
// promises to API clients.
func TestJSONHoldsTheIssuesKeys(t *testing.T) {
	out := render(t, fixture(t, "en"), FormatJSON)
	if !bytes.HasSuffix(out, []byte("}\n")) {
		t.Error("the JSON does not end in a newline")
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"review", "questions", "participation"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q", k)
		}
	}
	q := m["questions"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "text", "themes"} {
		if _, ok := q[k]; !ok {
			t.Errorf("no questions[0].%s", k)
		}
	}
	theme := q["themes"].([]any)[0].(map[string]any)
	for _, k := range []string{"label", "size", "groups", "quotes"} {
		if _, ok := theme[k]; !ok {
			t.Errorf("no themes[0].%s", k)
		}
	}
	if _, ok := theme["groups"].(map[string]any); !ok {
		t.Error("themes[0].groups is not an object")
	}
	quote := theme["quotes"].([]any)[0].(map[string]any)
	for _, k := range []string{"text", "source_id", "source_kind"} {
		if _, ok := quote[k]; !ok {
			t.Errorf("no quotes[0].%s", k)
		}
	}
	if quote["source_kind"] != "input" {
		t.Errorf("source_kind = %v", quote["source_kind"])
	}
}

func TestFormats(t *testing.T) {
	for _, f := range Formats() {
		if ContentType(f) == "" || Extension(f) == "" {
			t.Errorf("%s has no content type or extension", f)
		}
	}
	if err := Render(&bytes.Buffer{}, fixture(t, "en"), "pdf"); err == nil {
		t.Error("an unknown format rendered")
	}
}

// TestHTMLStructure checks what the accessibility rules need and a golden
// file would not say: one h1, headings that never skip a level, every id
// once, every table with a caption and scoped headers, every chart named.
func TestHTMLStructure(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		out := string(render(t, fixture(t, lang), FormatHTML))
		if n := strings.Count(out, "<h1"); n != 1 {
			t.Errorf("%s: %d h1", lang, n)
		}
		level := 1
		for _, m := range regexp.MustCompile(`<h([1-6])`).FindAllStringSubmatch(out, -1) {
			l := int(m[1][0] - '0')
			if l > level+1 {
				t.Errorf("%s: h%d after h%d", lang, l, level)
			}
			level = l
		}
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(out, -1) {
			if seen[m[1]] || strings.ContainsAny(m[1], " \t") {
				t.Errorf("%s: id %q twice or with a space", lang, m[1])
			}
			seen[m[1]] = true
		}
		if strings.Count(out, "<table") != strings.Count(out, "<caption>") {
			t.Errorf("%s: a table without a caption", lang)
		}
		if strings.Contains(out, "<th>") || strings.Contains(out, "<script") || strings.Contains(out, "src=") {
			t.Errorf("%s: a th without scope, a script or an external resource", lang)
		}
		if strings.Count(out, "<svg") != strings.Count(out, `role="img" aria-labelledby=`) {
			t.Errorf("%s: a chart without role and name", lang)
		}
	}
	if out := string(render(t, fixture(t, "ar"), FormatHTML)); !strings.Contains(out, `<html lang="ar" dir="rtl">`) {
		t.Error("the Arabic report is not right to left")
	}
}

// TestTextIDsAreRead checks that every id TextIDs lists is read by the
// renderers (written out in the package's code), so the pipeline fills
// nothing for nothing.
func TestTextIDsAreRead(t *testing.T) {
	var code strings.Builder
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if f == "text.go" { // leave the list itself out
			start := bytes.Index(data, []byte("func TextIDs"))
			end := start + bytes.Index(data[start:], []byte("\n}\n"))
			data = append(data[:start:start], data[end:]...)
		}
		code.Write(data)
	}
	for _, id := range TextIDs() {
		if !strings.Contains(code.String(), `"`+id+`"`) && !strings.HasPrefix(id, "month.") {
			t.Errorf("TextIDs lists %q, which no renderer reads", id)
		}
	}
}

// TestEveryQuoteCited counts the fixture's quotes (representative and
// framing) and finds one note for each in HTML and Markdown, each saying
// its source, consultation, group and country, and a name only where the
// source may be named.
func TestEveryQuoteCited(t *testing.T) {
	r := fixture(t, "en")
	quotes := 0
	for _, q := range r.Questions {
		for _, th := range q.Themes {
			quotes += len(th.Quotes) + len(th.Framing.Successes.Quotes) + len(th.Framing.Failures.Quotes) + len(th.Framing.Expectations.Quotes)
		}
	}
	html, md := string(render(t, r, FormatHTML)), string(render(t, r, FormatMarkdown))
	if n := strings.Count(html, `<li id="note-`); n != quotes {
		t.Errorf("HTML has %d notes for %d quotes", n, quotes)
	}
	if n := strings.Count(html, `class="ref"`); n != quotes {
		t.Errorf("HTML has %d note references for %d quotes", n, quotes)
	}
	if n := regexp.MustCompile(`(?m)^\[\^\d+\]: `).FindAllStringIndex(md, -1); len(n) != quotes {
		t.Errorf("Markdown has %d footnotes for %d quotes", len(n), quotes)
	}
	note1 := html[strings.Index(html, `<li id="note-1">`):]
	note1 = note1[:strings.Index(note1, "</li>")]
	for _, want := range []string{`href="https://consulta.example/inputs/101"`, "Written input 101",
		"Regional consultation for Latin America and the Caribbean", "Civil society", "Chile", "Asociación Latinoamericana de Internet"} {
		if !strings.Contains(note1, want) {
			t.Errorf("note 1 lacks %q: %s", want, note1)
		}
	}
	note2 := html[strings.Index(html, `<li id="note-2">`):]
	note2 = note2[:strings.Index(note2, "</li>")]
	if !strings.HasSuffix(strings.TrimSpace(note2[:strings.Index(note2, " <a class=\"back\"")]), "Argentina.") {
		t.Errorf("note 2 (a source not named) ends with more than its country: %s", note2)
	}
}

// TestSparseReports renders a report with nothing in it and one whose
// figures are all zero: every format still writes.
func TestSparseReports(t *testing.T) {
	empty := &Report{Lang: "en", Text: fixture(t, "en").Text}
	zero := fixture(t, "fr")
	for i := range zero.Participation.Total.ByGroup {
		zero.Participation.Total.ByGroup[i] = Breakdown{Key: zero.Participation.Total.ByGroup[i].Key}
	}
	zero.Method.NPMI = 0
	for _, r := range []*Report{empty, zero} {
		for _, f := range Formats() {
			if len(render(t, r, f)) == 0 {
				t.Errorf("%s: nothing written", f)
			}
		}
	}
}
