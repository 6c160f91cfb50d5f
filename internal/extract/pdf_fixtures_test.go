package extract

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// pdfObj is the body of one indirect object of a PDF fixture.
type pdfObj []byte

// dictObj is an object that is a dictionary (or any direct value).
func dictObj(s string) pdfObj { return pdfObj(s) }

// streamObj is a stream object with the given dictionary entries.
func streamObj(entries string, data []byte) pdfObj {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<< %s /Length %d >>\nstream\n", entries, len(data))
	b.Write(data)
	b.WriteString("\nendstream")
	return b.Bytes()
}

// flateObj is a FlateDecode stream object holding data.
func flateObj(t testing.TB, entries string, data []byte) pdfObj {
	t.Helper()
	var packed bytes.Buffer
	zw := zlib.NewWriter(&packed)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return streamObj(entries+" /Filter /FlateDecode", packed.Bytes())
}

// buildPDF writes a PDF whose objects are numbered from 1 in order, with a
// correct cross-reference table; object 1 is the catalog.
func buildPDF(objects ...pdfObj) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		b.Write(o)
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// helvetica is a standard font object.
const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// textPDF is a one-page PDF showing content with Helvetica as /F1; extra
// catalog entries (an /OpenAction, /Names) go into the catalog.
func textPDF(t testing.TB, catalogExtra string, content []byte) []byte {
	t.Helper()
	return buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R "+catalogExtra+" >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
		dictObj(helvetica),
		flateObj(t, "", content),
	)
}

// toUnicodeCMap maps two-byte codes 0001, 0002… to the characters of text.
func toUnicodeCMap(text string) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"/CMapName /Test def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	runes := []rune(text)
	fmt.Fprintf(&b, "%d beginbfchar\n", len(runes))
	for i, r := range runes {
		fmt.Fprintf(&b, "<%04X> <%04X>\n", i+1, r)
	}
	b.WriteString("endbfchar\n1 beginbfrange <1000> <1002> <0041> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
	return b.Bytes()
}

// codes is the hex string of the two-byte codes toUnicodeCMap gives text.
func codes(text string) string {
	var b bytes.Buffer
	b.WriteByte('<')
	for i := range []rune(text) {
		fmt.Fprintf(&b, "%04X", i+1)
	}
	b.WriteByte('>')
	return b.String()
}

// rewritten is file as pdfcpu writes it back: with object streams and a
// cross-reference stream, and encrypted with AES-256 when a user or owner
// password is given, as the tools that make real PDFs do.
func rewritten(t testing.TB, file []byte, userPW, ownerPW string) []byte {
	t.Helper()
	conf := pdfConfig(&budget{left: 64 << 20})
	conf.WriteObjectStream, conf.WriteXRefStream = true, true
	var out bytes.Buffer
	var err error
	if userPW == "" && ownerPW == "" {
		err = api.Optimize(bytes.NewReader(file), &out, conf)
	} else {
		conf.UserPW, conf.OwnerPW = userPW, ownerPW
		conf.EncryptUsingAES, conf.EncryptKeyLength, conf.Permissions = true, 256, model.PermissionsPrint
		err = api.Encrypt(bytes.NewReader(file), &out, conf)
	}
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// oneByOnePDF places glyphs and words each on their own, as browsers and
// some office suites print.
func oneByOnePDF(t testing.TB) []byte {
	widths := strings.TrimSpace(strings.Repeat("600 ", 26))
	return buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> /Contents 5 0 R >>"),
		dictObj("<< /Type /Font /Subtype /TrueType /BaseFont /Mono /FirstChar 65 /Widths ["+widths+"] >>"),
		flateObj(t, "", []byte("BT /F1 10 Tf 72 700 Td (G) Tj 6 0 Td (O) Tj 9 0 Td (W) Tj 6 0 Td (S) Tj 6 0 Td (I) Tj 6 0 Td (S) Tj ET\n"+
			"BT /F1 1 Tf 10 0 0 10 200 690 Tm (AB) Tj ET BT /F1 1 Tf 10 0 0 10 212 690 Tm (CD) Tj ET BT /F1 1 Tf 10 0 0 10 230 690 Tm (EF) Tj ET\n"+
			"BT /F2 10 Tf 72 600 Td <0001> Tj 5 0 Td <0002> Tj 5 0 Td <0003> Tj 2.5 0 Td <0004> Tj 10 0 Td <0001> Tj ET")),
		dictObj("<< /Type /Font /Subtype /Type0 /BaseFont /CJK /Encoding /Identity-H /ToUnicode 7 0 R /DescendantFonts [8 0 R] >>"),
		streamObj("", toUnicodeCMap("数字合作")),
		dictObj("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /CJK /DW 1000 /W [1 [500 500] 3 4 250] >>"),
	)
}

// encodingsPDF shows text in a font with /Differences and in MacRoman.
func encodingsPDF(t testing.TB) []byte {
	return buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> /Contents 5 0 R >>"),
		dictObj("<< /Type /Font /Subtype /Type1 /BaseFont /CMR10 /Encoding << /Type /Encoding "+
			"/Differences [12 /fi /f_f_l 39 /quoteright 200 /eacute /uni20AC /a.sc /ccedilla /Scaron /unknownglyph] >> >>"),
		flateObj(t, "", []byte("BT /F1 10 Tf (\014nancing, ba\\015e d\047acc\310der \311 \312\313\314\315) Tj "+
			"0 -12 Td /F2 10 Tf (\216t\216) Tj ET")),
		dictObj("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /MacRomanEncoding >>"),
	)
}
