package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

// When the consultation requires approval, a confirmed registrant takes part
// in the opinion map only once the secretariat has approved them: no join
// link before, a refused join link, a refused participant token; staff
// approve from the registrations list; then everything works.
func TestApprovalGatesTheOpinionMap(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	c := requireApproval(t, a)
	signer := a.App.Web.URLs.Signer()

	body, reg := registerAndConfirm(t, a, "awaiting@example.org")
	if joinRe.MatchString(body) {
		t.Error("the confirmation page offers the opinion map before approval")
	}
	if !strings.Contains(body, "Yours is confirmed and now awaits its approval.") {
		t.Error("the confirmation page does not say the registration awaits approval")
	}
	participant := a.Client()
	join := "/c/" + demo.LACSlug + "/opinions/join/" + signer.Sign(links.OpinionJoin, reg.ID)
	resp, page := a.Get(t, participant, join)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "has not yet approved your registration") {
		t.Fatalf("join before approval: %d", resp.StatusCode)
	}
	if resp, _ := castVote(t, a, participant, 0, "agree"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("vote before approval: %d", resp.StatusCode)
	}

	// Staff see the registration awaiting approval, with a button.
	staff := staffClient(t, a, "sec@example.org", "admin")
	list := "/admin/consultations/" + demo.LACSlug + "/registrations"
	_, page = a.Get(t, staff, list+"?status=confirmed")
	approve := list + "/" + reg.ID + "/approve"
	if !strings.Contains(page, "Confirmed, awaiting approval") || !strings.Contains(page, `action="`+approve+`"`) {
		t.Fatal("the registrations list offers no approval")
	}
	// The dashboard counts them.
	if _, page := a.Get(t, staff, "/admin"); !strings.Contains(page, "1 awaiting approval") {
		t.Error("the dashboard does not count the registration awaiting approval")
	}
	// Nobody but staff can approve.
	if resp, _ := post(t, a, a.Client(), approve, nil); resp.StatusCode == http.StatusSeeOther && !strings.Contains(resp.Header.Get("Location"), "/admin/login") {
		t.Fatalf("anonymous approval: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r, _ := a.DB().RegistrationByID(ctx, reg.ID); r.ApprovedAt != nil {
		t.Fatal("an anonymous request approved the registration")
	}
	resp, _ = post(t, a, staff, approve, url.Values{"return": {"status=confirmed"}})
	back := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(back, list+"?") || !strings.Contains(back, "status=confirmed") {
		t.Fatalf("approve: %d %q", resp.StatusCode, back)
	}
	if _, page := a.Get(t, staff, back); !strings.Contains(page, "is approved and may now take part") || !strings.Contains(page, ">Approved<") {
		t.Error("the list does not show the approval")
	}

	if _, page := a.Get(t, staff, "/admin"); !strings.Contains(page, "0 awaiting approval") {
		t.Error("the dashboard still counts the approved registration as awaiting approval")
	}
	// The confirmation link's page no longer speaks of waiting.
	if _, page := a.Get(t, a.Client(), "/r/confirm/"+signer.SignUntil(links.Confirm, reg.ID, time.Now().Add(time.Hour))); !strings.Contains(page, "Registration confirmed") || strings.Contains(page, "awaits its approval") {
		t.Error("after approval, the confirmation page still says the registration awaits approval")
	}

	// Approved: the join link now works, and the vote counts.
	if resp, _ := a.Get(t, participant, join); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("join after approval: %d", resp.StatusCode)
	}
	if _, page := a.Get(t, participant, votePath); !strings.Contains(page, `name="vote"`) {
		t.Fatal("no voting form after joining")
	}
	if resp, _ := castVote(t, a, participant, 0, "agree"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("vote after approval: %d", resp.StatusCode)
	}
	if v, ok, err := a.DB().Vote(ctx, c.ID, 0, 0); err != nil || !ok || v != opinion.Agree {
		t.Errorf("stored vote %v %v %v, want agree", v, ok, err)
	}
	// A pending registration cannot be approved.
	pending := registrationForm("later@example.org")
	a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", pending).Body.Close()
	p := registrationByEmail(t, a, "later@example.org")
	if resp, _ := post(t, a, staff, list+"/"+p.ID+"/approve", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("approving a pending registration: %d, want 409", resp.StatusCode)
	}
}

// Approving a registration sends the registrant, through a real SMTP
// server, exactly one email in their language: approved, with their link
// to the opinion map (which works), and never the meeting link. Approving
// again sends nothing more.
func TestApprovalEmailOverSMTP(t *testing.T) {
	mp := mailpit.Start(t)
	a := apptest.Start(t, apptest.Options{Demo: true, SMTP: mp.SMTPURL})
	c := requireApproval(t, a)
	const to = "amelie@example.org"
	form := registrationForm(to)
	form.Set("language", "fr")
	resp := a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", form)
	resp.Body.Close()
	confirm := linkIn(t, mp.WaitFor(t, to, 1, 15*time.Second)[0].Text, "/r/confirm/")
	post(t, a, a.Client(), strings.SplitN(confirm, "?", 2)[0], nil)
	reg := registrationByEmail(t, a, to)

	staff := staffClient(t, a, "sec@example.org", "admin")
	approve := "/admin/consultations/" + demo.LACSlug + "/registrations/" + reg.ID + "/approve"
	if resp, _ := post(t, a, staff, approve, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	msgs := mp.WaitFor(t, to, 2, 15*time.Second)
	if resp, _ := post(t, a, staff, approve, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve again: %d", resp.StatusCode)
	}
	time.Sleep(time.Second) // give a duplicate the chance to arrive
	if got := mp.WaitFor(t, to, 2, time.Second); len(got) != 2 {
		t.Fatalf("%d messages, want 2: the confirmation and one approval", len(got))
	}
	var m *mailpit.Message
	for i := range msgs {
		x := msgs[i]
		if strings.HasPrefix(x.Subject, "Inscription approuvée") {
			m = &x
		}
	}
	if m == nil {
		t.Fatalf("no approval email in French among %q, %q", msgs[0].Subject, msgs[1].Subject)
	}
	if !strings.Contains(m.Text, "Le secrétariat a approuvé votre inscription") {
		t.Errorf("approval email text:\n%s", m.Text)
	}
	if strings.Contains(m.Text+m.HTML, c.MeetingURL) || strings.Contains(m.Text+m.HTML, "SECRET") {
		t.Error("the approval email carries the meeting link")
	}
	join := strings.SplitN(linkIn(t, m.Text, "/c/"+demo.LACSlug+"/opinions/join/"), "?", 2)[0]
	participant := a.Client()
	if resp, _ := a.Get(t, participant, join); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the emailed opinion-map link: %d", resp.StatusCode)
	}
	if _, page := a.Get(t, participant, votePath); !strings.Contains(page, `name="vote"`) {
		t.Error("no voting form after following the emailed link")
	}
}

// requireApproval makes the demo's LAC consultation require approval.
func requireApproval(t *testing.T, a *apptest.App) *consultation.Consultation {
	t.Helper()
	c, err := a.DB().ConsultationBySlug(context.Background(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	c.ApprovalRequired = true
	if err := a.DB().SaveConsultation(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// Staff approve over the API as from the admin list, and only staff can;
// a registration that is not confirmed, an unknown one, or a consultation
// without approval get clear errors; approving twice keeps the first time
// and emails once.
func TestApprovalOverTheAPI(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	requireApproval(t, a)
	resp := a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", registrationForm("unconfirmed@example.org"))
	resp.Body.Close()
	pending := registrationByEmail(t, a, "unconfirmed@example.org")
	_, reg := registerAndConfirm(t, a, "api-approved@example.org")
	bearer := "Bearer " + a.APIToken(t, a.AddStaff(t, "api-staff@example.org", "a long enough password", "secretariat"))

	approve := func(slug, id, auth string, want int) map[string]any {
		t.Helper()
		req, _ := http.NewRequest("POST", a.URL+"/api/v1/consultations/"+slug+"/registrations/"+id+"/approve", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != want {
			t.Fatalf("approve %s/%s: %d (%v) %v, want %d", slug, id, resp.StatusCode, err, out, want)
		}
		return out
	}
	code := func(out map[string]any) any { return out["error"].(map[string]any)["code"] }

	approve(demo.LACSlug, reg.ID, "", http.StatusUnauthorized)
	approve(demo.LACSlug, reg.ID, "Bearer not-a-token", http.StatusUnauthorized)
	if got := registrationByEmail(t, a, reg.Email); got.ApprovedAt != nil {
		t.Fatal("approved without a valid token")
	}
	if out := approve(demo.LACSlug, pending.ID, bearer, http.StatusConflict); code(out) != "conflict" {
		t.Errorf("pending: %v", out)
	}
	approve(demo.LACSlug, "no-such-id", bearer, http.StatusNotFound)
	if out := approve(demo.MapSlug, reg.ID, bearer, http.StatusNotFound); code(out) != "not_found" {
		t.Errorf("through another consultation: %v", out)
	}

	first := approve(demo.LACSlug, reg.ID, bearer, http.StatusOK)
	if first["id"] != reg.ID || first["status"] != "approved" || first["approved_at"] == nil {
		t.Fatalf("approved registration: %v", first)
	}
	if again := approve(demo.LACSlug, reg.ID, bearer, http.StatusOK); again["approved_at"] != first["approved_at"] {
		t.Errorf("approving again moved approved_at from %v to %v", first["approved_at"], again["approved_at"])
	}
	// The confirmation request and one approval, in the language the
	// registrant chose (Portuguese).
	msgs := waitEmail(t, a, reg.Email, 2)
	if !strings.HasPrefix(msgs[0].Message.Subject, "Inscrição aprovada") {
		t.Errorf("newest email: %q", msgs[0].Message.Subject)
	}
	time.Sleep(500 * time.Millisecond) // give a duplicate the chance to show up
	waitEmail(t, a, reg.Email, 2)
}
