package web_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/testutil/golden"
	"github.com/consulta/consulta/internal/web"
)

// Golden files hold what a reader sees: run
//
//	go test ./internal/web -run TestGolden -update
//
// after changing a page or an email on purpose, and read the diff.

// goldenNow is the clock of the golden pages: the demo loaded at this
// instant puts the LAC consultation on 15 December 2026.
func goldenNow() time.Time { return time.Date(2026, time.December, 1, 15, 0, 0, 0, time.UTC) }

// goldenSite is the web server over the demo data as of goldenNow, with its
// clock fixed there too, so pages come out the same every day. It has no
// job queue: it serves pages that only read.
func goldenSite(t *testing.T) http.Handler {
	t.Helper()
	ctx := t.Context()
	db := dbtest.Open(t, "sqlite")
	if _, err := demo.Load(ctx, db, goldenNow()); err != nil {
		t.Fatal(err)
	}
	secret, err := db.Secret(ctx)
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Deps{Config: &config.Config{BaseURL: "http://consulta.example", Identity: config.Identity{Secretariat: config.DemoSecretariat}}, DB: db, Catalog: catalog,
		Countries: country.New(), URLs: links.NewURLs("http://consulta.example", links.NewSigner(secret)), Logger: slog.New(slog.DiscardHandler), Now: goldenNow,
		Live: &live.Service{Store: db, Now: goldenNow}})
	if err != nil {
		t.Fatal(err)
	}
	return srv.Handler()
}

// The public page of the Santiago consultation, left to right and right to left.
func TestGoldenConsultationPage(t *testing.T) {
	site := goldenSite(t)
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			rec := httptest.NewRecorder()
			site.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/c/"+demo.LACSlug+"?lang="+lang, nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d\n%s", rec.Code, rec.Body)
			}
			if bytes.Contains(rec.Body.Bytes(), []byte("meet.example.org")) {
				t.Fatal("the page shows the meeting URL")
			}
			golden.Assert(t, "consultation_page."+lang+".html", rec.Body.Bytes())
		})
	}
}

// goldenLACStart is the date the confirmation email test moves the LAC
// consultation to, so the email's date does not follow the real clock.
func goldenLACStart(t *testing.T) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(demo.LACTimeZone)
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2030, time.December, 11, 11, 0, 0, 0, loc)
}

// The confirmation email a registrant gets after registering for the
// Santiago consultation through the real app, as the built-in outbox
// keeps it. The signed links' tokens and the server's address change on
// every run and are replaced by placeholders.
func TestGoldenConfirmationEmail(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	lac, err := a.DB().ConsultationBySlug(t.Context(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	lac.StartsAt = goldenLACStart(t)
	lac.EndsAt = lac.StartsAt.Add(2 * time.Hour)
	if err := a.DB().SaveConsultation(t.Context(), lac); err != nil {
		t.Fatal(err)
	}
	form := registrationForm("ana@example.org")
	form.Set("language", "en")
	resp := a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", form)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: status %d", resp.StatusCode)
	}
	m := waitEmail(t, a, "ana@example.org", 1)[0].Message
	scrub := func(b []byte) []byte {
		return golden.Replace(t, b, golden.Literal(a.URL, "{base_url}"),
			golden.Pattern(`(/r/(?:confirm|cancel)/|/p/|/j/)[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+){1,2}`, "${1}{token}"))
	}
	golden.Assert(t, "confirmation_email.en.txt", scrub([]byte("Subject: "+m.Subject+"\n\n"+m.Text)))
	golden.Assert(t, "confirmation_email.en.html", scrub([]byte(m.HTML)))
}
