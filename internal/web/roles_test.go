package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/web"
)

// unguarded are the /admin and /api/v1 lines that need no staff role:
// signing in, and the API's public and participant routes (the staff
// parts of the latter are checked in their handlers, tested below).
func unguarded() []string {
	return []string{"GET /admin/login", "POST /admin/login", "POST /admin/logout", "GET /admin/forgot-password", "POST /admin/forgot-password",
		"GET /admin/set-password/{token}", "POST /admin/set-password/{token}",
		"GET /api/v1/openapi.json", "GET /api/v1/consultations", "GET /api/v1/consultations/{slug}",
		"POST /api/v1/consultations/{slug}/registrations", "GET /api/v1/consultations/{slug}/statements",
		"POST /api/v1/consultations/{slug}/statements", "POST /api/v1/consultations/{slug}/votes",
		"GET /api/v1/consultations/{slug}/opinions", "GET /api/v1/consultations/{slug}/opinions/breakdown",
		"POST /api/v1/inputs", "GET /api/v1/inputs", "GET /api/v1/inputs/{id}",
		"GET /api/v1/consultations/{slug}/agenda", "GET /api/v1/consultations/{slug}/live",
		"GET /api/v1/consultations/{slug}/interventions", "GET /api/v1/reviews/{slug}/report"}
}

// Every staff line of the routes table names an action, and every /admin
// and /api/v1 line is either guarded or known to be public.
func TestEveryStaffRouteNamesAnAction(t *testing.T) {
	routes := web.StaffRoutes(t)
	var parsed []string
	for _, rt := range routes {
		parsed = append(parsed, rt.Pattern)
		staffArea := strings.Contains(rt.Pattern, " /admin") || strings.Contains(rt.Pattern, " /api/v1/")
		if staffArea && rt.Action == "" && !slices.Contains(unguarded(), rt.Pattern) {
			t.Errorf("%s has no s.may / s.apiMay guard", rt.Pattern)
		}
		if rt.Action != "" && slices.Contains(unguarded(), rt.Pattern) {
			t.Errorf("%s is guarded: take it off the unguarded list", rt.Pattern)
		}
	}
	if !slices.Equal(parsed, web.RoutePatterns()) {
		t.Errorf("routes.go parsed as\n%v\nbut the server registers\n%v", parsed, web.RoutePatterns())
	}
}

// rolesFixture is the demo with one signed-in browser and one API token
// per role.
type rolesFixture struct {
	app     *apptest.App
	clients map[staff.Role]*http.Client
	tokens  map[staff.Role]string
}

func newRolesFixture(t *testing.T) *rolesFixture {
	app := apptest.Start(t, apptest.Options{Demo: true})
	f := &rolesFixture{app: app, clients: map[staff.Role]*http.Client{}, tokens: map[staff.Role]string{}}
	for _, role := range staff.Roles() {
		email := string(role) + "@example.org"
		f.clients[role] = staffClient(t, app, email, string(role))
		u, err := app.DB().UserByEmail(t.Context(), email)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[role] = app.APIToken(t, u)
	}
	return f
}

// pathIn fills a pattern's wildcards with the slug (the demo's consultation) and
// ids that exist nowhere: a role that may gets past the guard to a 404
// or a form error, and nothing is changed.
func pathIn(pattern, slug string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	return method, strings.NewReplacer("{slug}", slug, "{lang}", "fr", "{id}", "no-such-id",
		"{tid}", "999999").Replace(path)
}

// do sends the route's request as role: the browser's session for a page,
// the role's bearer token for the API.
func (f *rolesFixture) do(t *testing.T, rt web.StaffRoute, role staff.Role) (int, string) {
	t.Helper()
	return f.doIn(t, rt, role, demo.LACSlug)
}

// doIn is do on the consultation (or review) slug.
func (f *rolesFixture) doIn(t *testing.T, rt web.StaffRoute, role staff.Role, slug string) (int, string) {
	t.Helper()
	method, path := pathIn(rt.Pattern, slug)
	var body io.Reader
	if method != http.MethodGet {
		body = strings.NewReader(url.Values{}.Encode())
		if rt.API {
			body = strings.NewReader("{}")
		}
	}
	req, err := http.NewRequest(method, f.app.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	c := f.clients[role]
	if rt.API {
		c = f.app.Client()
		req.Header.Set("Authorization", "Bearer "+f.tokens[role])
		req.Header.Set("Content-Type", "application/json")
	} else {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", f.app.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/admin/login") {
		t.Fatalf("%s as %s: sent to sign in", rt.Pattern, role)
	}
	return resp.StatusCode, string(b)
}

// Every role against every staff route: the role's rights in the one
// table decide 403 or not.
func TestEveryRoleOnEveryStaffRoute(t *testing.T) {
	f := newRolesFixture(t)
	for _, rt := range web.StaffRoutes(t) {
		if rt.Action == "" {
			continue
		}
		for _, role := range staff.Roles() {
			status, body := f.do(t, rt, role)
			switch may := role.May(rt.Action); {
			case may && (status == http.StatusForbidden || status == http.StatusUnauthorized):
				t.Errorf("%s as %s (may %s) = %d", rt.Pattern, role, rt.Action, status)
			case !may && status != http.StatusForbidden:
				t.Errorf("%s as %s (may not %s) = %d, want 403", rt.Pattern, role, rt.Action, status)
			case !may && rt.API:
				wantForbiddenJSON(t, rt.Pattern+" as "+string(role), body)
			}
		}
	}
}

func wantForbiddenJSON(t *testing.T, what, body string) {
	t.Helper()
	var p struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil || p.Error.Code != "forbidden" || p.Error.Message == "" {
		t.Errorf("%s: body %q is not a forbidden problem", what, body)
	}
}
