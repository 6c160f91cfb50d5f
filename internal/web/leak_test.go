package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/consulta/consulta/internal/i18n"
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
