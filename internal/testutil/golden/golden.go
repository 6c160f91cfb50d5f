// Package golden compares what a test produces with a file kept in the
// package's testdata/ folder, and rewrites the files when the tests run
// with -update:
//
//	go test ./internal/web -run TestGolden -update
//
// It changes nothing in what it compares: a test that produces volatile
// parts (times, tokens, ports) replaces them itself with Replace.
package golden

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// update is the -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with what the tests produce")

// Assert compares got with testdata/<name>.golden in the test's working
// directory (its package directory) and shows a line diff when they
// differ. With -update it writes got to the file instead.
func Assert(t testing.TB, name string, got []byte) {
	t.Helper()
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		t.Fatalf("golden: name %q must be a relative path inside testdata/", name)
		return
	}
	path := filepath.Join("testdata", filepath.FromSlash(name)+".golden")
	if *update {
		if err := write(path, got); err != nil {
			t.Fatalf("golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		t.Fatalf("golden: %s does not exist; run the test with -update to create it", path)
		return
	case err != nil:
		t.Fatalf("golden: %v", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("golden: the output differs from %s (-want +got; run with -update to accept it):\n%s", path, Diff(want, got))
	}
}

func write(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// A Replacement swaps a volatile part of a test's output for a placeholder.
type Replacement struct {
	re          *regexp.Regexp
	placeholder string
}

// Literal replaces every occurrence of old, such as the server's base URL.
func Literal(old, placeholder string) Replacement {
	return Replacement{regexp.MustCompile(regexp.QuoteMeta(old)), strings.ReplaceAll(placeholder, "$", "$$")}
}

// Pattern replaces every match of a regular expression; the placeholder
// may keep submatches with $1 or ${name}, as in regexp.Expand.
func Pattern(expr, placeholder string) Replacement {
	return Replacement{regexp.MustCompile(expr), placeholder}
}

// Replace applies the replacements in order. A replacement that matches
// nothing fails the test: the output no longer has the part the test
// thought was volatile, so the test needs a look.
func Replace(t testing.TB, got []byte, rs ...Replacement) []byte {
	t.Helper()
	for _, r := range rs {
		if !r.re.Match(got) {
			t.Errorf("golden.Replace: %q matches nothing in the output", r.re.String())
			continue
		}
		got = r.re.ReplaceAll(got, []byte(r.placeholder))
	}
	return got
}
