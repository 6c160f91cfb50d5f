package web_test

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/testutil/apptest"
)

// hostileAttachments sends files meant to hurt: each is refused with its
// translated message beside the file field, what was typed is kept, the
// files must be chosen again, and nothing is stored; nor is any
// temporary file left, even by a body cut off midway.
func hostileAttachments(t *testing.T, a *apptest.App, staff *http.Client, q int64, tmp string) {
	t.Helper()
	before := inputCount(t, a)
	big := bytes.Repeat([]byte("eleven megabytes of text\n"), (11<<20)/25)
	fine := upload{"fine.txt", "text/plain", []byte("fine")}
	cases := []struct {
		name  string
		files []upload
		want  string
	}{
		{"a PDF that is not one", []upload{{"report.pdf", "application/pdf", append([]byte{0x89, 'P', 'N', 'G', 0, 0}, big[:100]...)}},
			"This file is not a PDF, a Word document (DOCX)"},
		{"an 11 MB file", []upload{{"huge.txt", "text/plain", big}}, "This file is larger than an attachment may be."},
		{"six files", []upload{fine, fine, fine, fine, fine, fine}, "Too many files: an input may have 5 attachments at most."},
		{"a DOCX zip bomb", []upload{{"bomb.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxBomb(t)}},
			"This file unpacks to far more data than a document of its size should"},
		{"a PDF with JavaScript", []upload{{"script.pdf", "application/pdf", pdfText(t, "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", "hello")}},
			"This file contains scripts or macros"},
		{"three files over the total", []upload{{"a.txt", "text/plain", big[:9<<20]}, {"b.txt", "text/plain", big[:9<<20]}, {"c.txt", "text/plain", big[:9<<20]}},
			"These files are larger together than an input&#39;s attachments may be"},
	}
	for _, c := range cases {
		form := onBehalfForm(q, "<b>kept</b> answer for "+c.name, "named")
		resp, page := postFiles(t, a, staff, adminInputs, form, c.files...)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, resp.StatusCode)
		}
		for _, want := range []string{c.want, "&lt;b&gt;kept&lt;/b&gt; answer for", `id="f-attachments-error"`,
			"please choose your files once more", `href="#f-attachments"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the form shown again lacks %q", c.name, want)
			}
		}
	}
	// In the reader's language: French and Arabic.
	for lang, want := range map[string][]string{
		"fr": {"Ce fichier n’est ni un PDF", "choisissez-les une nouvelle fois", "Pièces jointes"},
		"ar": {"هذا الملف ليس ملف PDF", "لا تُحفظ الملفات عند عرض الاستمارة", "المرفقات"},
	} {
		body, ct := multipartBody(t, onBehalfForm(q, "in "+lang, "named"), "attachments", cases[0].files)
		resp, page := postBody(t, a, staff, adminInputs+"?lang="+lang, ct, body)
		for _, w := range want {
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, w) {
				t.Errorf("%s: %d, the refusal lacks %q", lang, resp.StatusCode, w)
			}
		}
	}
	if n := inputCount(t, a); n != before {
		t.Errorf("refused uploads stored %d inputs", n-before)
	}
	emptyDir(t, tmp, "refused uploads")

	// A body cut off midway: refused, nothing stored, no file left.
	body, ct := multipartBody(t, onBehalfForm(q, "cut off", "named"), "attachments", []upload{{"x.txt", "text/plain", big[:1<<20]}})
	resp, _ := postBody(t, a, staff, adminInputs, ct, io.LimitReader(body, int64(body.Len()/2)))
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a body cut off: %d, want 400", resp.StatusCode)
	}
	if n := inputCount(t, a); n != before {
		t.Error("a body cut off stored an input")
	}
	emptyDir(t, tmp, "a body cut off")

	// Over the body limit of these routes (28 MB): refused whole.
	body, ct = multipartBody(t, onBehalfForm(q, "too much", "named"), "attachments",
		[]upload{{"a.txt", "text/plain", big[:10<<20]}, {"b.txt", "text/plain", big[:10<<20]}, {"c.txt", "text/plain", big[:9<<20]}})
	if resp, _ := postBody(t, a, staff, adminInputs, ct, body); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 29 MB body: %d, want 413", resp.StatusCode)
	}
	if n := inputCount(t, a); n != before {
		t.Error("a body over the limit stored an input")
	}
	emptyDir(t, tmp, "a body over the limit")

	// Bad characters in a multipart text field: refused as in a urlencoded form.
	form := onBehalfForm(q, "nul \x00 here", "named")
	if resp, page := postFiles(t, a, staff, adminInputs, form, fine); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "nul \ufffd here") {
		t.Errorf("NUL in a multipart field: %d", resp.StatusCode)
	}

	// A hostile name: stored neutralised, shown as text, offered safely.
	id := submitFiles(t, a, staff, onBehalfForm(q, "named oddly", "named"),
		upload{"../../etc/<img src=x onerror=alert(1)>\x00\x01\u202e.txt", "text/html", []byte("<script>alert(1)</script>")})
	moderate(t, a, staff, id, "publish")
	_, page := a.Get(t, a.Client(), "/inputs/"+strconv.FormatInt(id, 10))
	if strings.Contains(page, "<img src=x") || !strings.Contains(page, "&lt;img src=x onerror=alert(1)&gt;.txt") ||
		strings.Contains(page, "../") || strings.Contains(page, "\u202e") {
		t.Errorf("the hostile name is not shown as text:\n%s", page[strings.Index(page, "<main"):])
	}
	resp, served := a.Get(t, a.Client(), fileURL(id, 1))
	cd := resp.Header.Get("Content-Disposition")
	if resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" || strings.ContainsAny(cd, "\x00\x01/<>\u202e") ||
		!strings.Contains(cd, "%3Cimg%20src%3Dx") || served != "<script>alert(1)</script>" {
		t.Errorf("the hostile file is served as %q, %q", resp.Header.Get("Content-Type"), cd)
	}
}
