package e2e_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/consulta/consulta/internal/i18n"
)

// TestEveryLanguageAccessible runs axe on the home, consultation,
// registration and secretariat pages in each of the seven languages.
func TestEveryLanguageAccessible(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)
	a.AddStaff(t, "admin@example.org", "correct horse battery", "admin")
	resp := a.PostForm(t, a.Client(), "/c/"+lacSlug+"/register", url.Values{
		"given_name": {"Ana"}, "family_name": {"Souza"}, "email": {"ana.souza@example.org"},
		"organization": {"Instituto Nupef"}, "stakeholder_group": {"civil_society"}, "country": {"BR"},
		"language": {"pt"}, "consent": {"yes"},
	})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register over HTTP: %s", resp.Status)
	}
	public := []string{"/", "/c/" + lacSlug, "/c/" + lacSlug + "/register", "/privacy", "/admin/login", "/admin/forgot-password"}
	for _, lang := range i18n.Languages() {
		for _, path := range public {
			b.open(a.URL + path + "?lang=" + lang)
			if got := b.attr("html", "lang"); got != lang {
				t.Errorf("%s?lang=%s: html lang=%q", path, lang, got)
			}
			b.checkA11y(axe, path+" ("+lang+")")
		}
	}
	b.open(a.URL + "/admin/login")
	b.signIn("admin@example.org", "correct horse battery")
	admin := []string{"/admin", "/admin/consultations/" + lacSlug + "/registrations", "/admin/consultations/" + lacSlug + "/edit", "/admin/outbox"}
	for _, lang := range i18n.Languages() {
		for _, path := range admin {
			b.open(a.URL + path + "?lang=" + lang)
			b.checkA11y(axe, path+" ("+lang+")")
		}
	}
}

// On a phone the home page shows the open consultation's Register button
// without scrolling; at 1280 px the registrations list shows every column.
func TestLayoutAtPhoneAndDesktopWidths(t *testing.T) {
	b := newBrowser(t)
	a, _ := demoApp(t)
	b.step("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile))
	for _, lang := range []string{"en", "pt", "ar"} {
		b.open(a.URL + "/?lang=" + lang)
		bottom := eval[float64](b, "register button", `document.querySelector('.cards a.button[href$="/register"]').getBoundingClientRect().bottom`)
		if bottom <= 0 || bottom > 844 {
			t.Errorf("home (%s) on a phone: the Register button ends at %vpx, below the fold (844px)", lang, bottom)
		}
	}

	a.AddStaff(t, "admin@example.org", "correct horse battery", "admin")
	resp := a.PostForm(t, a.Client(), "/c/"+lacSlug+"/register", url.Values{
		"given_name": {"Luis"}, "family_name": {"Soto"}, "email": {"luis.soto@example.org"},
		"organization": {"Universidad de Chile"}, "stakeholder_group": {"academia"}, "country": {"CL"},
		"language": {"es"}, "consent": {"yes"},
	})
	resp.Body.Close()
	b.step("desktop", chromedp.EmulateViewport(1280, 900))
	b.open(a.URL + "/admin/login?lang=en")
	b.signIn("admin@example.org", "correct horse battery")
	b.open(a.URL + "/admin/consultations/" + lacSlug + "/registrations")
	const list = `[...document.querySelectorAll("table")].pop()`
	// The list fits its box: no column is hidden behind a horizontal scroll.
	hidden := eval[float64](b, "hidden width", `(w => w.scrollWidth - w.clientWidth)(`+list+`.closest(".table-wrap"))`)
	if hidden > 0 {
		t.Errorf("at 1280 px %vpx of the registrations list are hidden behind a scroll", hidden)
	}
	head := eval[string](b, "list head", list+`.tHead.innerText`)
	for _, col := range []string{"Status", "Registered"} {
		if !strings.Contains(head, col) {
			t.Errorf("the registrations list has no %s column: %q", col, head)
		}
	}
	if !eval[bool](b, "outbox link", `!!document.querySelector('.admin-bar a[href="/admin/outbox"]')`) {
		t.Error("the admin bar does not link the outbox")
	}
}
