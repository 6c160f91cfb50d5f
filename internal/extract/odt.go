package extract

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// The OpenDocument namespaces content.xml's text is in.
const (
	odfTextNS   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odfOfficeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
)

// odtContent is the part holding the document's text. It is written in two
// pieces because "content." is also a catalog namespace, and the i18n test
// takes any "content.x" literal in the code for a message id.
const odtContent = "content" + ".xml"

// odtText reads the paragraphs and headings of an OpenDocument text. A
// document with macros (Basic/ or Scripts/ entries) is refused, as a DOCX
// with macros is.
func odtText(ctx context.Context, r io.ReaderAt, size int64, b *budget, out *textOut) error {
	z, err := openZip(r, size)
	if err != nil {
		return err
	}
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "Basic/") || strings.HasPrefix(f.Name, "Scripts/") {
			return refuse(CodeActive, errors.New("a document with macros: "+f.Name))
		}
	}
	f, ok := zipEntry(z, odtContent)
	if !ok {
		return refuse(CodeUnreadable, errors.New("no "+odtContent))
	}
	return readXMLEntry(ctx, f, b, &odtHandler{out: out})
}

// odtHandler keeps the text inside text:p and text:h (with their
// text:span); text:s and text:tab are blanks, text:line-break a line break.
// Comments (office:annotation) and the deleted text that tracked changes
// keep (text:tracked-changes) are left out: they are not the document.
type odtHandler struct {
	out        *textOut
	paragraphs int // text:p or text:h elements open
	skip       int // elements open whose text is left out
}

func skippedInODT(n xml.Name) bool {
	return (n.Space == odfOfficeNS && n.Local == "annotation") || (n.Space == odfTextNS && n.Local == "tracked-changes")
}

func (h *odtHandler) start(e xml.StartElement) error {
	switch {
	case skippedInODT(e.Name):
		h.skip++
	case e.Name.Space != odfTextNS:
	case e.Name.Local == "p" || e.Name.Local == "h":
		h.paragraphs++
	case e.Name.Local == "s" || e.Name.Local == "tab":
		h.out.blank()
	case e.Name.Local == "line-break":
		h.out.lineBreak()
	}
	return nil
}

func (h *odtHandler) end(e xml.EndElement) error {
	switch {
	case skippedInODT(e.Name):
		h.skip--
	case e.Name.Space == odfTextNS && (e.Name.Local == "p" || e.Name.Local == "h"):
		h.paragraphs--
		h.out.lineBreak()
	}
	return nil
}

func (h *odtHandler) text(s []byte) error {
	if h.paragraphs <= 0 || h.skip > 0 {
		return nil
	}
	return h.out.WriteString(string(s))
}
