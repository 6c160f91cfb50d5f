package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// consulta report writes each format of the demo review's report to a
// file, JSON to standard output without --out, the same bytes for the same
// data, and refuses bad flags with a clear message.
func TestReportCommand(t *testing.T) {
	t.Parallel()
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			env := engineEnv(t, engine)
			dir := t.TempDir()
			for _, format := range report.Formats() {
				path := filepath.Join(dir, "report."+format)
				if out, code := run(t, env, "report", "--review", "wsis20", "--format", format, "--out", path); code != 0 {
					t.Fatalf("report --format %s: %s", format, out)
				}
				if fi, err := os.Stat(path); err != nil || fi.Size() < 200 {
					t.Errorf("report.%s: %v, %d bytes", format, err, fi.Size())
				}
			}
			out, code := run(t, env, "report", "--review", "wsis20", "--format", "json", "--lang", "fr")
			if code != 0 {
				t.Fatalf("report to stdout: %s", out)
			}
			var r map[string]any
			if err := json.Unmarshal([]byte(out), &r); err != nil || r["lang"] != "fr" {
				t.Errorf("stdout is not the French report's JSON (%v): %.300s", err, out)
			}
			recognisable(t, env)
			again, _ := run(t, env, "report", "--review", "wsis20", "--format", "json", "--lang", "fr")
			if again != out {
				t.Error("the same data gave two different reports")
			}
			for _, bad := range []struct {
				args []string
				want string
			}{
				{[]string{"report", "--format", "html"}, "usage: consulta report"},
				{[]string{"report", "--review", "wsis20", "--format", "pdf"}, `unknown format "pdf"`},
				{[]string{"report", "--review", "wsis20", "--format", "md", "--lang", "de"}, `unknown language "de"`},
				{[]string{"report", "--review", "nope", "--format", "md"}, `review "nope"`},
			} {
				if out, code := run(t, env, bad.args...); code == 0 || !strings.Contains(out, bad.want) {
					t.Errorf("%v: %d %s", bad.args, code, out)
				}
			}
		})
	}
}

// recognisable: the demo's 200 inputs run on recurring themes
// (connectivity, the IGF, data governance, financing, AI); the English
// report's theme labels name them in words a person would recognise.
func recognisable(t *testing.T, env map[string]string) {
	t.Helper()
	out, code := run(t, env, "report", "--review", "wsis20", "--format", "json")
	if code != 0 {
		t.Fatalf("report: %s", out)
	}
	r, err := report.Decode([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, q := range r.Questions {
		for _, th := range q.Themes {
			labels = append(labels, strings.ToLower(th.Label))
		}
	}
	all := strings.Join(labels, " | ")
	for _, words := range [][]string{{"connectivity"}, {"igf", "internet governance forum"}, {"data governance"},
		{"fund", "financ"}, {"artificial intelligence", "intelligence artificielle", " ai "}} {
		found := false
		for _, w := range words {
			found = found || strings.Contains(all, w)
		}
		if !found {
			t.Errorf("no theme label says %q: %s", words, all)
		}
	}
}
