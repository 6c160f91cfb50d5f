package cli_test

import (
	"context"
	"fmt"
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
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/reviews/wsis20/inputs", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
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
	for _, h := range hits {
		if h.Status != inputs.Unverified {
			t.Errorf("input %d: status %s", h.ID, h.Status)
		}
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
