package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/errs"
)

// extractBytes runs Extract on b.
func extractBytes(t testing.TB, b []byte, lim Limits) (Kind, string, error) {
	t.Helper()
	return Extract(context.Background(), bytes.NewReader(b), int64(len(b)), lim)
}

// wantCode checks that err is an Invalid error with the catalog code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if errs.CodeOf(err) != code || errs.KindOf(err) != errs.Invalid {
		t.Fatalf("error %v (kind %v), want Invalid %q", err, errs.KindOf(err), code)
	}
}

func TestSniff(t *testing.T) {
	ods := buildZip(t, entry{name: "mimetype", data: []byte("application/vnd.oasis.opendocument.spreadsheet"), store: true},
		entry{name: "content.xml", data: contentXML("")})
	xlsx := buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)}, entry{name: "xl/workbook.xml", data: []byte("<workbook/>")})
	late := append(bytes.Repeat([]byte("a"), sniffLen-1), "é and more"...) // a character cut by the 8 KB head
	cases := []struct {
		name string
		file []byte
		kind Kind
		code string
	}{
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n"), PDF, ""},
		{"docx", docx(t, "Hello"), DOCX, ""},
		{"odt", odt(t, "Hello"), ODT, ""},
		{"text", []byte("Connectivity for all.\r\n\tNext line\n"), TXT, ""},
		{"text with BOM", append(append([]byte{}, utf8BOM...), "الاتصال 连接"...), TXT, ""},
		{"a character across the sniffed head", late, TXT, ""},
		{"html is text", []byte("<script>alert(1)</script>"), TXT, ""},
		{"empty", nil, "", CodeEmpty},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", CodeType},
		{"NUL", []byte("text\x00more"), "", CodeType},
		{"binary without NUL", []byte("\x89PNG\r\n\x1a\n"), "", CodeType},
		{"a form feed in text", []byte("page one\fpage two"), "", CodeEncoding},
		{"Latin-1", []byte("caf\xe9"), "", CodeEncoding},
		{"UTF-16, as Notepad saves Unicode", []byte("\xff\xfeH\x00i\x00"), "", CodeEncoding},
		{"escape character", []byte("colour \x1b[31mred"), "", CodeEncoding},
		{"C1 control", []byte("a\u0085b"), "", CodeEncoding},
		{"spreadsheet zip", xlsx, "", CodeType},
		{"OpenDocument spreadsheet", ods, "", CodeType},
		{"broken zip", []byte("PK\x03\x04 not really"), "", CodeType},
		{"mimetype not first", buildZip(t, entry{name: "content.xml", data: contentXML("")},
			entry{name: "mimetype", data: []byte(odtMimeType)}), "", CodeType},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kind, err := Sniff(bytes.NewReader(tc.file), int64(len(tc.file)))
			if tc.code != "" {
				wantCode(t, err, tc.code)
				return
			}
			if err != nil || kind != tc.kind {
				t.Fatalf("Sniff = %q, %v; want %q", kind, err, tc.kind)
			}
		})
	}
}

func TestTextOfEachKind(t *testing.T) {
	arabic := "يجب أن يظل الإنترنت مفتوحًا وآمنًا للجميع"
	chinese := "人工智能治理需要多利益攸关方参与"
	docxRuns := documentXML(
		`<w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom>`+
			run("Universal")+`<w:r><w:tab/></w:r>`+run("connectivity")+`<w:r><w:br/></w:r>`+run("by 2030"),
		run(arabic),
		run(chinese),
		`<w:del><w:r><w:delText>removed text</w:delText></w:r></w:del>`+run("kept")+
			`<w:r><w:instrText> PAGE </w:instrText></w:r>`,
	)
	odtBody := `<text:tracked-changes><text:changed-region><text:deletion><text:p>deleted</text:p></text:deletion></text:changed-region></text:tracked-changes>` +
		`<text:h>Universal<text:tab/>connectivity<text:line-break/>by<text:s text:c="3"/>2030</text:h>` +
		`<text:p><text:span>` + arabic + `</text:span></text:p><text:p>` + chinese + `</text:p>` +
		`<text:p><office:annotation><dc:creator>Reviewer</dc:creator><text:p>a comment</text:p></office:annotation>kept</text:p>`
	want := "Universal connectivity\nby 2030\n" + arabic + "\n" + chinese + "\nkept"
	cases := []struct {
		name string
		file []byte
		kind Kind
	}{
		{"docx", buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
			entry{name: "word/document.xml", data: docxRuns}), DOCX},
		{"odt", odtWith(t, odtBody), ODT},
		{"txt", []byte("\uFEFFUniversal\tconnectivity\r\nby   2030\n\n" + arabic + "\n" + chinese + "\r\nkept\n"), TXT},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kind, text, err := extractBytes(t, tc.file, Limits{})
			if err != nil || kind != tc.kind {
				t.Fatalf("Extract = %q, %v; want %q", kind, err, tc.kind)
			}
			if text != want {
				t.Errorf("text = %q\nwant   %q", text, want)
			}
		})
	}
}

func TestDOCXFootnotesFollowTheBody(t *testing.T) {
	notes := `<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote><w:p>` +
		run("See the Tunis Agenda.") + `</w:p></w:footnote></w:footnotes>`
	file := buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
		entry{name: "word/footnotes.xml", data: []byte(notes)}, entry{name: "word/document.xml", data: documentXML(run("Body"))})
	_, text, err := extractBytes(t, file, Limits{})
	if err != nil || text != "Body\nSee the Tunis Agenda." {
		t.Fatalf("text %q, %v", text, err)
	}
}

func TestDOCXTextBoxIsReadOnce(t *testing.T) {
	box := func(kind string) string {
		return `<w:txbxContent><w:p>` + run("In the box ("+kind+")") + `</w:p></w:txbxContent>`
	}
	body := `<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
		`<mc:Choice Requires="wps">` + box("shape") + `</mc:Choice><mc:Fallback>` + box("legacy") + `</mc:Fallback></mc:AlternateContent></w:r>` +
		run("After")
	file := buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
		entry{name: "word/document.xml", data: documentXML(body)})
	_, text, err := extractBytes(t, file, Limits{})
	if err != nil || text != "In the box (shape)\nAfter" {
		t.Fatalf("text %q, %v", text, err)
	}
}

func TestTextBadLaterInTheFile(t *testing.T) {
	long := strings.Repeat("Data governance matters. ", 1000) // past what Sniff reads
	for name, tail := range map[string]string{"invalid UTF-8": "\xff\xfe", "NUL": "\x00", "control": "\x07"} {
		t.Run(name, func(t *testing.T) {
			_, _, err := extractBytes(t, []byte(long+tail), Limits{})
			wantCode(t, err, CodeEncoding)
		})
	}
}

func TestMaxTextCutsTheText(t *testing.T) {
	for name, file := range map[string][]byte{
		"txt":  []byte("один два три четыре"),
		"docx": docx(t, "один два", "три четыре"),
		"odt":  odt(t, "один два", "три четыре"),
	} {
		_, text, err := extractBytes(t, file, Limits{MaxText: 7})
		if err != nil || text != "один два" {
			t.Errorf("%s: text %q, %v; want the first 7 characters", name, text, err)
		}
	}
}

// unreadable fails every read: a file over the limit must not be read at all.
type unreadable struct{ t *testing.T }

func (u unreadable) ReadAt([]byte, int64) (int, error) {
	u.t.Error("the file was read")
	return 0, os.ErrInvalid
}

func TestOversizedFileIsNotRead(t *testing.T) {
	_, _, err := Extract(context.Background(), unreadable{t}, 10<<20+1, Limits{})
	wantCode(t, err, CodeTooLarge)
	_, err = Text(context.Background(), unreadable{t}, 2001, TXT, Limits{MaxBytes: 2000})
	wantCode(t, err, CodeTooLarge)
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestZipBombs(t *testing.T) {
	const limit = 1 << 20
	huge := documentXML(run(strings.Repeat("a", 16<<20))) // 16 MB that deflates to some 16 KB
	bomb := func(declared uint64) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("[Content_Types].xml")
		w.Write([]byte(contentTypes))
		rawDeflated(t, zw, "word/document.xml", huge, declared)
		zw.Close()
		return buf.Bytes()
	}
	third := documentXML(run(strings.Repeat("b", limit*2/3)))
	twoParts := buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
		entry{name: "word/document.xml", data: third}, entry{name: "word/footnotes.xml", data: third})
	cases := []struct {
		name string
		file []byte
		code string
	}{
		{"declared honestly", bomb(uint64(len(huge))), CodeExpands},
		// archive/zip stops at the declared size; the budget would stop it too.
		{"declared small", bomb(4096), CodeUnreadable},
		// each part fits, but not both: what is read is counted across parts.
		{"parts that add up", twoParts, CodeExpands},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, _, err = extractBytes(t, tc.file, Limits{MaxUncompressed: limit}) })
			wantCode(t, err, tc.code)
			if n > 8*limit {
				t.Errorf("allocated %d bytes for a %d-byte budget", n, limit)
			}
		})
	}
}

func TestMacrosAreRefused(t *testing.T) {
	docm := buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
		entry{name: "word/document.xml", data: documentXML(run("Hi"))}, entry{name: "word/vbaProject.bin", data: []byte{0xd0, 0xcf}})
	odtBasic := odtWith(t, "<text:p>Hi</text:p>", entry{name: "Basic/Standard/Module1.xml", data: []byte("<module/>")})
	for name, file := range map[string][]byte{"docm": docm, "odt with Basic": odtBasic} {
		t.Run(name, func(t *testing.T) {
			_, _, err := extractBytes(t, file, Limits{})
			wantCode(t, err, CodeActive)
		})
	}
}

func TestMalformedDocuments(t *testing.T) {
	cases := map[string][]byte{
		"docx with broken XML": buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
			entry{name: "word/document.xml", data: []byte("<w:document><w:body><w:p>")}),
		"odt without content": buildZip(t, entry{name: "mimetype", data: []byte(odtMimeType), store: true}),
		"odt with an entity":  odtWith(t, "<text:p>&xxe;</text:p>"),
		// encoding/xml reads no DTD, so the entities are unknown, not expanded.
		"docx with a billion laughs": buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
			entry{name: "word/document.xml", data: []byte(`<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">` +
				`<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` +
				`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:t>&c;</w:t></w:p></w:document>`)}),
		"docx with an external entity": buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
			entry{name: "word/document.xml", data: []byte(`<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
				`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:t>&x;</w:t></w:p></w:document>`)}),
	}
	for name, file := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := extractBytes(t, file, Limits{})
			wantCode(t, err, CodeUnreadable)
		})
	}
}

func TestUnknownKind(t *testing.T) {
	_, err := Text(context.Background(), strings.NewReader("x"), 1, Kind("exe"), Limits{})
	wantCode(t, err, CodeType)
}

func TestBoundedExtraction(t *testing.T) {
	lim := Limits{Timeout: 50 * time.Millisecond}.withDefaults()
	t.Run("a panic is an unreadable file", func(t *testing.T) {
		_, err := bounded(context.Background(), lim, func(context.Context, *budget, *textOut) error {
			panic("a bug in a parser")
		})
		wantCode(t, err, CodeUnreadable)
	})
	t.Run("the timeout does not wait for a parser that ignores it", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		start := time.Now()
		_, err := bounded(context.Background(), lim, func(context.Context, *budget, *textOut) error {
			<-release
			return nil
		})
		wantCode(t, err, CodeTimeout)
		if took := time.Since(start); took > 500*time.Millisecond {
			t.Errorf("returned after %v", took)
		}
	})
	t.Run("the text limit ends the extraction well", func(t *testing.T) {
		text, err := bounded(context.Background(), Limits{MaxText: 3}.withDefaults(), func(_ context.Context, _ *budget, out *textOut) error {
			return out.WriteString("abcdef")
		})
		if err != nil || text != "abc" {
			t.Fatalf("text %q, %v", text, err)
		}
	})
}
