package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// The secretariat's side, through the admin pages: reject with a reason
// (and not without), move back, bulk approve, the meeting page, release
// now, and a message composed, previewed, tested and sent.
func TestAdminMeetingPages(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	staff := staffClient(t, a, "sec@example.org", "secretariat")
	list := "/admin/consultations/" + demo.LACSlug + "/registrations"
	requireApproval(t, a)
	_, one := registerAndConfirm(t, a, "one@example.org")
	_, two := registerAndConfirm(t, a, "two@example.org")
	_, three := registerAndConfirm(t, a, "three@example.org")

	// Reject without a reason: refused, nothing changes.
	resp, _ := post(t, a, staff, list+"/"+one.ID+"/reject", url.Values{"reason": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("reject without a reason: %d, want 422", resp.StatusCode)
	}
	if r, _ := a.DB().RegistrationByID(ctx, one.ID); r.Status != registration.Confirmed {
		t.Fatalf("a refused rejection left %q", r.Status)
	}
	// With one: rejected, and the list says so.
	resp, _ = post(t, a, staff, list+"/"+one.ID+"/reject", url.Values{"reason": {"Outside the region"}, "return": {"status=rejected"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", resp.StatusCode)
	}
	if _, page := a.Get(t, staff, resp.Header.Get("Location")); !strings.Contains(page, "an email gives them the reason") {
		t.Error("the list does not say the registration was rejected")
	}
	// Bulk: approve two and three (and the rejected one, which approval
	// brings back).
	resp, _ = post(t, a, staff, list+"/bulk", url.Values{"action": {"approve"}, "id": {one.ID, two.ID, three.ID}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "bulk=3%2F3") {
		t.Fatalf("bulk approve: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = post(t, a, staff, list+"/bulk", url.Values{"action": {"reject"}, "id": {two.ID}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bulk reject without a reason: %d, want 422", resp.StatusCode)
	}
	resp, _ = post(t, a, staff, list+"/bulk", url.Values{"action": {"explode"}, "id": {two.ID}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bulk with an unknown action: %d, want 422", resp.StatusCode)
	}
	// Move one back: awaiting approval again.
	if resp, _ := post(t, a, staff, list+"/"+one.ID+"/unapprove", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("move back: %d", resp.StatusCode)
	}
	if r, _ := a.DB().RegistrationByID(ctx, one.ID); r.Status != registration.Confirmed {
		t.Errorf("moved back: %q", r.Status)
	}

	// The meeting page: the link, its state, release now.
	meeting := "/admin/consultations/" + demo.LACSlug + "/meeting"
	_, page := a.Get(t, staff, meeting)
	for _, want := range []string{"wsis20-lac-SECRET-demo", "2 approved", "Send the join links now"} {
		if !strings.Contains(page, want) {
			t.Errorf("the meeting page lacks %q", want)
		}
	}
	resp, _ = post(t, a, staff, meeting+"/release", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("release now: %d", resp.StatusCode)
	}
	waitEmail(t, a, two.Email, 3) // confirmation, approval, join link
	if _, page := a.Get(t, staff, meeting); !strings.Contains(page, "version 1") {
		t.Error("the meeting page does not say the links went out")
	}

	// A message: a missing subject keeps what was typed.
	form := url.Values{"lang": {"en"}, "subject": {""}, "body": {"Line one\n\nHello {name}"}, "status": {"approved"}}
	resp, body := post(t, a, staff, "/admin/consultations/"+demo.LACSlug+"/messages", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Hello {name}") {
		t.Fatalf("message without a subject: %d", resp.StatusCode)
	}
	form.Set("subject", "Agenda")
	resp, _ = post(t, a, staff, "/admin/consultations/"+demo.LACSlug+"/messages", form)
	preview := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(preview, "message=") {
		t.Fatalf("message: %d %s", resp.StatusCode, preview)
	}
	_, page = a.Get(t, staff, preview)
	if !strings.Contains(page, "Hello Ana Example") || !strings.Contains(page, "Send to all recipients") {
		t.Fatal("the preview does not show the message with sample values")
	}
	id := strings.TrimSuffix(strings.SplitN(preview, "message=", 2)[1], "#preview")
	msgs := "/admin/consultations/" + demo.LACSlug + "/messages/" + id
	if resp, _ := post(t, a, staff, msgs+"/test", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("test send: %d", resp.StatusCode)
	}
	waitEmail(t, a, "sec@example.org", 1)
	for range 2 { // twice: sent once
		if resp, _ := post(t, a, staff, msgs+"/send", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("send: %d", resp.StatusCode)
		}
	}
	waitEmail(t, a, two.Email, 4)
	// One is awaiting approval again, so the message to the approved is not theirs.
	toOne, err := a.DB().Emails(ctx, one.Email, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range toOne {
		if m.Message.Subject == "Agenda" {
			t.Error("a message to the approved reached a registrant awaiting approval")
		}
	}
	// Another consultation's message id is not found here.
	other := "/admin/consultations/" + demo.MapSlug + "/messages/" + id + "/send"
	if resp, _ := post(t, a, staff, other, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a message sent through another consultation: %d, want 404", resp.StatusCode)
	}
}
