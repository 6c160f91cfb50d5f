package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// The meeting URL reaches no public page, public API response, .ics or email.
func TestMeetingURLNeverLeaks(t *testing.T) {
	const secret = "https://meet.example.org/j/SECRET-7f3a9"
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	cons, err := a.DB().ConsultationBySlug(ctx, "wsis20-lac")
	if err != nil {
		t.Fatal(err)
	}
	cons.MeetingURL = secret
	if err := a.DB().SaveConsultation(ctx, cons); err != nil {
		t.Fatal(err)
	}
	c := a.Client()
	a.PostForm(t, c, "/c/wsis20-lac/register", registrationForm("leak@example.org")).Body.Close()
	a.PostForm(t, c, "/c/wsis20-lac/register", registrationForm("leak@example.org")).Body.Close()
	mails := waitEmail(t, a, "leak@example.org", 2)
	confirm := strings.SplitN(linkIn(t, mails[0].Message.Text, "/r/confirm/"), "?", 2)[0]
	cancel := strings.SplitN(linkIn(t, mails[0].Message.Text, "/r/cancel/"), "?", 2)[0]
	paths := []string{"/", "/c/wsis20-lac", "/c/wsis20-lac/register", "/c/wsis20-lac/registered",
		"/c/wsis20-lac/event.ics", "/privacy", confirm, cancel, "/api/v1/consultations",
		"/api/v1/consultations/wsis20-lac", "/api/v1/openapi.json",
		"/c/wsis20-lac/opinions", "/c/wsis20-lac/opinions/groups", "/c/wsis20-lac/opinions/vote",
		"/api/v1/consultations/wsis20-lac/opinions", "/api/v1/consultations/wsis20-lac/opinions/breakdown",
		"/api/v1/consultations/wsis20-lac/statements"}
	for _, lang := range i18n.Languages() {
		for _, p := range paths {
			_, body := a.Get(t, c, p+"?lang="+lang)
			if strings.Contains(body, "SECRET-7f3a9") {
				t.Errorf("GET %s?lang=%s shows the meeting URL", p, lang)
			}
		}
	}
	a.PostForm(t, c, confirm, nil).Body.Close()
	_, body := a.Get(t, c, confirm)
	if strings.Contains(body, "SECRET-7f3a9") {
		t.Error("the confirmation page shows the meeting URL")
	}
	// A participant of the opinion map sees no meeting URL either.
	join := joinRe.FindStringSubmatch(body)
	if join == nil {
		t.Fatal("the confirmation page has no link to the opinion map")
	}
	for _, p := range []string{join[1], "/c/wsis20-lac/opinions/vote", "/c/wsis20-lac/opinions"} {
		_, body := a.Get(t, c, p)
		if strings.Contains(body, "SECRET-7f3a9") {
			t.Errorf("GET %s as a participant shows the meeting URL", p)
		}
		if p == "/c/wsis20-lac/opinions/vote" && !strings.Contains(body, `name="vote"`) {
			t.Error("the participant does not get the voting form, so this check proves nothing")
		}
	}
	for _, m := range mails {
		if strings.Contains(m.Message.Text+m.Message.HTML+m.Message.Subject, "SECRET-7f3a9") {
			t.Errorf("email %q contains the meeting URL", m.Message.Subject)
		}
	}
}

// The meeting URL reaches approved registrants only, behind their personal
// join link, and them only in the join window: no page, calendar file,
// data download, email or API answer carries it, for registrants who are
// awaiting approval, waitlisted, rejected or cancelled, for approved ones
// before the window, for staff who may not read it, or for anyone else.
func TestMeetingURLReachesOnlyApprovedRegistrants(t *testing.T) {
	const secret = "SECRET-b41c"
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	sec := a.AddStaff(t, "sec@example.org", adminPassword, "secretariat")
	mod := a.AddStaff(t, "mod@example.org", adminPassword, "moderator")
	base := "/api/v1/consultations/" + demo.LACSlug
	apiJSON(t, a, "PATCH", base, a.APIToken(t, sec), `{"approval_required":true,"capacity":1,`+
		`"meeting_url":"https://meet.example.org/`+secret+`","link_release_before":null}`, http.StatusOK)
	cons, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	emails := []string{"approved@example.org", "awaiting@example.org", "waitlisted@example.org", "rejected@example.org",
		"cancelled@example.org"}
	regs := map[string]*registration.Registration{}
	for _, e := range emails {
		_, regs[e] = registerAndConfirm(t, a, e)
	}
	svc := a.App.Web.Registrations
	for _, step := range []error{
		func() error { _, err := svc.Approve(ctx, cons, regs["approved@example.org"].ID); return err }(),
		func() error { _, err := svc.Approve(ctx, cons, regs["waitlisted@example.org"].ID); return err }(),
		func() error { _, err := svc.Reject(ctx, cons, regs["rejected@example.org"].ID, "no"); return err }(),
		func() error { _, err := svc.Cancel(ctx, regs["cancelled@example.org"]); return err }(),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	if _, err := a.App.Web.Meetings.ReleaseNow(ctx, cons); err != nil {
		t.Fatal(err)
	}
	waitEmail(t, a, "approved@example.org", 3) // confirm, approved, join link
	c := a.Client()
	urls := a.App.Web.URLs
	paths := []string{"/reviews/" + demo.ReviewSlug + "/calendar.ics", "/c/" + demo.LACSlug, "/c/" + demo.LACSlug + "/event.ics"}
	for _, e := range emails {
		r := regs[e]
		p := urls.ParticipantPath(r.ID, cons.EndsAt)
		paths = append(paths, p, p+"/event.ics", p+"/data.json", urls.JoinPath(r.ID, cons.EndsAt))
	}
	for _, p := range paths {
		resp, body := a.Get(t, c, p)
		if strings.Contains(body, secret) || strings.Contains(resp.Header.Get("Location"), secret) {
			t.Errorf("GET %s (%d) gives the meeting URL", p, resp.StatusCode)
		}
	}
	for _, e := range emails {
		list, err := a.DB().Emails(ctx, e, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range list {
			if strings.Contains(m.Message.Text+m.Message.HTML+m.Message.Subject, secret) {
				t.Errorf("email %q to %s contains the meeting URL", m.Message.Subject, e)
			}
			for _, at := range m.Message.Attachments {
				if strings.Contains(string(at.Data), secret) {
					t.Errorf("attachment %s of %q to %s contains the meeting URL", at.Filename, m.Message.Subject, e)
				}
			}
		}
	}
	// Staff who may not read it: not in the API, not on the meeting page.
	modToken := a.APIToken(t, mod)
	if out := apiJSON(t, a, "GET", base, modToken, "", http.StatusOK); out["meeting_url"] != nil {
		t.Error("a moderator's API token reads the meeting URL")
	}
	apiJSON(t, a, "PATCH", base, modToken, `{"meeting_url":"https://evil.example.org/x"}`, http.StatusForbidden)
	modClient := staffClient(t, a, "mod2@example.org", "moderator")
	if resp, body := a.Get(t, modClient, "/admin/consultations/"+demo.LACSlug+"/meeting"); resp.StatusCode != http.StatusForbidden ||
		strings.Contains(body, secret) {
		t.Errorf("a moderator's meeting page: %d", resp.StatusCode)
	}
	// The positive control: the secretariat reads it.
	if out := apiJSON(t, a, "GET", base, a.APIToken(t, sec), "", http.StatusOK); !strings.Contains(fmt.Sprint(out["meeting_url"]), secret) {
		t.Error("the secretariat's token does not read the meeting URL, so the checks above prove nothing")
	}
}
