package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	cases := []struct{ name, want, got, diff string }{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c"},
		{"added line", "a\nc\n", "a\nb\nc\n", "@@ -1,2 +1,3 @@\n a\n+b\n c"},
		{"into empty", "", "a\n", "@@ -0,0 +1,1 @@\n+a"},
		{"missing final newline", "a\n", "a", "@@ -1,1 +1,1 @@\n-a\n+a" + noNewline},
		{"context is three lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			"@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8"},
		{"far changes make two hunks", lineRange(1, 20), strings.Replace(strings.Replace(lineRange(1, 20), "2\n", "two\n", 1), "19\n", "nineteen\n", 1),
			"@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Diff([]byte(tc.want), []byte(tc.got)); got != tc.diff {
				t.Errorf("Diff =\n%s\nwant\n%s", got, tc.diff)
			}
		})
	}
}

func lineRange(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, "%d\n", i)
	}
	return b.String()
}

// recorder is a testing.TB that keeps failures instead of reporting them.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

// setUpdate sets the -update flag for one test.
func setUpdate(t *testing.T, on bool) {
	old := *update
	*update = on
	t.Cleanup(func() { *update = old })
}

func TestAssert(t *testing.T) {
	t.Chdir(t.TempDir())
	setUpdate(t, false)
	if err := write(filepath.Join("testdata", "page.golden"), []byte("<h1>Hello</h1>\n")); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Assert(r, "page", []byte("<h1>Hello</h1>\n"))
	if len(r.failures) != 0 {
		t.Fatalf("equal output failed: %v", r.failures)
	}
	Assert(r, "page", []byte("<h1>Hola</h1>\n"))
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "-<h1>Hello</h1>\n+<h1>Hola</h1>") {
		t.Fatalf("a difference was reported as %q", r.failures)
	}
	r.failures = nil
	Assert(r, "nothing", []byte("x"))
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "-update") {
		t.Fatalf("a missing golden file was reported as %q", r.failures)
	}
}

func TestAssertUpdateWrites(t *testing.T) {
	t.Chdir(t.TempDir())
	setUpdate(t, true)
	Assert(t, "mail/confirm", []byte("Hello\n"))
	if data, err := os.ReadFile(filepath.Join("testdata", "mail", "confirm.golden")); err != nil || string(data) != "Hello\n" {
		t.Fatalf("-update wrote %q (%v)", data, err)
	}
}

func TestReplace(t *testing.T) {
	got := []byte("see http://127.0.0.1:4242/r/confirm/abc.DEF_1?lang=en and $5")
	out := Replace(t, got, Literal("http://127.0.0.1:4242", "{base}"), Pattern(`(/r/confirm/)[^?\s]+`, "${1}{token}"),
		Literal("$5", "$ price"))
	if want := "see {base}/r/confirm/{token}?lang=en and $ price"; string(out) != want {
		t.Errorf("Replace = %q, want %q", out, want)
	}
	r := &recorder{TB: t}
	Replace(r, got, Literal("not there", "x"))
	if len(r.failures) != 1 {
		t.Errorf("a replacement that matches nothing passed: %v", r.failures)
	}
}
