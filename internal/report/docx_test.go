package report

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/testutil/golden"
)

// TestDOCXGolden keeps the Word package's parts as text (the XML as is,
// each picture by its size and digest) in a golden file: a readable diff
// of what changed, while TestGolden-like byte equality is checked on the
// whole file.
func TestDOCXGolden(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			out := render(t, fixture(t, lang), FormatDOCX)
			if again := render(t, fixture(t, lang), FormatDOCX); !bytes.Equal(out, again) {
				t.Fatal("two renderings of the same report differ")
			}
			golden.Assert(t, "report."+lang+".docx", docxParts(t, out))
		})
	}
}

// docxParts lists a package's files in order, with their stamps.
func docxParts(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== %s (%s)\n", f.Name, f.Modified.UTC().Format("2006-01-02T15:04:05Z"))
		if strings.HasSuffix(f.Name, ".png") {
			fmt.Fprintf(&b, "PNG, %d bytes, sha256 %x\n", len(content), sha256.Sum256(content))
			continue
		}
		// One element per line keeps the diff readable.
		b.Write(bytes.ReplaceAll(content, []byte("><"), []byte(">\n<")))
		b.WriteString("\n")
	}
	return b.Bytes()
}

// TestDOCXOpensInPandoc converts the Word file with pandoc and checks that
// its headings, tables, pictures and footnotes survive. It skips only when
// pandoc is missing and the run is neither CI nor scripts/test (which sets
// CONSULTA_REQUIRE_PANDOC=1 and installs pandoc).
func TestDOCXOpensInPandoc(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		if os.Getenv("CI") == "" && os.Getenv("CONSULTA_REQUIRE_PANDOC") == "" {
			t.Skip("pandoc is not installed")
		}
		t.Fatal("pandoc is required here (scripts/test installs it): ", err)
	}
	r := fixture(t, "en")
	path := t.TempDir() + "/report.docx"
	if err := os.WriteFile(path, render(t, r, FormatDOCX), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pandoc, "-f", "docx", "-t", "json", path).Output()
	if err != nil {
		t.Fatalf("pandoc: %v", err)
	}
	var ast struct {
		Blocks []any `json:"blocks"`
	}
	if err := json.Unmarshal(out, &ast); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var headings []string
	walk(ast.Blocks, func(m map[string]any) {
		counts[m["t"].(string)]++
		if m["t"] == "Header" {
			c := m["c"].([]any)
			headings = append(headings, fmt.Sprint(c[0])+" "+plain(c[2]))
		}
	})
	d := layout(r, true)
	for _, want := range []string{"1 " + d.Title, "2 " + r.T("report.participation.heading"),
		"3 " + r.Questions[0].Themes[0].Label, "2 " + r.T("report.method.heading")} {
		if !contains(headings, want) {
			t.Errorf("pandoc finds no heading %q in %q", want, headings)
		}
	}
	for kind, want := range map[string]int{"Table": tables(d), "Image": 2, "Note": len(d.Notes), "BlockQuote": 1} {
		if counts[kind] < want {
			t.Errorf("pandoc finds %d %s, want at least %d", counts[kind], kind, want)
		}
	}
}

func tables(d *doc) int {
	n := 0
	for _, b := range d.Blocks {
		if b.Kind == blockTable {
			n++
		}
	}
	return n
}

// walk calls visit on every element of pandoc's JSON AST.
func walk(v any, visit func(map[string]any)) {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			walk(e, visit)
		}
	case map[string]any:
		if _, ok := v["t"].(string); ok {
			visit(v)
		}
		for _, e := range v {
			walk(e, visit)
		}
	}
}

// plain is the text of a list of pandoc inlines.
func plain(v any) string {
	var b strings.Builder
	walk(v, func(m map[string]any) {
		switch m["t"] {
		case "Str":
			b.WriteString(m["c"].(string))
		case "Space":
			b.WriteString(" ")
		}
	})
	return b.String()
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
