package extract

import (
	"bytes"
	"context"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/errs"
)

// The fuzz targets call the extractors directly, without the recover that
// Text adds, so that a panic in our own code fails the run; a panic raised
// inside pdfcpu is recovered by Text in production and tolerated here.

var fuzzLimits = Limits{MaxBytes: 1 << 20, MaxUncompressed: 1 << 20, MaxText: 10_000, Timeout: 2 * time.Second}

// fuzzExtract runs the extractor for kind on data and checks what it gives.
func fuzzExtract(t *testing.T, kind Kind, data []byte) {
	defer func() {
		if p := recover(); p != nil && !panickedIn(debug.Stack(), "github.com/pdfcpu/") {
			t.Fatalf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), fuzzLimits.Timeout)
	defer cancel()
	out := newTextOut(fuzzLimits.MaxText)
	err := extractorFor(kind)(ctx, bytes.NewReader(data), int64(len(data)), &budget{left: fuzzLimits.MaxUncompressed}, out)
	if err != nil && err != errTextFull && ctx.Err() == nil {
		checkCode(t, err)
	}
	checkExtracted(t, out.String())
}

// panickedIn reports whether the function that panicked is in the package path.
func panickedIn(stack []byte, path string) bool {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+2 < len(lines) {
			return strings.Contains(lines[i+2], path)
		}
	}
	return false
}

func checkCode(t *testing.T, err error) {
	t.Helper()
	known := []string{CodeType, CodeEmpty, CodeEncoding, CodeTooLarge, CodeExpands, CodeUnreadable, CodeActive, CodeTimeout}
	if errs.KindOf(err) != errs.Invalid || !slices.Contains(known, errs.CodeOf(err)) {
		t.Fatalf("error without a catalog code: %v", err)
	}
}

// checkExtracted checks the text is what the store may keep.
func checkExtracted(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	if n := utf8.RuneCountInString(strings.NewReplacer("\n", "", " ", "").Replace(s)); n > fuzzLimits.MaxText {
		t.Fatalf("%d characters, more than %d", n, fuzzLimits.MaxText)
	}
	for _, c := range s {
		if c != '\n' && unicode.IsControl(c) {
			t.Fatalf("control character %U in %q", c, s)
		}
	}
}

func FuzzSniff(f *testing.F) {
	for _, seed := range [][]byte{
		docx(f, "Hello", "مرحبا"), odt(f, "你好"), []byte("plain\ttext\r\n"), textPDF(f, "", []byte("BT (x) Tj ET")),
		[]byte("PK\x03\x04"), []byte("%PDF-"), {0xEF, 0xBB, 0xBF}, {0xff},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		kind, err := Sniff(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			checkCode(t, err)
			return
		}
		if !slices.Contains(Kinds(), kind) {
			t.Fatalf("Sniff gave %q", kind)
		}
		fuzzExtract(t, kind, data)
	})
}

func FuzzDOCX(f *testing.F) {
	f.Add(documentXML(run("Hello")+`<w:r><w:tab/><w:br/></w:r>`, run("数字")))
	f.Add([]byte(`<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:p><w:t>x</w:t></w:p>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "aaaa">]><w:t>&a;</w:t>`))
	f.Fuzz(func(t *testing.T, document []byte) {
		fuzzExtract(t, DOCX, buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
			entry{name: "word/document.xml", data: document}))
	})
}

func FuzzODT(f *testing.F) {
	f.Add(contentXML(`<text:h>Title</text:h><text:p>a<text:s text:c="2"/>b<text:tab/><text:line-break/><text:span>c</text:span></text:p>`))
	f.Add(contentXML(`<text:p><office:annotation><text:p>note</text:p></office:annotation>الإنترنت</text:p>`))
	f.Fuzz(func(t *testing.T, content []byte) {
		fuzzExtract(t, ODT, buildZip(t, entry{name: "mimetype", data: []byte(odtMimeType), store: true},
			entry{name: odtContent, data: content}))
	})
}

func FuzzPDF(f *testing.F) {
	f.Add(textPDF(f, "", []byte("BT /F1 12 Tf 72 720 Td (Hello) Tj [(a) -300 (b)] TJ T* (\\(c\\)\\101) ' ET")))
	f.Add(textPDF(f, "/OpenAction << /S /JavaScript /JS (1) >>", []byte("BT (x) Tj ET")))
	f.Add(buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
		dictObj("<< /Type /Font /Subtype /Type0 /ToUnicode 6 0 R >>"),
		streamObj("", []byte("BT /F1 1 Tf <00010002> Tj ET")),
		streamObj("", toUnicodeCMap("字节")),
	))
	f.Add(oneByOnePDF(f))
	f.Add(encodingsPDF(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExtract(t, PDF, data)
	})
}

// FuzzPDFContent fuzzes the content-stream interpreter and the CMap parser
// alone, which pdfcpu's checks of a whole file would otherwise shield.
func FuzzPDFContent(f *testing.F) {
	f.Add([]byte("BT /F1 12 Tf 1 0 0 1 72 720 Tm (Hi) Tj 0 -14 Td [(a) -300 <0041>] TJ ET BI /W 1 ID \x00 EI /X1 Do"), toUnicodeCMap("数字"))
	f.Add([]byte("<< /a [ ( \\( ) ] >> BDC (x\\\ny) Tj EMC"), []byte("1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <00> <FF> [<0041> <0042>] endbfrange"))
	f.Fuzz(func(t *testing.T, content, cmapData []byte) {
		fonts := map[string]*pdfFont{"F1": {toUnicode: parseCMap(cmapData), composite: len(cmapData)%2 == 0}, "F2": nil}
		res := &resources{fonts: fonts}
		// /X1 is a form that draws the same content again, down to maxFormDepth.
		res.form = func(name string) ([]byte, *resources, bool, error) { return content, res, name == "X1", nil }
		out := newTextOut(fuzzLimits.MaxText)
		p := &painter{ctx: context.Background(), out: out}
		if err := p.interpret(content, res, 0); err != nil && err != errTextFull {
			t.Fatal(err)
		}
		checkExtracted(t, out.String())
	})
}

func FuzzTXT(f *testing.F) {
	f.Add([]byte("\uFEFFline one\r\nline two\tend"))
	f.Add([]byte("يجب أن يظل الإنترنت مفتوحًا 互联网"))
	f.Add([]byte("bad \xc3"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExtract(t, TXT, data)
	})
}
