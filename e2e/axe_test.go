package e2e_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeScript is axe-core as installed by `npm ci --prefix e2e`.
const axeScript = "node_modules/axe-core/axe.min.js"

// axeTags are the rule sets checked: WCAG 2.0–2.2 A and AA, and axe's best
// practices.
const axeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]`

// axeRun runs axe on the page and keeps the serious and critical violations.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ` + axeTags + `}, resultTypes: ["violations"]})
  .then(r => r.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""}))})))`

// violation is one axe rule that failed, with the elements that failed it.
type violation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target, Summary string }
}

// loadAxe reads axe-core, failing with how to install it when missing.
func loadAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axeScript)
	if err != nil {
		abs, _ := filepath.Abs(axeScript)
		t.Fatalf("axe-core not installed at %s (%v): run `npm ci --prefix e2e` from the repository root", abs, err)
	}
	return string(src)
}

// checkA11y injects axe into the current page (through the DevTools
// protocol, which the page's CSP does not restrict) and fails the test on
// any serious or critical violation.
func (b *browser) checkA11y(axe, page string) {
	b.t.Helper()
	if ok := run(b, "inject axe", chromedp.Evaluate[bool](axe+"\n;typeof axe === 'object'")); !ok {
		b.t.Fatalf("%s: axe did not load", page)
	}
	vs := run(b, "run axe", chromedp.Evaluate[[]violation](axeRun, chromedp.EvalAwaitPromise))
	for _, v := range vs {
		b.t.Errorf("%s (%s): axe %s [%s] %s%s", page, b.location(), v.ID, v.Impact, v.Help, describeNodes(v))
	}
}

func describeNodes(v violation) string {
	var s strings.Builder
	for _, n := range v.Nodes {
		fmt.Fprintf(&s, "\n    %s\n      %s", n.Target, strings.ReplaceAll(n.Summary, "\n", "\n      "))
	}
	return s.String()
}

// TestAccessibilityPublicPages runs axe on every public page of the
// registration journey, in English and, for right-to-left, in Arabic.
func TestAccessibilityPublicPages(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)

	b.open(a.URL + "/?lang=en")
	b.checkA11y(axe, "home")

	b.open(lacURL(a, ""))
	b.checkA11y(axe, "consultation page")

	b.open(lacURL(a, "/register"))
	b.checkA11y(axe, "registration form")

	b.step("submit empty form", chromedp.Click(css(`form button[type="submit"]`)),
		chromedp.WaitVisible(css(".error-summary")))
	b.checkA11y(axe, "registration form with errors")

	b.open(lacURL(a, "/registered"))
	b.checkA11y(axe, "check-email page")

	b.open(lacURL(a, "?lang=ar"))
	if dir := b.attr("html", "dir"); dir != "rtl" {
		t.Errorf("Arabic page dir=%q, want rtl", dir)
	}
	b.checkA11y(axe, "consultation page (ar)")
}

// TestAccessibilityAdminRegistrations signs in as staff and runs axe on the
// registrations list of the LAC consultation, with one registration in it.
func TestAccessibilityAdminRegistrations(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)
	a.AddStaff(t, "admin@example.org", "correct horse battery", "admin")
	resp := a.PostForm(t, a.Client(), "/c/"+lacSlug+"/register", url.Values{
		"given_name": {"Luis"}, "family_name": {"Soto"}, "email": {"luis.soto@example.org"},
		"organization": {"Universidad de Chile"}, "stakeholder_group": {"academia"}, "country": {"CL"},
		"language": {"es"}, "consent": {"yes"},
	})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register over HTTP: %s", resp.Status)
	}

	b.open(a.URL + "/admin/login?lang=en")
	b.checkA11y(axe, "admin sign-in")
	b.signIn("admin@example.org", "correct horse battery")
	b.open(a.URL + "/admin")
	b.wantText("main", "1 not yet confirmed")
	b.checkA11y(axe, "admin dashboard")
	b.open(a.URL + "/admin/consultations/" + lacSlug + "/registrations")
	b.wantText("main", "luis.soto@example.org")
	b.checkA11y(axe, "admin registrations list")
}
