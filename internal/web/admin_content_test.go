package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

const adminPassword = "correct horse battery staple"

// signIn posts the sign-in form and returns the response.
func signIn(t *testing.T, app *apptest.App, c *http.Client, email, pw string) (*http.Response, string) {
	t.Helper()
	resp := app.PostForm(t, c, "/admin/login", url.Values{"email": {email}, "password": {pw}, "next": {"/admin"}})
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// staffClient is a client signed in as a new staff member with role.
func staffClient(t *testing.T, app *apptest.App, email, role string) *http.Client {
	t.Helper()
	app.AddStaff(t, email, adminPassword, role)
	c := app.Client()
	if resp, body := signIn(t, app, c, email, adminPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d %s", resp.StatusCode, body)
	}
	return c
}

// post sends a same-origin form and returns status and body.
func post(t *testing.T, app *apptest.App, c *http.Client, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	resp := app.PostForm(t, c, path, form)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestAdminLogin(t *testing.T) {
	app := apptest.Start(t, apptest.Options{Demo: true})
	app.AddStaff(t, "sec@example.org", adminPassword, "admin")

	c := app.Client()
	wrong, wrongBody := signIn(t, app, c, "sec@example.org", "not the password")
	unknown, unknownBody := signIn(t, app, c, "nobody@example.org", adminPassword)
	for _, resp := range []*http.Response{wrong, unknown} {
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("failed sign-in status = %d, want 401", resp.StatusCode)
		}
	}
	const msg = "The email or password is not correct."
	if !strings.Contains(wrongBody, msg) || !strings.Contains(unknownBody, msg) {
		t.Errorf("failed sign-in should say %q for both", msg)
	}
	if resp, _ := app.Get(t, c, "/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after failed sign-in /admin = %d, want 303", resp.StatusCode)
	}

	resp, _ := signIn(t, app, c, "SEC@example.org", adminPassword)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin" {
		t.Fatalf("sign-in = %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := app.Get(t, c, "/admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/admin = %d", resp.StatusCode)
	}
	for _, want := range []string{"/admin/consultations/" + demo.LACSlug + "/edit", "/admin/consultations/" + demo.LACSlug + "/registrations", "/admin/reviews/" + demo.ReviewSlug + "/edit"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}

	if resp, _ := post(t, app, c, "/admin/logout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("logout = %d", resp.StatusCode)
	}
	if resp, _ := app.Get(t, c, "/admin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout /admin = %d, want 303", resp.StatusCode)
	}
}

func TestAdminAnonymousRedirected(t *testing.T) {
	app := apptest.Start(t, apptest.Options{Demo: true})
	c := app.Client()
	for _, path := range []string{"/admin", "/admin/reviews/new", "/admin/consultations/new", "/admin/consultations/" + demo.LACSlug + "/edit",
		"/admin/consultations/" + demo.LACSlug + "/translations/es"} {
		resp, _ := app.Get(t, c, path)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/login") {
			t.Errorf("GET %s = %d to %q, want 303 to /admin/login", path, resp.StatusCode, loc)
		}
	}
	resp, _ := post(t, app, c, "/admin/consultations", url.Values{"slug": {"x"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous POST = %d, want 303", resp.StatusCode)
	}
}

func TestAdminLoginNextStaysLocal(t *testing.T) {
	app := apptest.Start(t, apptest.Options{})
	app.AddStaff(t, "sec@example.org", adminPassword, "admin")
	for next, want := range map[string]string{
		"/admin/reviews/new": "/admin/reviews/new", "https://evil.example/admin": "/admin",
		"//evil.example/admin": "/admin", "/c/x": "/admin", "/\\evil.example": "/admin",
	} {
		resp := app.PostForm(t, app.Client(), "/admin/login", url.Values{"email": {"sec@example.org"}, "password": {adminPassword}, "next": {next}})
		resp.Body.Close()
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("next=%q went to %q, want %q", next, got, want)
		}
	}
}

func TestAdminCrossOriginPostRejected(t *testing.T) {
	app := apptest.Start(t, apptest.Options{Demo: true})
	c := staffClient(t, app, "sec@example.org", "admin")
	before, _ := app.DB().Consultations(context.Background(), store.ConsultationFilter{})

	form := consultationForm("evil-consultation", "published", "UTC")
	req, _ := http.NewRequest(http.MethodPost, app.URL+"/admin/consultations", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin POST = %d, want 403", resp.StatusCode)
	}
	after, _ := app.DB().Consultations(context.Background(), store.ConsultationFilter{})
	if len(after) != len(before) {
		t.Errorf("consultations %d -> %d after a cross-origin post", len(before), len(after))
	}
}

func TestAdminSetPassword(t *testing.T) {
	app := apptest.Start(t, apptest.Options{})
	ctx := context.Background()
	u := &store.User{Email: "new@example.org", Role: "admin"}
	if err := app.DB().CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	secret := links.NewSecret()
	expires := time.Now().Add(72 * time.Hour)
	if err := app.DB().AddToken(ctx, u.ID, store.TokenSetPassword, links.Hash(secret), &expires); err != nil {
		t.Fatal(err)
	}
	path := "/admin/set-password/" + secret
	c := app.Client()
	if resp, body := app.Get(t, c, path); resp.StatusCode != http.StatusOK || !strings.Contains(body, "new@example.org") {
		t.Fatalf("GET set-password = %d", resp.StatusCode)
	}
	resp, body := post(t, app, c, path, url.Values{"new_password": {"short"}, "confirm_password": {"short"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Use at least 12 characters.") {
		t.Errorf("short password = %d", resp.StatusCode)
	}
	resp, _ = post(t, app, c, path, url.Values{"new_password": {adminPassword}, "confirm_password": {adminPassword + "x"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("mismatched confirmation = %d", resp.StatusCode)
	}
	resp, _ = post(t, app, c, path, url.Values{"new_password": {adminPassword}, "confirm_password": {adminPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set password = %d", resp.StatusCode)
	}
	if resp, _ := app.Get(t, c, "/admin"); resp.StatusCode != http.StatusOK {
		t.Errorf("signed in after set password: /admin = %d", resp.StatusCode)
	}
	other := app.Client()
	if resp, _ := post(t, app, other, path, url.Values{"new_password": {"another password!"}, "confirm_password": {"another password!"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("second use of the link = %d, want 404", resp.StatusCode)
	}
	if resp, _ := signIn(t, app, app.Client(), "new@example.org", adminPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sign in with the new password = %d", resp.StatusCode)
	}
}

func TestAdminNonAdminForbidden(t *testing.T) {
	app := apptest.Start(t, apptest.Options{Demo: true})
	c := staffClient(t, app, "mod@example.org", "moderator")
	if resp, _ := app.Get(t, c, "/admin"); resp.StatusCode != http.StatusOK {
		t.Errorf("moderator /admin = %d", resp.StatusCode)
	}
	for _, path := range []string{"/admin/consultations", "/admin/consultations/" + demo.LACSlug, "/admin/reviews",
		"/admin/consultations/" + demo.LACSlug + "/translations/es"} {
		resp, _ := post(t, app, c, path, consultationForm("by-moderator", "published", "UTC"))
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("moderator POST %s = %d, want 403", path, resp.StatusCode)
		}
	}
}
