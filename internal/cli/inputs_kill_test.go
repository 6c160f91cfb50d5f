package cli_test

import (
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/store"
)

// Written inputs acknowledged before a kill -9 are there after the
// restart, every one with its verification email (sent once).
func TestInputsSurviveKill9(t *testing.T) {
	bin, data, addr := buildBinary(t), t.TempDir(), freeAddr(t)
	srv := startServe(t, bin, data, addr)
	c, err := openData(t, data).ConsultationBySlug(context.Background(), "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	q := strconv.FormatInt(c.Questions[0].ID, 10)
	const n = 10
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := range n {
		form := url.Values{"consultation": {"wsis20-lac"}, "answer_" + q: {fmt.Sprintf("Kill test input %d about connectivity.", i)},
			"author_name": {"Ana"}, "author_email": {fmt.Sprintf("kill%d@example.org", i)}, "organization": {"Nupef"},
			"stakeholder_group": {"civil_society"}, "country": {"BR"}, "language": {"en"}, "publication": {"named"}}
		body, ct := strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"
		if i%2 == 0 { // every other one with a file
			body, ct = killUpload(t, form, i)
		}
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/reviews/wsis20/inputs", body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther { // the acknowledgement
			t.Fatalf("input %d: status %d", i, resp.StatusCode)
		}
	}
	if err := srv.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	srv = startServe(t, bin, data, addr)
	defer func() { _ = srv.Process.Signal(syscall.SIGTERM); _ = srv.Wait() }()

	db := openData(t, data)
	hits, _, _, err := db.Inputs(context.Background(), store.InputFilter{Query: "Kill test input"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != n {
		t.Fatalf("after kill -9: %d inputs, want %d", len(hits), n)
	}
	files := 0
	for _, h := range hits {
		if h.Status != inputs.Unverified {
			t.Errorf("input %d: status %s", h.ID, h.Status)
		}
		list, err := db.InputAttachments(context.Background(), h.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range list {
			a, err := db.InputAttachmentFile(context.Background(), h.ID, 1, f.N)
			if err != nil || !strings.HasPrefix(string(a.Content), "Annex of kill test input ") {
				t.Errorf("input %d: its file after kill -9: %v", h.ID, err)
			}
			files++
		}
	}
	if files != n/2 {
		t.Errorf("after kill -9: %d files, want %d", files, n/2)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var sent int
		if err := db.Writer().QueryRow(`SELECT COUNT(*) FROM emails WHERE key LIKE 'input-verify:%'`).Scan(&sent); err != nil {
			t.Fatal(err)
		}
		if sent == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d verification emails after the restart, want %d", sent, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// killUpload is form as multipart, with one text file.
func killUpload(t *testing.T, form url.Values, i int) (*strings.Reader, string) {
	t.Helper()
	var buf strings.Builder
	mw := multipart.NewWriter(&buf)
	for name, vs := range form {
		mw.WriteField(name, vs[0])
	}
	w, err := mw.CreateFormFile("attachments", fmt.Sprintf("annex-%d.txt", i))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, "Annex of kill test input %d.\n", i)
	mw.Close()
	return strings.NewReader(buf.String()), mw.FormDataContentType()
}
