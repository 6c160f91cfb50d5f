package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

// The confirmation email goes through a real SMTP server exactly once, in
// the registrant's language, and its link confirms the registration.
func TestConfirmationEmailOverSMTP(t *testing.T) {
	mp := mailpit.Start(t)
	a := apptest.Start(t, apptest.Options{Demo: true, SMTP: mp.SMTPURL})
	c := a.Client()
	form := registrationForm("maria@example.org")
	form.Set("language", "es")
	resp := a.PostForm(t, c, "/c/wsis20-lac/register", form)
	resp.Body.Close()
	msgs := mp.WaitFor(t, "maria@example.org", 1, 15*time.Second)
	time.Sleep(500 * time.Millisecond) // give a duplicate the chance to show up
	if got := mp.WaitFor(t, "maria@example.org", 1, time.Second); len(got) != 1 {
		t.Fatalf("%d messages arrived, want exactly 1", len(got))
	}
	m := msgs[0]
	if !strings.Contains(m.Subject, "La CMSI a los 20 años") {
		t.Errorf("subject %q is not in Spanish", m.Subject)
	}
	if !strings.Contains(m.HTML, `lang="es"`) || m.Text == "" {
		t.Error("message lacks a Spanish HTML part or a text part")
	}
	confirm := linkIn(t, m.Text, "/r/confirm/")
	a.PostForm(t, c, strings.SplitN(confirm, "?", 2)[0], nil).Body.Close()
	if reg := onlyRegistration(t, a); reg.Status != "approved" {
		t.Fatalf("status %s after following the emailed link", reg.Status)
	}
	sent, err := a.DB().EmailSent(t.Context(), "confirm:"+onlyRegistration(t, a).ID)
	if err != nil || !sent {
		t.Fatalf("the sent email was not recorded (%v)", err)
	}
}
