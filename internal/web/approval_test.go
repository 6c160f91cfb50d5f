package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// When the consultation requires approval, a confirmed registrant takes part
// in the opinion map only once the secretariat has approved them: no join
// link before, a refused join link, a refused participant token; staff
// approve from the registrations list; then everything works.
func TestApprovalGatesTheOpinionMap(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	c, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	c.ApprovalRequired = true
	if err := a.DB().SaveConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	signer := a.App.Web.Links

	body, reg := registerAndConfirm(t, a, "awaiting@example.org")
	if joinRe.MatchString(body) {
		t.Error("the confirmation page offers the opinion map before approval")
	}
	if !strings.Contains(body, "Yours is confirmed and now awaits its approval.") {
		t.Error("the confirmation page does not say the registration awaits approval")
	}
	participant := a.Client()
	join := "/c/" + demo.LACSlug + "/opinions/join/" + signer.Sign(opinion.LinkJoin, reg.ID)
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

	// The confirmation link's page no longer speaks of waiting.
	if _, page := a.Get(t, a.Client(), "/r/confirm/"+signer.Sign(links.Confirm, reg.ID)); !strings.Contains(page, "Registration confirmed") || strings.Contains(page, "awaits its approval") {
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
