package e2e_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// TestAccessibilityAdminDeliveries signs in as the secretariat and runs axe
// on the deliveries page, with one sent confirmation email listed, in
// English and in Arabic (right to left).
func TestAccessibilityAdminDeliveries(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, mp := demoApp(t)
	a.AddStaff(t, "secretariat@example.org", "correct horse battery", "secretariat")
	resp := a.PostForm(t, a.Client(), "/c/"+lacSlug+"/register", url.Values{
		"given_name": {"Luis"}, "family_name": {"Soto"}, "email": {"luis.soto@example.org"},
		"organization": {"Universidad de Chile"}, "stakeholder_group": {"academia"}, "country": {"CL"},
		"language": {"es"}, "consent": {"yes"},
	})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register over HTTP: %s", resp.Status)
	}
	mp.WaitFor(t, "luis.soto@example.org", 1, 15*time.Second)

	b.open(a.URL + "/admin/login?lang=en")
	b.signIn("secretariat@example.org", "correct horse battery")
	b.open(a.URL + "/admin/deliveries")
	b.wantText("main", "luis.soto@example.org")
	b.checkA11y(axe, "admin deliveries")
	b.open(a.URL + "/admin/deliveries?lang=ar")
	b.wantText("main", "luis.soto@example.org")
	b.checkA11y(axe, "admin deliveries (ar)")
}
