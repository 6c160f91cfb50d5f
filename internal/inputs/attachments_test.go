package inputs

import (
	"testing"

	"github.com/consulta/consulta/internal/extract"
)

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"report.pdf":                      "report.pdf",
		"../../etc/passwd":                "passwd",
		`C:\Users\ana\Informe final.docx`: "Informe final.docx",
		"a\x00b\x01c.txt":                 "abc.txt",
		"\u202egnp.txt":                   "gnp.txt",
		"<script>alert(1)</script>.txt":   "script>.txt", // the last path element; shown escaped
		"<b onmouseover=x>.odt":           "<b onmouseover=x>.odt",
		"  spaced \t  out .txt ":          "spaced out .txt",
		"..":                              "attachment",
		"\xff\xfe":                        "attachment",
		".hidden":                         "hidden",
	} {
		if got := SafeFileName(in); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := withExtension("notes.html", extract.TXT); got != "notes.html.txt" {
		t.Errorf("a text file named .html is offered as %q", got)
	}
	if got := withExtension("Brief.PDF", extract.PDF); got != "Brief.PDF" {
		t.Errorf("withExtension kept %q", got)
	}
}
