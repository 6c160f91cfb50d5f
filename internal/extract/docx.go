package extract

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
)

// The WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	wordNS       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	wordStrictNS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
)

// docxParts are the parts whose text is read, in order: the body, then the
// footnotes and endnotes when there are any.
var docxParts = []string{"word/document.xml", "word/footnotes.xml", "word/endnotes.xml"}

// docxText reads the paragraphs of a Word document. A macro-enabled
// document (word/vbaProject.bin) is refused, for the same reason as a PDF
// with scripts: the file is passed on to readers as it was submitted.
func docxText(ctx context.Context, r io.ReaderAt, size int64, b *budget, out *textOut) error {
	z, err := openZip(r, size)
	if err != nil {
		return err
	}
	if _, macros := zipEntry(z, "word/vbaProject.bin"); macros {
		return refuse(CodeActive, errors.New("a macro-enabled document"))
	}
	for i, name := range docxParts {
		f, ok := zipEntry(z, name)
		if !ok && i == 0 {
			return refuse(CodeUnreadable, errors.New("no word/document.xml"))
		}
		if !ok {
			continue
		}
		if err := readXMLEntry(ctx, f, b, &docxHandler{out: out}); err != nil {
			return err
		}
		out.lineBreak()
	}
	return nil
}

// docxHandler keeps the text of w:t runs; w:tab is a blank, w:br and w:cr
// a line break and w:p a paragraph. Deleted text (w:delText) and field
// codes (w:instrText) are not w:t, so they are left out.
type docxHandler struct {
	out    *textOut
	inText bool
	skip   int // elements open whose text is not the document's (skipped)
}

// markupCompatNS is where Word's mc:AlternateContent lives: a text box is
// written twice, as a modern shape (mc:Choice) and a legacy one
// (mc:Fallback), and only the first is read.
const markupCompatNS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

func isWord(n xml.Name) bool { return n.Space == wordNS || n.Space == wordStrictNS }

// skippedInDOCX tells the elements whose text is left out: the legacy copy
// of a text box, and the place text was moved from with changes tracked
// (w:moveTo holds it where it now is).
func skippedInDOCX(n xml.Name) bool {
	return (n.Space == markupCompatNS && n.Local == "Fallback") || (isWord(n) && n.Local == "moveFrom")
}

func (h *docxHandler) start(e xml.StartElement) error {
	if skippedInDOCX(e.Name) {
		h.skip++
	}
	if !isWord(e.Name) {
		return nil
	}
	switch e.Name.Local {
	case "t":
		h.inText = true
	case "tab", "ptab":
		h.out.blank()
	case "br", "cr":
		h.out.lineBreak()
	case "noBreakHyphen":
		return h.out.WriteString("-")
	}
	return nil
}

func (h *docxHandler) end(e xml.EndElement) error {
	if skippedInDOCX(e.Name) {
		h.skip--
	}
	if !isWord(e.Name) {
		return nil
	}
	switch e.Name.Local {
	case "t":
		h.inText = false
	case "p":
		h.out.lineBreak()
	case "tc":
		h.out.blank()
	}
	return nil
}

func (h *docxHandler) text(s []byte) error {
	if !h.inText || h.skip > 0 {
		return nil
	}
	return h.out.WriteString(string(s))
}
