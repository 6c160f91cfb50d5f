package extract

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPDFText(t *testing.T) {
	chinese := "数字合作"
	simple := textPDF(t, "", []byte("BT /F1 12 Tf 72 720 Td (Hello, World) Tj 0 -14 Td [(Inter) -20 (net) -300 (gover) 10 (nance)] TJ\n"+
		"T* (caf\\351 \\(WSIS\\)) Tj ET\nBI /W 2 /H 1 /BPC 8 /CS /G ID \x00(x) Tj\x01 EI\nBT /F1 12 Tf 1 0 0 1 72 600 Tm (after the image) Tj ET"))
	type0 := buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 /Resources << /Font << /F1 4 0 R /F2 8 0 R >> >> >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [5 0 R 9 0 R] >>"),
		dictObj("<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansCJK /Encoding /Identity-H /ToUnicode 6 0 R >>"),
		flateObj(t, "", []byte("BT /F1 12 Tf 72 720 Td "+codes(chinese)+" Tj 0 -14 Td <10001002> Tj ET\nBT /F2 12")),
		flateObj(t, "", toUnicodeCMap(chinese)),
		dictObj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 10 0 R >>"),
		dictObj("<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H >>"),
		streamObj("", []byte("Tf <0001> Tj /F1 12 Tf <0003> Tj ET")),
		streamObj("", []byte("BT /F1 12 Tf [<0002>] TJ ET")),
	)
	cases := []struct{ name, want string }{
		{"simple", "Hello, World\nInternet governance\ncafé (WSIS)\nafter the image"},
		{"type0", "数字合作\nAC\n合\n字"},
	}
	for i, file := range [][]byte{simple, type0} {
		t.Run(cases[i].name, func(t *testing.T) {
			kind, text, err := extractBytes(t, file, Limits{})
			if err != nil || kind != PDF {
				t.Fatalf("Extract = %q, %v", kind, err)
			}
			if text != cases[i].want {
				t.Errorf("text = %q\nwant   %q", text, cases[i].want)
			}
		})
	}
}

func TestPDFSimpleFontEncodings(t *testing.T) {
	file := encodingsPDF(t)
	_, text, err := extractBytes(t, file, Limits{})
	if want := "financing, baffle d’accéder € açŠ\nété"; err != nil || text != want {
		t.Fatalf("text %q, %v; want %q", text, err, want)
	}
}

func TestPDFScripts(t *testing.T) {
	content := []byte("BT /F1 12 Tf 72 720 Td (Read me) Tj ET")
	cases := []struct {
		name, catalog string
		code          string
	}{
		{"JavaScript open action", "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", CodeActive},
		{"document-level JavaScript", "/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (1) >>] >> >>", CodeActive},
		{"escaped name", "/OpenAction << /S /Java#53cript /J#53 (1) >>", CodeActive},
		{"launch action", "/OpenAction << /S /Launch /F (cmd.exe) >>", CodeActive},
		{"open at a page", "/OpenAction [3 0 R /Fit]", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, text, err := extractBytes(t, textPDF(t, tc.catalog, content), Limits{})
			if tc.code != "" {
				wantCode(t, err, tc.code)
				return
			}
			if err != nil || text != "Read me" {
				t.Fatalf("text %q, %v", text, err)
			}
		})
	}
}

func TestNotReallyAPDF(t *testing.T) {
	for name, file := range map[string][]byte{
		"text after the header": []byte("%PDF-1.7\nThis is a letter, not a PDF.\n"),
		"truncated":             textPDF(t, "", []byte("BT (x) Tj ET"))[:60],
		"no pages":              buildPDF(dictObj("<< /Type /Catalog >>")),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := extractBytes(t, file, Limits{})
			wantCode(t, err, CodeUnreadable)
		})
	}
}

func TestPDFStreamBomb(t *testing.T) {
	bomb := textPDF(t, "", bytes.Repeat([]byte("0 0 Td "), 2<<20)) // 14 MB deflating to some 14 KB
	var err error
	n := allocated(func() { _, _, err = extractBytes(t, bomb, Limits{MaxUncompressed: 1 << 20}) })
	wantCode(t, err, CodeExpands)
	if n > 16<<20 {
		t.Errorf("allocated %d bytes", n)
	}
}

func TestPDFTimeoutReturnsPromptly(t *testing.T) {
	// 48 MB of moves, a few tens of kilobytes compressed: a second or more of work.
	slow := textPDF(t, "", bytes.Repeat([]byte("0 0 Td "), 7<<20))
	start := time.Now()
	_, _, err := extractBytes(t, slow, Limits{Timeout: 30 * time.Millisecond})
	wantCode(t, err, CodeTimeout)
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("returned after %v", took)
	}
}

func TestCallerCancellationIsNotATimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	file := textPDF(t, "", []byte("BT (x) Tj ET"))
	_, err := Text(ctx, bytes.NewReader(file), int64(len(file)), PDF, Limits{})
	if err == nil || strings.Contains(err.Error(), CodeTimeout) {
		t.Fatalf("err = %v, want the caller's cancellation", err)
	}
}

func TestPDFFormsAndRewrittenFiles(t *testing.T) {
	withForm := buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << /Head 6 0 R /Img 7 0 R >> >> /Contents 5 0 R >>"),
		dictObj(helvetica),
		flateObj(t, "", []byte("/Img Do /Head Do BT /F1 12 Tf 72 600 Td (Body text) Tj ET")),
		flateObj(t, "/Type /XObject /Subtype /Form /BBox [0 0 612 100]", []byte("BT /F1 10 Tf 72 750 Td (Letterhead) Tj ET /Head Do")),
		streamObj("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0}),
	)
	plain := textPDF(t, "", []byte("BT /F1 12 Tf 72 720 Td (Financing the digital divide) Tj ET"))
	// A page-open action on the page, which pdfcpu writes into an object stream.
	script := rewritten(t, buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R "+
			"/AA << /O << /S /JavaScript /JS (app.alert\\(1\\)) >> >> >>"),
		dictObj(helvetica),
		flateObj(t, "", []byte("BT (x) Tj ET")),
	), "", "")
	if bytes.Contains(script, []byte("JavaScript")) {
		t.Fatal("the script is not inside an object stream")
	}
	cases := []struct {
		name, want, code string
		file             []byte
	}{
		{"a form drawn by the page, drawing itself", "Letterhead Letterhead Letterhead Letterhead\nBody text", "", withForm},
		{"object streams", "Financing the digital divide", "", rewritten(t, plain, "", "")},
		{"JavaScript inside an object stream", "", CodeActive, script},
		{"encrypted, opens without a password", "Financing the digital divide", "", rewritten(t, plain, "", "owner")},
		{"encrypted with a password", "", CodeUnreadable, rewritten(t, plain, "secret", "owner")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, text, err := extractBytes(t, tc.file, Limits{})
			if tc.code != "" {
				wantCode(t, err, tc.code)
				return
			}
			if err != nil || text != tc.want {
				t.Fatalf("text %q, %v; want %q", text, err, tc.want)
			}
		})
	}
}

func TestPDFPageTreeLoop(t *testing.T) {
	// The page tree lists itself among its kids, and the page twice.
	file := buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R 2 0 R 3 0 R] /Count 1000000 >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
		dictObj(helvetica),
		streamObj("", []byte("BT /F1 12 Tf (Once) Tj ET")),
	)
	_, text, err := extractBytes(t, file, Limits{Timeout: 2 * time.Second})
	if err != nil || text != "Once" {
		t.Fatalf("text %q, %v", text, err)
	}
}

func TestPDFObjectStreamsCountAgainstTheBudget(t *testing.T) {
	// 250 pages, each carrying 6 KB of a string, which pdfcpu packs into
	// object streams of 100 objects: three streams of at most 600 KB, each
	// under a 1 MB budget, 1.5 MB together.
	const pages = 250
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = strconv.Itoa(i+4) + " 0 R"
	}
	objects := []pdfObj{
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] /Count " + strconv.Itoa(pages) + " >>"),
		streamObj("", []byte("BT (Page) Tj ET")),
	}
	for range pages {
		objects = append(objects, dictObj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Note ("+
			strings.Repeat("a", 6<<10)+") >>"))
	}
	file := rewritten(t, buildPDF(objects...), "", "")
	if len(file) > 200<<10 {
		t.Fatalf("the strings were not compressed: %d bytes", len(file))
	}
	_, text, err := extractBytes(t, file, Limits{})
	if err != nil || strings.Count(text, "Page") != pages {
		t.Fatalf("with the default budget: %d pages read, %v", strings.Count(text, "Page"), err)
	}
	_, _, err = extractBytes(t, file, Limits{MaxUncompressed: 1 << 20})
	wantCode(t, err, CodeExpands)
}

func TestPDFPresentationFormsAreLetters(t *testing.T) {
	shaped := "\uFB01nance \uFEB3\uFEE0\uFE8E\uFEE1" // ﬁnance, and سلام in joined shapes
	file := buildPDF(
		dictObj("<< /Type /Catalog /Pages 2 0 R >>"),
		dictObj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
		dictObj("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
		dictObj("<< /Type /Font /Subtype /Type0 /BaseFont /Naskh /Encoding /Identity-H /ToUnicode 6 0 R >>"),
		streamObj("", []byte("BT /F1 12 Tf "+codes(shaped)+" Tj ET")),
		streamObj("", toUnicodeCMap(shaped)),
	)
	_, text, err := extractBytes(t, file, Limits{})
	if want := "finance سلام"; err != nil || text != want {
		t.Fatalf("text %q, %v; want %q", text, err, want)
	}
}

// The widths of the glyphs tell a move to the next glyph (no space) from a
// move to the next word.
func TestPDFWordsPlacedOneByOne(t *testing.T) {
	file := oneByOnePDF(t)
	_, text, err := extractBytes(t, file, Limits{})
	if want := "GO WSIS\nABCD EF\n数字合作 数"; err != nil || text != want {
		t.Fatalf("text %q, %v; want %q", text, err, want)
	}
}
