package web_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/country"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/web"
)

// identitySite is the demo site run by a secretariat with its own name and emblem.
func identitySite(t *testing.T, logo string) http.Handler {
	t.Helper()
	db := dbtest.Open(t, "sqlite")
	if _, err := demo.Load(t.Context(), db, goldenNow()); err != nil {
		t.Fatal(err)
	}
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{DataDir: t.TempDir(), Addr: "127.0.0.1:1", BaseURL: "https://consult.example.org", MailFrom: "consulta@example.org",
		Identity: config.Identity{SiteName: "CSTD consultations", Secretariat: "ECLAC · Santiago", Logo: logo}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Deps{Config: cfg, DB: db, Catalog: catalog, Countries: country.New(),
		URLs: links.NewURLs(cfg.BaseURL, links.NewSigner([]byte("secret"))), Logger: slog.New(slog.DiscardHandler), Now: goldenNow,
		Live: &live.Service{Store: db, Now: goldenNow}})
	if err != nil {
		t.Fatal(err)
	}
	return srv.Handler()
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

// The installation's name, secretariat and emblem are in the header and
// footer; the favicon and the emblem are served; a consultation's link
// previews with its description and OpenGraph tags.
func TestIdentityAndPreviews(t *testing.T) {
	logo := filepath.Join(t.TempDir(), "emblem.svg")
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>`
	if err := os.WriteFile(logo, []byte(svg), 0o644); err != nil {
		t.Fatal(err)
	}
	site := identitySite(t, logo)
	page := get(t, site, "/c/"+demo.LACSlug+"?lang=es").Body.String()
	for _, want := range []string{
		`<title>La CMSI a los 20 años: éxitos, fracasos y expectativas · CSTD consultations</title>`,
		`<img src="/logo" alt="" height="40"><span>CSTD consultations</span>`,
		`<span class="secretariat">ECLAC · Santiago</span>`, `<bdi>ECLAC · Santiago</bdi> · `,
		`<meta name="description" content="15 de diciembre de 2026, 11:00–13:00 · Virtual, desde Santiago de Chile. La resolución A/70/125`,
		`<meta property="og:title" content="La CMSI a los 20 años: éxitos, fracasos y expectativas">`,
		`<meta property="og:url" content="https://consult.example.org/c/wsis20-lac?lang=es">`,
		`<meta property="og:locale" content="es_ES">`, `<meta property="og:image" content="https://consult.example.org/logo">`,
		`<link rel="icon" href="/favicon.ico"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the consultation page lacks %s", want)
		}
	}
	// The home page is the installation's own: its name once, not "name · name".
	if home := get(t, site, "/").Body.String(); !strings.Contains(home, "<title>CSTD consultations</title>") {
		t.Errorf("the home page's title is not the installation's name alone: %.200s", home[strings.Index(home, "<title>"):])
	}
	if rec := get(t, site, "/logo"); rec.Code != 200 || rec.Header().Get("Content-Type") != "image/svg+xml" || rec.Body.String() != svg {
		t.Errorf("/logo: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	rec := get(t, site, "/favicon.ico")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/x-icon" || !strings.HasPrefix(rec.Body.String(), "\x00\x00\x01\x00") {
		t.Errorf("/favicon.ico: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if rec := get(t, identitySite(t, ""), "/logo"); rec.Code != http.StatusNotFound {
		t.Errorf("/logo without an emblem: %d", rec.Code)
	}
}

// The home page puts the consultations open for registration first, with
// their status and a Register button, before the review's long description.
func TestHomeOpensWithOpenConsultations(t *testing.T) {
	home := get(t, identitySite(t, ""), "/").Body.String()
	button := strings.Index(home, `<a class="button" href="/c/`+demo.LACSlug+`/register">Register`)
	status := strings.Index(home, "Registration open · 500 places left.")
	description := strings.Index(home, "The WSIS+20 Review is the comprehensive review")
	if button < 0 || status < 0 || description < 0 || button > description || status > button {
		t.Errorf("status at %d, Register at %d, description at %d", status, button, description)
	}
	if !strings.Contains(home, `<meta name="description" content="The WSIS&#43;20 Review is the comprehensive review`) {
		t.Error("the home page has no description")
	}
}
