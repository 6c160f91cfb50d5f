package web_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// countingBody counts the bytes the server reads of a request body.
type countingBody struct {
	r    io.Reader
	read int
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read += n
	return n, err
}

// A client over the public rate limit that posts files to an input form
// (the form or the API) is refused before a byte of them is read or
// stored, as the route itself would refuse it afterwards.
func TestFilesOverTheRateLimitAreNotRead(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true, RegisterRate: 1})
	h := a.App.Web.Handler()
	files := []upload{{name: "brief.pdf", claims: "application/pdf", data: bytes.Repeat([]byte("%PDF-1.4 "), 100_000)}}
	post := func(path string) (*httptest.ResponseRecorder, *countingBody) {
		buf, ct := multipartBody(t, url.Values{"title": {"A"}, "input": {`{"title":"A"}`}}, "attachments", files)
		body := &countingBody{r: buf}
		req := httptest.NewRequest(http.MethodPost, path, body)
		req.Header.Set("Content-Type", ct)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec, body
	}
	form := "/reviews/" + demo.ReviewSlug + "/inputs"
	if rec, body := post(form); rec.Code == http.StatusTooManyRequests || body.read == 0 {
		t.Fatalf("the first post: %d, %d bytes read; want it read and let through the limit", rec.Code, body.read)
	}
	for _, path := range []string{form, "/api/v1/inputs"} {
		rec, body := post(path)
		if rec.Code != http.StatusTooManyRequests || body.read != 0 {
			t.Errorf("%s over the limit: %d, %d bytes read; want 429 with nothing read", path, rec.Code, body.read)
		}
		if rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s over the limit: no Retry-After", path)
		}
		if path == "/api/v1/inputs" && !strings.Contains(rec.Body.String(), "rate_limited") {
			t.Errorf("the API's refusal is not its rate-limit problem: %.200s", rec.Body.String())
		}
	}
}
