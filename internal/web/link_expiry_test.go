package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// The confirm link in the email works for 30 days from registering and
// the cancel link until 90 days after the consultation; an expired link's
// page says it expired, a forged one that it is not valid.
func TestEmailedLinksExpire(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	c := a.Client()
	a.PostForm(t, c, "/c/"+demo.LACSlug+"/register", registrationForm("late@example.org")).Body.Close()
	text := waitEmail(t, a, "late@example.org", 1)[0].Message.Text
	reg := registrationByEmail(t, a, "late@example.org")
	lac, err := a.DB().ConsultationBySlug(t.Context(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	signer, day := a.App.Web.URLs.Signer(), 24*time.Hour
	tokenOf := func(prefix string) string {
		u := strings.SplitN(linkIn(t, text, prefix), "?", 2)[0]
		return u[strings.LastIndex(u, "/")+1:]
	}
	for _, tc := range []struct {
		purpose, prefix string
		from            time.Time
		life            time.Duration
	}{
		{links.Confirm, "/r/confirm/", reg.CreatedAt, 30 * day},
		{links.Cancel, "/r/cancel/", lac.EndsAt, 90 * day},
	} {
		token := tokenOf(tc.prefix)
		if _, st := signer.Check(tc.purpose, token, tc.from.Add(tc.life-time.Minute)); st != links.Valid {
			t.Errorf("%s link just before its end: %v", tc.purpose, st)
		}
		if _, st := signer.Check(tc.purpose, token, tc.from.Add(tc.life+time.Second)); st != links.Expired {
			t.Errorf("%s link just after its end: %v", tc.purpose, st)
		}
	}

	expired := "/r/confirm/" + signer.SignUntil(links.Confirm, reg.ID, time.Now().Add(-time.Minute))
	resp, page := a.Get(t, c, expired)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(page, "This link has expired") || strings.Contains(page, "not valid") {
		t.Errorf("expired confirm link: %d, page says expired=%v", resp.StatusCode, strings.Contains(page, "has expired"))
	}
	if resp, _ := post(t, a, c, expired, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST to an expired confirm link: %d", resp.StatusCode)
	}
	forged := strings.Replace(expired, reg.ID, "someone-else", 1)
	if _, page := a.Get(t, c, forged); !strings.Contains(page, "not valid") {
		t.Error("a forged link does not say it is not valid")
	}
	if resp, _ := a.Get(t, c, "/r/cancel/"+tokenOf("/r/cancel/")); resp.StatusCode != http.StatusOK {
		t.Errorf("the emailed cancel link: %d", resp.StatusCode)
	}
}
