package web_test

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/testutil/apptest"
)

// upload is a file part of a multipart form: name is sent as the part's
// filename (escaped with RFC 2231 when it holds what a quoted string may
// not), with a Content-Type that claims whatever the test likes.
type upload struct {
	name, claims string
	data         []byte
}

// multipartBody writes fields, then the files as parts named field.
func multipartBody(t *testing.T, fields url.Values, field string, files []upload) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(name, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename="upload"; filename*=UTF-8''%s`, field,
			percentEncoded(f.name)))
		h.Set("Content-Type", f.claims)
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// postFiles posts a multipart form as a browser on the site would.
func postFiles(t *testing.T, a *apptest.App, c *http.Client, path string, fields url.Values, files ...upload) (*http.Response, string) {
	t.Helper()
	body, ct := multipartBody(t, fields, "attachments", files)
	return postBody(t, a, c, path, ct, body)
}

func postBody(t *testing.T, a *apptest.App, c *http.Client, path, contentType string, body io.Reader, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, a.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Origin", a.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

// zipOf writes the entries (name, data, name, data…) into a zip.
func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(entries); i += 2 {
		w, err := zw.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, entries[i+1])
	}
	zw.Close()
	return buf.Bytes()
}

const docxTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`

// docxWith is a Word document with one paragraph of raw runs.
func docxWith(t *testing.T, runs string) []byte {
	return zipOf(t, "[Content_Types].xml", docxTypes, "word/document.xml",
		`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>`+
			runs+`</w:p></w:body></w:document>`)
}

func docxText(t *testing.T, text string) []byte {
	return docxWith(t, `<w:r><w:t>`+html.EscapeString(text)+`</w:t></w:r>`)
}

// docxBomb inflates to 80 MB of text, over extract's 64 MB.
func docxBomb(t *testing.T) []byte {
	return docxWith(t, `<w:r><w:t>`+strings.Repeat("a", 80<<20)+`</w:t></w:r>`)
}

// pdfText is a one-page PDF showing text in Helvetica; catalogExtra goes
// into the catalog (an /OpenAction, say).
func pdfText(t *testing.T, catalogExtra, text string) []byte {
	t.Helper()
	var packed bytes.Buffer
	zw := zlib.NewWriter(&packed)
	fmt.Fprintf(zw, "BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	zw.Close()
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", packed.Len(), packed.String()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// percentEncoded is RFC 8187's encoding of every byte but letters and digits.
func percentEncoded(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// odtText is an OpenDocument text with one paragraph; its mimetype entry
// comes first, stored, as the format requires.
func odtText(t *testing.T, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "application/vnd.oasis.opendocument.text")
	w, _ = zw.Create("content.xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" `+
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:p>`+
		html.EscapeString(text)+`</text:p></office:text></office:body></office:document-content>`)
	zw.Close()
	return buf.Bytes()
}
