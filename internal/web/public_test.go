package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// registrationForm is a valid public registration; tests change fields.
func registrationForm(email string) url.Values {
	return url.Values{"given_name": {"Ana"}, "family_name": {"Souza"}, "email": {email}, "organization": {"Instituto Nupef"},
		"stakeholder_group": {"civil_society"}, "country": {"BR"}, "language": {"pt"}, "consent": {"yes"}}
}

func TestPublicPages(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	cases := []struct {
		name, path string
		header     []string
		status     int
		want       []string
		notWant    []string
	}{
		{"home", "/", nil, 200, []string{"WSIS+20 Review", "WSIS at 20: Successes, Failures, and Expectations", "October 2023"}, nil},
		{"consultation", "/c/wsis20-lac", nil, 200, []string{
			"To what extent and how has the vision", "cstd-wsis20@unctad.org", "Chile time (Santiago)", "11:00–13:00",
			"Muhammadou M O Kah", "ECLAC", "/c/wsis20-lac/register", "moved from 5 December 2024", "UTC"}, nil},
		{"consultation in Spanish by query", "/c/wsis20-lac?lang=es", nil, 200, []string{"La CMSI a los 20 años", `lang="es"`}, nil},
		{"consultation in Spanish by header", "/c/wsis20-lac", []string{"Accept-Language", "es-CL,es;q=0.9"}, 200, []string{`lang="es"`}, nil},
		{"arabic is right to left, untranslated content marked English", "/c/wsis20-lac?lang=ar", nil, 200, []string{`dir="rtl"`, `lang="ar"`, `<h1 lang="ar" dir="rtl">القمة العالمية`, `<div class="prose" lang="en" dir="ltr"><p>The United Nations`}, nil},
		{"register form", "/c/wsis20-lac/register", nil, 200, []string{`name="given_name"`, `name="consent"`, "Brazil"}, nil},
		{"check email", "/c/wsis20-lac/registered", nil, 200, []string{"Check your email"}, nil},
		{"unknown consultation", "/c/nope", nil, 404, []string{"There is no such consultation."}, nil},
		{"bad confirm token", "/r/confirm/abc.def", nil, 404, []string{"This link is not valid"}, nil},
		{"privacy", "/privacy", nil, 200, []string{"Privacy notice"}, nil},
		{"healthz", "/healthz", nil, 200, []string{"ok"}, nil},
		{"metrics", "/metrics", nil, 200, []string{"consulta_http_request_duration_seconds"}, nil},
		{"ics", "/c/wsis20-lac/event.ics", nil, 200, []string{"BEGIN:VCALENDAR", "DTSTART;TZID=America/Santiago:", "T110000"}, nil},
		{"stylesheet", "/static/style.css", nil, 200, []string{"{"}, nil},
		{"script", "/static/local-time.js", nil, 200, []string{"function"}, nil},
		{"no such static file", "/static/nope.css", nil, 404, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.Get(t, a.Client(), tc.path, tc.header...)
			if resp.StatusCode != tc.status {
				t.Fatalf("GET %s: status %d, want %d\n%s", tc.path, resp.StatusCode, tc.status, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", tc.path, w)
				}
			}
		})
	}
}

func TestLanguageCookieRemembersSwitcher(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	c := a.Client()
	a.Get(t, c, "/?lang=fr")
	_, body := a.Get(t, c, "/c/wsis20-lac")
	if !strings.Contains(body, `lang="fr"`) {
		t.Fatal("the language chosen with the switcher was not remembered")
	}
}

func TestRegisterConfirmCancel(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			testRegisterConfirmCancel(t, apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)}))
		})
	}
}

func testRegisterConfirmCancel(t *testing.T, a *apptest.App) {
	c := a.Client()
	resp := a.PostForm(t, c, "/c/wsis20-lac/register", registrationForm("ana@example.org"))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/c/wsis20-lac/registered" {
		t.Fatalf("register: status %d location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	reg := onlyRegistration(t, a)
	if reg.Status != registration.PendingConfirmation || reg.Country != "BR" || reg.Language != "pt" {
		t.Fatalf("stored %+v", reg)
	}
	email := waitEmail(t, a, "ana@example.org", 1)[0]
	confirm := linkIn(t, email.Message.Text, "/r/confirm/")
	// A mail scanner fetching the link must not confirm.
	resp, body := a.Get(t, c, confirm)
	if resp.StatusCode != 200 || !strings.Contains(body, "<form") {
		t.Fatalf("GET confirm link: %d", resp.StatusCode)
	}
	if onlyRegistration(t, a).Status != registration.PendingConfirmation {
		t.Fatal("GET of the confirm link confirmed the registration")
	}
	a.PostForm(t, c, strings.SplitN(confirm, "?", 2)[0], nil)
	if got := onlyRegistration(t, a).Status; got != registration.Approved {
		t.Fatalf("after POST confirm: status %s", got)
	}
	cancel := linkIn(t, email.Message.Text, "/r/cancel/")
	a.PostForm(t, c, strings.SplitN(cancel, "?", 2)[0], nil)
	if got := onlyRegistration(t, a).Status; got != registration.Cancelled {
		t.Fatalf("after POST cancel: status %s", got)
	}
	// A confirm token does not work as a cancel token.
	token := strings.TrimPrefix(strings.SplitN(confirm, "?", 2)[0], "/r/confirm/")
	if resp, _ := a.Get(t, c, "/r/cancel/"+token); resp.StatusCode != 404 {
		t.Fatalf("confirm token accepted as cancel token: %d", resp.StatusCode)
	}
}

func TestDuplicateRegistrationRevealsNothing(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	c := a.Client()
	form := registrationForm("dup@example.org")
	form.Set("language", "en")
	first := a.PostForm(t, c, "/c/wsis20-lac/register", form)
	again := registrationForm("DUP@example.org ")
	again.Set("given_name", "Someone else")
	second := a.PostForm(t, c, "/c/wsis20-lac/register", again)
	if first.StatusCode != second.StatusCode || first.Header.Get("Location") != second.Header.Get("Location") {
		t.Fatalf("responses differ: %d %q vs %d %q", first.StatusCode, first.Header.Get("Location"), second.StatusCode, second.Header.Get("Location"))
	}
	if reg := onlyRegistration(t, a); reg.GivenName != "Ana" {
		t.Fatalf("second registration overwrote the first: %+v", reg)
	}
	mails := waitEmail(t, a, "dup@example.org", 2)
	if !strings.Contains(mails[0].Message.Text+mails[1].Message.Text, "tried to register this address again") {
		t.Fatal("the address owner was not told about the second attempt")
	}
}

func TestRegistrationValidationKeepsInput(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	c := a.Client()
	form := registrationForm("not-an-email")
	form.Del("consent")
	form.Set("country", "XX")
	resp := a.PostForm(t, c, "/c/wsis20-lac/register", form)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{"There is a problem", "Enter an email address like name@example.org.",
		"Choose a country from the list.", "You need to agree to the privacy notice", `value="Instituto Nupef"`,
		`value="not-an-email"`, `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q", want)
		}
	}
	if n := countRegistrations(t, a); n != 0 {
		t.Fatalf("%d registrations stored from invalid input", n)
	}
	// The same errors in Spanish.
	resp = a.PostForm(t, c, "/c/wsis20-lac/register?lang=es", form)
	if body := readBody(t, resp); !strings.Contains(body, `lang="es"`) || strings.Contains(body, "There is a problem") {
		t.Error("the Spanish error page is not in Spanish")
	}
}

func TestRegistrationClosedOrFullStoresNothing(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	c := a.Client()
	cons, err := a.DB().ConsultationBySlug(ctx, "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	cons.Capacity = 1
	if err := a.DB().SaveConsultation(ctx, cons); err != nil {
		t.Fatal(err)
	}
	registerAndConfirm(t, a, "first@example.org") // an approved registration holds the place
	// Full: registering stays open, to the waiting list.
	resp := a.PostForm(t, c, "/c/wsis20-lac/register", registrationForm("second@example.org"))
	if readBody(t, resp); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("full: status %d, want 303 (waiting list)", resp.StatusCode)
	}
	past := time.Now().Add(-time.Hour)
	cons.Capacity, cons.RegistrationEnds = 0, &past
	if err := a.DB().SaveConsultation(ctx, cons); err != nil {
		t.Fatal(err)
	}
	resp = a.PostForm(t, c, "/c/wsis20-lac/register", registrationForm("third@example.org"))
	if body := readBody(t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Registration for this consultation is closed.") {
		t.Fatalf("closed: status %d", resp.StatusCode)
	}
	if n := countRegistrations(t, a); n != 2 {
		t.Fatalf("%d registrations stored, want 2", n)
	}
}

func TestRegistrationRateLimit(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true, RegisterRate: 3})
	c := a.Client()
	var last *http.Response
	for i := range 5 {
		last = a.PostForm(t, c, "/c/wsis20-lac/register", registrationForm("rl"+string(rune('a'+i))+"@example.org"))
		last.Body.Close()
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth post: status %d", last.StatusCode)
	}
}

func TestCrossOriginPostRejected(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	req, _ := http.NewRequest(http.MethodPost, a.URL+"/c/wsis20-lac/register", strings.NewReader(registrationForm("x@example.org").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := a.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || countRegistrations(t, a) != 0 {
		t.Fatalf("cross-site post: status %d", resp.StatusCode)
	}
}

func TestDraftIsNotPublic(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	cons, _ := a.DB().ConsultationBySlug(ctx, "wsis20-lac")
	cons.Status = "draft"
	if err := a.DB().SaveConsultation(ctx, cons); err != nil {
		t.Fatal(err)
	}
	c := a.Client()
	for _, p := range []string{"/c/wsis20-lac", "/c/wsis20-lac/register", "/c/wsis20-lac/event.ics"} {
		if resp, _ := a.Get(t, c, p); resp.StatusCode != 404 {
			t.Errorf("GET %s of a draft: %d", p, resp.StatusCode)
		}
	}
	if _, body := a.Get(t, c, "/"); strings.Contains(body, "WSIS at 20: Successes") {
		t.Error("home lists a draft")
	}
	// Registering finds the consultation by its slug inside its
	// transaction: a draft is still not found, through the form and the
	// API, and input refused before the transaction (a missing field, a body
	// that is not JSON) is refused as such only for a public consultation.
	body := `{"given_name":"Ana","family_name":"Souza","email":"draft@example.org","organization":"Org",
		"stakeholder_group":"civil_society","country":"BR","language":"pt","consent":true}`
	for _, slug := range []string{"wsis20-lac", "no-such-consultation"} {
		for _, f := range []url.Values{registrationForm("draft@example.org"), {"email": {"draft@example.org"}}} {
			form := a.PostForm(t, c, "/c/"+slug+"/register", f)
			form.Body.Close()
			if form.StatusCode != 404 {
				t.Errorf("POST the form of %s with %d fields: %d", slug, len(f), form.StatusCode)
			}
		}
		for _, b := range []string{body, `{"email":"draft@example.org"}`, `not json`} {
			req, _ := http.NewRequest(http.MethodPost, a.URL+"/api/v1/consultations/"+slug+"/registrations", strings.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 404 {
				t.Errorf("POST the API of %s with %.20q: %d", slug, b, resp.StatusCode)
			}
		}
	}
	if n := countRegistrations(t, a); n != 0 {
		t.Errorf("%d registrations stored for a draft", n)
	}
}

// helpers

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

func countRegistrations(t *testing.T, a *apptest.App) int {
	t.Helper()
	cons, err := a.DB().ConsultationBySlug(context.Background(), "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	_, total, err := a.DB().Registrations(context.Background(), store.RegistrationFilter{ConsultationID: cons.ID})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

func onlyRegistration(t *testing.T, a *apptest.App) *registration.Registration {
	t.Helper()
	cons, _ := a.DB().ConsultationBySlug(context.Background(), "wsis20-lac")
	list, total, err := a.DB().Registrations(context.Background(), store.RegistrationFilter{ConsultationID: cons.ID})
	if err != nil || total != 1 {
		t.Fatalf("want exactly one registration, got %d (%v)", total, err)
	}
	return list[0]
}

// waitEmail waits for n messages to an address in the built-in outbox.
func waitEmail(t *testing.T, a *apptest.App, to string, n int) []*store.Email {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		list, err := a.DB().Emails(context.Background(), to, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) >= n || time.Now().After(deadline) {
			if len(list) != n {
				t.Fatalf("%d emails to %s, want %d", len(list), to, n)
			}
			return list
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// linkIn finds the path of the first link containing marker in a text.
func linkIn(t *testing.T, text, marker string) string {
	t.Helper()
	for _, f := range strings.Fields(text) {
		if i := strings.Index(f, marker); i >= 0 && strings.HasPrefix(f, "http") {
			return f[i:]
		}
	}
	t.Fatalf("no %s link in:\n%s", marker, text)
	return ""
}

// postFrom posts a registration as if forwarded for client by a proxy.
func postFrom(t *testing.T, a *apptest.App, client, email string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, a.URL+"/c/wsis20-lac/register", strings.NewReader(registrationForm(email).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("X-Forwarded-For", client)
	resp, err := a.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Behind a trusted load balancer each client has its own budget; without
// trust, a forged X-Forwarded-For does not buy a fresh one.
func TestRateLimitBehindProxy(t *testing.T) {
	trusted := apptest.Start(t, apptest.Options{Demo: true, RegisterRate: 2,
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	for i := range 2 {
		if code := postFrom(t, trusted, "203.0.113.1", fmt.Sprintf("a%d@example.org", i)); code != http.StatusSeeOther {
			t.Fatalf("post %d from client 1: %d", i, code)
		}
	}
	if code := postFrom(t, trusted, "203.0.113.1", "a9@example.org"); code != http.StatusTooManyRequests {
		t.Fatalf("third post from client 1: %d, want 429", code)
	}
	if code := postFrom(t, trusted, "203.0.113.2", "b@example.org"); code != http.StatusSeeOther {
		t.Fatalf("first post from client 2 behind the same proxy: %d", code)
	}
	untrusted := apptest.Start(t, apptest.Options{Demo: true, RegisterRate: 2})
	for i := range 3 {
		code := postFrom(t, untrusted, fmt.Sprintf("198.51.100.%d", i), fmt.Sprintf("c%d@example.org", i))
		if i == 2 && code != http.StatusTooManyRequests {
			t.Fatalf("forged X-Forwarded-For escaped the limit: %d", code)
		}
	}
}
