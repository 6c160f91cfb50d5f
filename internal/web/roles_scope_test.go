package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/web"
)

// limitedFixture is the demo with a moderator and a rapporteur limited to
// the Santiago consultation (A), each signed in and with an API token,
// and the slug of another consultation (B).
func limitedFixture(t *testing.T) (f *rolesFixture, other string) {
	f = newRolesFixture(t) // the unlimited roles, for the same app
	ctx := context.Background()
	a, err := f.app.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	all, err := f.app.DB().Consultations(ctx, store.ConsultationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.ID != a.ID && other != demo.MapSlug {
			other = c.Slug // the opinion map's, if there, so its routes get past "no map"
		}
	}
	if other == "" {
		t.Fatal("the demo has one consultation only")
	}
	f.clients, f.tokens = map[staff.Role]*http.Client{}, map[staff.Role]string{}
	for _, role := range staff.Roles() {
		if !role.Limitable() {
			continue
		}
		email := "limited-" + string(role) + "@example.org"
		f.clients[role] = staffClient(t, f.app, email, string(role))
		u, err := f.app.DB().UserByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.app.DB().SetUserScope(ctx, u.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		f.tokens[role] = f.app.APIToken(t, u)
	}
	return f, other
}

// namesConsultation reports whether the route's path names a consultation.
func namesConsultation(pattern string) bool {
	_, path, _ := strings.Cut(pattern, " ")
	return strings.HasPrefix(path, "/c/{slug}") || strings.Contains(path, "/consultations/{slug}")
}

// Each limited role against every staff route, pages and API: on its own
// consultation the role's rights hold; on another, and on routes naming a
// review, an input or anything else, 403; routes naming nothing (the
// dashboard) as the role.
func TestLimitedRoleOnEveryStaffRoute(t *testing.T) {
	f, other := limitedFixture(t)
	for _, rt := range web.StaffRoutes(t) {
		if rt.Action == "" {
			continue
		}
		for role := range f.clients {
			may := role.May(rt.Action) && (namesConsultation(rt.Pattern) || !strings.Contains(rt.Pattern, "{"))
			status, body := f.do(t, rt, role)
			switch {
			case may && (status == http.StatusForbidden || status == http.StatusUnauthorized):
				t.Errorf("%s as limited %s on its consultation = %d", rt.Pattern, role, status)
			case !may && status != http.StatusForbidden:
				t.Errorf("%s as limited %s = %d, want 403", rt.Pattern, role, status)
			case !may && rt.API:
				wantForbiddenJSON(t, rt.Pattern+" as limited "+string(role), body)
			}
			if !namesConsultation(rt.Pattern) {
				continue
			}
			if status, body := f.doIn(t, rt, role, other); status != http.StatusForbidden {
				t.Errorf("%s as %s limited to another consultation = %d, want 403", rt.Pattern, role, status)
			} else if rt.API {
				wantForbiddenJSON(t, rt.Pattern+" on another consultation as "+string(role), body)
			}
		}
	}
}

// The staff parts of the mixed routes (checked in their handlers) and the
// record before publication follow the limit too.
func TestLimitedRoleInHandlers(t *testing.T) {
	f, other := limitedFixture(t)
	api := func(role staff.Role, method, path, body string) int {
		t.Helper()
		req, err := http.NewRequest(method, f.app.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+f.tokens[role])
		req.Header.Set("Content-Type", "application/json")
		resp, err := f.app.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tc := range []struct {
		role       staff.Role
		method     string
		path, body string
	}{
		{staff.Moderator, "GET", "/api/v1/consultations/{slug}/statements?moderation=all", ""},
		{staff.Moderator, "POST", "/api/v1/consultations/{slug}/statements", `{"text":"A seed statement of the secretariat.","lang":"en"}`},
		{staff.Rapporteur, "GET", "/api/v1/consultations/{slug}/interventions", ""},
	} {
		for slug, ok := range map[string]bool{demo.LACSlug: true, other: false} {
			got := api(tc.role, tc.method, strings.ReplaceAll(tc.path, "{slug}", slug), tc.body)
			if ok && got == http.StatusForbidden || !ok && got != http.StatusForbidden {
				t.Errorf("%s %s on %s as %s limited to %s = %d", tc.method, tc.path, slug, tc.role, demo.LACSlug, got)
			}
		}
	}
	// The unpublished closing record: the limited rapporteur sees A's, not B's.
	rap := f.clients[staff.Rapporteur]
	if resp, _ := f.app.Get(t, rap, "/c/"+demo.LACSlug+"/record"); resp.StatusCode != http.StatusOK {
		t.Errorf("own unpublished record: %d", resp.StatusCode)
	}
	if resp, _ := f.app.Get(t, rap, "/c/"+other+"/record"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another consultation's unpublished record: %d, want 404", resp.StatusCode)
	}
	// The dashboard lists the one consultation.
	_, dash := f.app.Get(t, f.clients[staff.Moderator], "/admin")
	if !strings.Contains(dash, "/admin/consultations/"+demo.LACSlug+"/live") || strings.Contains(dash, "/admin/consultations/"+other+"/") {
		t.Errorf("limited dashboard lists other consultations")
	}
	// An admin limits and frees an account from the users page; a
	// secretariat account cannot be limited.
	admin := staffClient(t, f.app, "users-admin@example.org", "admin")
	u, err := f.app.DB().UserByEmail(context.Background(), "limited-moderator@example.org")
	if err != nil {
		t.Fatal(err)
	}
	page := body(t, f.app, admin, "/admin/users")
	wantIn(t, "users page", page, "limited-moderator@example.org", `value="`+demo.LACSlug+`" selected`)
	if resp, _ := post(t, f.app, admin, "/admin/users/"+strconv.FormatInt(u.ID, 10)+"/scope", url.Values{"consultation": {""}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("free the account: %d", resp.StatusCode)
	}
	if resp, _ := f.app.Get(t, f.clients[staff.Moderator], "/admin/consultations/"+other+"/live"); resp.StatusCode != http.StatusOK {
		t.Errorf("freed moderator on another consultation: %d", resp.StatusCode)
	}
	sec, err := f.app.DB().UserByEmail(context.Background(), "secretariat@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := post(t, f.app, admin, "/admin/users/"+strconv.FormatInt(sec.ID, 10)+"/scope", url.Values{"consultation": {demo.LACSlug}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("limit a secretariat account: %d, want 422", resp.StatusCode)
	}
	if resp, _ := post(t, f.app, f.clients[staff.Moderator], "/admin/users/"+strconv.FormatInt(u.ID, 10)+"/scope", url.Values{"consultation": {""}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a moderator changing limits: %d, want 403", resp.StatusCode)
	}
}
