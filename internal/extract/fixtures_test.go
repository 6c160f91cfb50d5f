package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"html"
	"strings"
	"testing"
)

// entry is one file of a zip fixture.
type entry struct {
	name string
	data []byte
	// store writes the entry uncompressed (as ODT's mimetype must be).
	store bool
}

// buildZip writes the entries, in order, into a zip.
func buildZip(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e.store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

// documentXML is a word/document.xml with the given paragraph bodies, which
// are WordprocessingML runs (use run for plain text).
func documentXML(paragraphs ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range paragraphs {
		b.WriteString("<w:p>" + p + "</w:p>")
	}
	b.WriteString("</w:body></w:document>")
	return []byte(b.String())
}

// run is a WordprocessingML run holding text.
func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r>`
}

// docx is a minimal Word document with one paragraph per argument.
func docx(t testing.TB, paragraphs ...string) []byte {
	t.Helper()
	runs := make([]string, len(paragraphs))
	for i, p := range paragraphs {
		runs[i] = run(p)
	}
	return buildZip(t, entry{name: "[Content_Types].xml", data: []byte(contentTypes)},
		entry{name: "word/document.xml", data: documentXML(runs...)})
}

// contentXML is an ODT content.xml with the given body (text:p, text:h…).
func contentXML(body string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` +
		`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">` +
		`<office:body><office:text>` + body + `</office:text></office:body></office:document-content>`)
}

// odtWith is an OpenDocument text with the given content.xml body.
func odtWith(t testing.TB, body string, extra ...entry) []byte {
	t.Helper()
	entries := []entry{
		{name: "mimetype", data: []byte(odtMimeType), store: true},
		{name: "META-INF/manifest.xml", data: []byte(`<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`)},
		{name: odtContent, data: contentXML(body)},
	}
	return buildZip(t, append(entries, extra...)...)
}

// odt is an OpenDocument text with one paragraph per argument.
func odt(t testing.TB, paragraphs ...string) []byte {
	t.Helper()
	var b strings.Builder
	for _, p := range paragraphs {
		b.WriteString("<text:p>" + html.EscapeString(p) + "</text:p>")
	}
	return odtWith(t, b.String())
}

// rawDeflated is an entry written with the sizes given, whatever data
// really inflates to: how a zip bomb lies about its size.
func rawDeflated(t testing.TB, zw *zip.Writer, name string, data []byte, declared uint64) {
	t.Helper()
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(packed.Bytes())
}
