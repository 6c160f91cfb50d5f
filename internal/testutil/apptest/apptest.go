// Package apptest boots a real Consulta (database, job workers, web server on
// a free port) for HTTP, API and browser tests.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/consulta/consulta/internal/cli"
	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/store"
)

// Options choose how the app runs.
type Options struct {
	DB           string // "" = SQLite in a temp dir; a postgres:// URL otherwise
	SMTP         string // "" = built-in outbox
	Demo         bool
	RegisterRate int // 0 = no limit
	// TrustedProxies are load balancers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	Log            io.Writer
}

// App is a running Consulta.
type App struct {
	URL string // base URL, e.g. http://127.0.0.1:41234
	App *cli.App
}

// Start boots the app and stops it when the test ends.
func Start(t testing.TB, o Options) *App {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{DataDir: filepath.Join(t.TempDir(), "data"), DB: o.DB, Addr: ln.Addr().String(),
		SMTP: o.SMTP, MailFrom: "consulta@example.org", Demo: o.Demo, RegisterRate: o.RegisterRate,
		TrustedProxies: o.TrustedProxies}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	w := o.Log
	if w == nil {
		w = io.Discard
	}
	ctx, cancel := context.WithCancel(context.Background())
	app, err := cli.NewApp(ctx, cfg, slog.New(slog.NewTextHandler(w, nil)))
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		app.Close()
	})
	return &App{URL: cfg.BaseURL, App: app}
}

// DB is the app's store, for arranging and checking data.
func (a *App) DB() *store.DB { return a.App.DB }

// Client returns an HTTP client with its own cookie jar that does not follow
// redirects, so tests see each 303.
func (a *App) Client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// AddStaff creates a staff account with a password.
func (a *App) AddStaff(t testing.TB, email, password, role string) *store.User {
	t.Helper()
	hash, err := argon2id.CreateHash(password, argon2id.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	u := &store.User{Email: email, Role: role, PasswordHash: hash}
	if err := a.DB().CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

// APIToken creates an API token for a user and returns it.
func (a *App) APIToken(t testing.TB, u *store.User) string {
	t.Helper()
	secret := links.NewSecret()
	if err := a.DB().AddToken(context.Background(), u.ID, store.TokenAPI, links.Hash(secret), nil); err != nil {
		t.Fatal(err)
	}
	return secret
}

// PostForm posts a form as a browser on this site would (same-origin).
func (a *App) PostForm(t testing.TB, c *http.Client, path string, form url.Values) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, a.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", a.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// Get fetches a path and returns the response and its body.
func (a *App) Get(t testing.TB, c *http.Client, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, a.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}
