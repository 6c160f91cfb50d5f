package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

func TestMetricsByRoutePattern(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	c := a.Client()
	a.Get(t, c, "/c/"+demo.LACSlug)
	_, body := a.Get(t, c, "/metrics")
	if !strings.Contains(body, `route="GET /c/{slug}"`) {
		t.Errorf("/metrics has no series for GET /c/{slug}:\n%.2000s", body)
	}
}

// TestMultipartRefusedAndNoTempFiles: no route but the input forms takes
// files (inputs_hostile_test.go tests those), so a multipart post with a
// 40 MB part is refused without parsing it into os.TempDir.
func TestMultipartRefusedAndNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	a := apptest.Start(t, apptest.Options{Demo: true})
	h := &hostileApp{App: a}
	for _, path := range []string{"/c/" + demo.LACSlug + "/register", "/admin/login"} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.WriteField("email", "x@example.org")
		part, _ := mw.CreateFormFile("upload", "big.bin")
		_, _ = part.Write(bytes.Repeat([]byte("x"), 40<<20))
		_ = mw.Close()
		status, body := h.send(t, a.Client(), "POST", path, mw.FormDataContentType(), &buf)
		if status != http.StatusUnsupportedMediaType || !strings.Contains(body, "attached files") {
			t.Errorf("multipart to %s: %d, want 415 saying files are not taken\n%.300s", path, status, body)
		}
	}
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "multipart-") {
			t.Errorf("temporary upload %s left behind", e.Name())
		}
	}
}

// TestBadCharactersInURLAndFormKeptTyped: path and query values are checked
// too; a refused form keeps what was typed (made showable).
func TestBadCharactersInURLAndFormKeptTyped(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	c := a.Client()
	for _, path := range []string{"/c/" + demo.LACSlug + "?x=%00", "/c/%FF%FE", "/c/" + demo.LACSlug + "/register?lang=%0A"} {
		resp, body := a.Get(t, c, path)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "cannot be used") {
			t.Errorf("GET %s: %d, want 422\n%.300s", path, resp.StatusCode, body)
		}
	}
	resp, body := a.Get(t, c, "/api/v1/consultations/%00")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `"slug"`) {
		t.Errorf("API path with NUL: %d %s, want 422 naming slug", resp.StatusCode, body)
	}
	form := registrationForm("typed@example.org")
	form.Set("family_name", "Sou\x00za")
	form.Set("organization", "Kept Org")
	r, page := post(t, a, c, "/c/"+demo.LACSlug+"/register", form)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `value="Kept Org"`) ||
		!strings.Contains(page, "Sou\uFFFDza") || !strings.Contains(page, "f-family_name-error") {
		t.Errorf("registration with NUL: %d, want the form again with the error at family_name and the values kept\n%s", r.StatusCode, page)
	}
}

// TestContentFormRefusesControlCharacters: a secretariat text with a NUL
// is shown again beside its field and nothing is saved; line breaks in a
// background text are fine.
func TestContentFormRefusesControlCharacters(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	c := signInStaff(t, a)
	path := "/admin/consultations/" + demo.LACSlug
	_, edit := a.Get(t, c, path+"/edit")
	if !strings.Contains(edit, "name=\"title\"") {
		t.Fatalf("no edit form:\n%.500s", edit)
	}
	form := url.Values{"title": {"New\x00title"}, "background": {"Line one\r\n\r\nLine two"}}
	r, page := post(t, a, c, path, form)
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "f-title-error") || strings.Contains(page, "f-background-error") {
		t.Errorf("content form with NUL in title: %d, want 422 with the error at title only\n%.3000s", r.StatusCode, page)
	}
}

// TestPagingBounded: huge page, limit and offset values are clamped or
// refused, never a database error.
func TestPagingBounded(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
			c := signInStaff(t, a)
			base := "/admin/consultations/" + demo.LACSlug + "/registrations?page="
			for _, p := range []string{"9223372036854775807", "99999999999999999999", "-9223372036854775808", "x"} {
				if resp, _ := a.Get(t, c, base+p); resp.StatusCode != http.StatusOK {
					t.Errorf("page=%s: %d, want 200", p, resp.StatusCode)
				}
			}
			token := a.APIToken(t, a.AddStaff(t, "api@example.org", adminPassword, "admin"))
			api := "/api/v1/consultations/" + demo.LACSlug + "/registrations?"
			for q, want := range map[string]int{"offset=9223372036854775807": 422, "offset=-1": 422, "limit=0": 422,
				"limit=99999999999999999999": 200, "offset=10&limit=5": 200} {
				if resp, body := a.Get(t, a.Client(), api+q, "Authorization", "Bearer "+token); resp.StatusCode != want {
					t.Errorf("%s: %d %s, want %d", q, resp.StatusCode, body, want)
				}
			}
			// The scheme in any case: RFC 9110 makes it case-insensitive.
			for _, scheme := range []string{"bearer", "BEARER", "beaRer"} {
				if resp, body := a.Get(t, a.Client(), api, "Authorization", scheme+"  "+token); resp.StatusCode != 200 {
					t.Errorf("Authorization: %s …: %d %s, want 200", scheme, resp.StatusCode, body)
				}
			}
		})
	}
}
