package e2e_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/consulta/consulta/internal/store"
)

// TestAccessibilityMeetingPages runs axe on the pages of the meeting link:
// the registrant's own page with their join link, the join page before
// the window opens (in English and Arabic), and the secretariat's meeting
// page.
func TestAccessibilityMeetingPages(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)
	ctx := context.Background()
	resp := a.PostForm(t, a.Client(), "/c/"+lacSlug+"/register", url.Values{
		"given_name": {"Luis"}, "family_name": {"Soto"}, "email": {"luis.soto@example.org"},
		"organization": {"Universidad de Chile"}, "stakeholder_group": {"academia"}, "country": {"CL"},
		"language": {"es"}, "consent": {"yes"},
	})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register over HTTP: %s", resp.Status)
	}
	c, err := a.DB().ConsultationBySlug(ctx, lacSlug)
	if err != nil {
		t.Fatal(err)
	}
	regs, _, err := a.DB().Registrations(ctx, store.RegistrationFilter{ConsultationID: c.ID})
	if err != nil || len(regs) != 1 {
		t.Fatalf("registrations: %v %v", regs, err)
	}
	reg, err := a.App.Web.Registrations.Confirm(ctx, regs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.App.Web.Meetings.ReleaseNow(ctx, c); err != nil {
		t.Fatal(err)
	}
	urls := a.App.Web.URLs
	b.open(a.URL + urls.ParticipantPath(reg.ID, c.EndsAt) + "?lang=en")
	b.wantText("main", "You are registered as a participant.")
	b.checkA11y(axe, "participant page")
	b.open(a.URL + urls.JoinPath(reg.ID, c.EndsAt) + "?lang=en")
	b.wantText("main", "Your link opens at")
	b.checkA11y(axe, "join page before the window")
	b.open(a.URL + urls.JoinPath(reg.ID, c.EndsAt) + "?lang=ar")
	b.checkA11y(axe, "join page before the window (ar)")

	a.AddStaff(t, "admin@example.org", "correct horse battery", "admin")
	b.open(a.URL + "/admin/login?lang=en")
	b.signIn("admin@example.org", "correct horse battery")
	b.open(a.URL + "/admin/consultations/" + lacSlug + "/meeting")
	b.wantText("main", "Messages to registrants")
	b.checkA11y(axe, "admin meeting page")
	b.open(a.URL + "/admin/consultations/" + lacSlug + "/registrations")
	b.checkA11y(axe, "admin registrations list with actions")
}
