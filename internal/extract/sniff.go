package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/errs"
)

// sniffLen is how much of a text file Sniff checks; Text checks the rest.
const sniffLen = 8 << 10

const odtMimeType = "application/vnd.oasis.opendocument.text"

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Sniff recognises a file's kind from its content, never its name: a PDF
// starts with "%PDF-"; a DOCX is a zip holding [Content_Types].xml and
// word/document.xml; an ODT is a zip whose first entry, "mimetype", says
// application/vnd.oasis.opendocument.text; text is UTF-8 (a byte order mark
// allowed) without NUL or control characters other than tab, CR and LF.
// For text it checks the first 8 KB; Text checks the whole file.
func Sniff(r io.ReaderAt, size int64) (kind Kind, err error) {
	defer errs.Wrap(&err, "extract.Sniff(%d bytes)", size)
	if size <= 0 {
		return "", refuse(CodeEmpty, nil)
	}
	head := make([]byte, min(size, sniffLen))
	if n, err := r.ReadAt(head, 0); n < len(head) {
		return "", refuse(CodeUnreadable, err)
	}
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return sniffZip(r, size)
	}
	return TXT, checkTextHead(head, int64(len(head)) < size)
}

// sniffZip tells an ODT or a DOCX from any other zip (a spreadsheet, a jar…).
func sniffZip(r io.ReaderAt, size int64) (Kind, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return "", refuse(CodeType, fmt.Errorf("zip: %w", err))
	}
	if isODT(z) {
		return ODT, nil
	}
	var types, document bool
	for _, f := range z.File {
		types = types || f.Name == "[Content_Types].xml"
		document = document || f.Name == "word/document.xml"
	}
	if types && document {
		return DOCX, nil
	}
	return "", refuse(CodeType, errors.New("a zip that is neither DOCX nor ODT"))
}

func isODT(z *zip.Reader) bool {
	if len(z.File) == 0 || z.File[0].Name != "mimetype" {
		return false
	}
	rc, err := z.File[0].Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	got, err := io.ReadAll(io.LimitReader(rc, int64(len(odtMimeType))+1))
	return err == nil && string(got) == odtMimeType
}

// checkTextHead checks the start of a text file; cut says head stops
// before the end of the file, so a character may be split at its end.
func checkTextHead(head []byte, cut bool) error {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return refuse(CodeEncoding, errors.New("UTF-16 text"))
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	if i := bytes.IndexFunc(head, isBinaryByte); i >= 0 {
		return refuse(CodeType, fmt.Errorf("binary content (byte %#x at %d)", head[i], i))
	}
	if cut {
		head = trimPartialRune(head)
	}
	return checkText(head)
}

// checkText refuses invalid UTF-8 and control characters other than tab, CR, LF.
func checkText(b []byte) error {
	for i := 0; i < len(b); {
		c, n := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && n <= 1 {
			return refuse(CodeEncoding, fmt.Errorf("invalid UTF-8 at byte %d", i))
		}
		if unicode.IsControl(c) && c != '\t' && c != '\n' && c != '\r' {
			return refuse(CodeEncoding, fmt.Errorf("control character %U at byte %d", c, i))
		}
		i += n
	}
	return nil
}

// isBinaryByte reports a control character that text does not hold but
// binary files nearly always do: NUL and the other C0 controls, save the
// blanks and line breaks (tab, LF, VT, FF, CR) and the escape of coloured
// terminal text, which make a text file with an odd character instead.
func isBinaryByte(c rune) bool {
	return c < 0x20 && !strings.ContainsRune("\t\n\v\f\r\x1b", c)
}

// trimPartialRune drops an incomplete UTF-8 sequence at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}
