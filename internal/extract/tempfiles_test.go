package extract

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// TestNothingIsLeftOnDisk runs every kind of file, read or refused, with
// the temporary and configuration directories pointed at empty folders,
// and checks they stay empty: pdfcpu, left to itself, writes a
// configuration directory.
func TestNothingIsLeftOnDisk(t *testing.T) {
	tmp, home := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home)
	files := [][]byte{
		docx(t, "Hello"), odt(t, "Hello"), []byte("Hello"), textPDF(t, "", []byte("BT (Hello) Tj ET")),
		textPDF(t, "/OpenAction << /S /JavaScript /JS (1) >>", []byte("BT (x) Tj ET")),
		[]byte("%PDF-1.4 not a PDF"), []byte("caf\xe9"),
		textPDF(t, "", bytes.Repeat([]byte("0 0 Td "), 1<<20)),
	}
	for _, f := range files {
		extractBytes(t, f, Limits{MaxUncompressed: 1 << 20, Timeout: time.Second})
	}
	for _, dir := range []string{tmp, home} {
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("%s holds %d entries, first %s", dir, len(left), left[0].Name())
		}
	}
}
