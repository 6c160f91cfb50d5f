package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/staff"
	"github.com/consulta/consulta/internal/store"
)

// api sends a JSON request with a bearer token and returns the status and body.
func (f *rolesFixture) api(t *testing.T, method, path, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.app.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := f.app.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = io.Copy(&b, resp.Body)
	return resp.StatusCode, b.String()
}

// What issue 16 item 12 saw: a rapporteur's API token rejected a
// statement and approved a registration.
func TestRapporteurCannotModerateOrApprove(t *testing.T) {
	f := newRolesFixture(t)
	ctx := context.Background()
	c := requireApproval(t, f.app)
	_, reg := registerAndConfirm(t, f.app, "awaiting@example.org")
	base := "/api/v1/consultations/" + demo.LACSlug

	status, body := f.api(t, http.MethodPatch, base+"/statements/0", f.tokens[staff.Rapporteur], `{"moderation":"rejected"}`)
	if status != http.StatusForbidden {
		t.Errorf("rapporteur PATCH statement = %d, want 403", status)
	}
	wantForbiddenJSON(t, "rapporteur PATCH statement", body)
	if st, err := f.app.DB().StatementByTID(ctx, c.ID, 0); err != nil || st.Moderation == opinion.Rejected {
		t.Errorf("statement 0 after the rapporteur's PATCH: %v, %v", st.Moderation, err)
	}
	if status, _ := f.api(t, http.MethodPatch, base+"/statements/0", f.tokens[staff.Moderator], `{"moderation":"rejected"}`); status != http.StatusOK {
		t.Errorf("moderator PATCH statement = %d, want 200", status)
	}

	approve := base + "/registrations/" + reg.ID + "/approve"
	for _, role := range []staff.Role{staff.Rapporteur, staff.Moderator} {
		if status, _ := f.api(t, http.MethodPost, approve, f.tokens[role], `{}`); status != http.StatusForbidden {
			t.Errorf("%s API approve = %d, want 403", role, status)
		}
		page := "/admin/consultations/" + demo.LACSlug + "/registrations/" + reg.ID + "/approve"
		if resp, _ := post(t, f.app, f.clients[role], page, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s approve from the page = %d, want 403", role, resp.StatusCode)
		}
	}
	if r, _ := f.app.DB().RegistrationByID(ctx, reg.ID); r.ApprovedAt != nil {
		t.Fatal("a rapporteur or moderator approved the registration")
	}
	if status, body := f.api(t, http.MethodPost, approve, f.tokens[staff.Secretariat], `{}`); status != http.StatusOK {
		t.Errorf("secretariat API approve = %d %s, want 200", status, body)
	}
}

// Staff tokens that may not seed add no statement; the participant's
// way in stays open to participants only.
func TestSeedStatementsNeedTheRight(t *testing.T) {
	f := newRolesFixture(t)
	path := "/api/v1/consultations/" + demo.LACSlug + "/statements"
	status, body := f.api(t, http.MethodPost, path, f.tokens[staff.Rapporteur], `{"text":"Rapporteurs may not seed this."}`)
	if status != http.StatusForbidden {
		t.Errorf("rapporteur seed = %d, want 403", status)
	}
	wantForbiddenJSON(t, "rapporteur seed", body)
	status, body = f.api(t, http.MethodPost, path, f.tokens[staff.Moderator], `{"text":"Moderators seed the conversation."}`)
	if status != http.StatusCreated || !strings.Contains(body, `"seed":true`) {
		t.Errorf("moderator seed = %d %s, want 201 and a seed", status, body)
	}
}

// The meeting link is on the consultation editor only for roles that may
// read it, and pages offer no button a role may not use.
func TestPagesHideWhatARoleMayNotDo(t *testing.T) {
	f := newRolesFixture(t)
	secret := "https://meet.example.org/secret-room-4242"
	c, err := f.app.DB().ConsultationBySlug(context.Background(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	c.MeetingURL = secret
	if err := f.app.DB().SaveConsultation(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	edit := "/admin/consultations/" + demo.LACSlug + "/edit"
	opinions := "/admin/consultations/" + demo.LACSlug + "/opinions?moderation=all"
	for _, role := range staff.Roles() {
		resp, page := f.app.Get(t, f.clients[role], edit)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s GET edit = %d", role, resp.StatusCode)
		}
		checkShown(t, role, "the meeting URL", strings.Contains(page, secret) || strings.Contains(page, `name="meeting_url"`), staff.ReadMeetingURL)
		checkShown(t, role, "the save button", strings.Contains(page, `value="save"`), staff.EditContent)
		_, page = f.app.Get(t, f.clients[role], opinions)
		checkShown(t, role, "the moderation buttons", strings.Contains(page, `name="moderation"`), staff.ModerateStatements)
		checkShown(t, role, "the seed form", strings.Contains(page, `name="seed"`), staff.SeedStatements)
		checkShown(t, role, "the settings form", strings.Contains(page, `name="strict_moderation"`), staff.ConfigureOpinions)
		_, page = f.app.Get(t, f.clients[role], "/admin")
		checkShown(t, role, "the registrations link", strings.Contains(page, "/registrations\""), staff.ReadRegistrations)
		checkShown(t, role, "the new review button", strings.Contains(page, "/admin/reviews/new"), staff.EditContent)
	}
}

func checkShown(t *testing.T, role staff.Role, what string, shown bool, a staff.Action) {
	t.Helper()
	if shown != role.May(a) {
		t.Errorf("%s: %s shown=%v, but may %s=%v", role, what, shown, a, role.May(a))
	}
}

// An expired API token is refused with 401, like no token.
func TestExpiredAPITokenRefused(t *testing.T) {
	f := newRolesFixture(t)
	u, err := f.app.DB().UserByEmail(context.Background(), "secretariat@example.org")
	if err != nil {
		t.Fatal(err)
	}
	secret := links.NewSecret()
	past := time.Now().Add(-time.Minute)
	if err := f.app.DB().AddToken(context.Background(), u.ID, store.TokenAPI, links.Hash(secret), &past); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/consultations/" + demo.LACSlug + "/registrations"
	if status, _ := f.api(t, http.MethodGet, path, secret, ""); status != http.StatusUnauthorized {
		t.Errorf("expired token = %d, want 401", status)
	}
	if status, _ := f.api(t, http.MethodGet, path, f.tokens[staff.Secretariat], ""); status != http.StatusOK {
		t.Errorf("valid token = %d, want 200", status)
	}
}
