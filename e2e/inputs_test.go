package e2e_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/consulta/consulta/internal/store"
)

// TestAccessibilityInputs runs axe on the written-input pages: the archive
// (with a search, and in Arabic), a permalink, the call's form with and
// without errors, and the secretariat's list and one input.
func TestAccessibilityInputs(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)
	hits, _, _, err := a.DB().Inputs(context.Background(), store.InputFilter{Public: true, Limit: 1})
	if err != nil || len(hits) == 0 {
		t.Fatalf("no published demo input: %v", err)
	}
	id := strconv.FormatInt(hits[0].ID, 10)

	b.open(a.URL + "/reviews/wsis20/inputs?lang=en")
	b.checkA11y(axe, "inputs archive")
	b.open(a.URL + "/reviews/wsis20/inputs?q=connectivity&group=civil_society")
	b.wantText("main", "connectivity")
	b.checkA11y(axe, "inputs archive, searched")
	b.open(a.URL + "/inputs/" + id)
	b.checkA11y(axe, "input permalink")
	b.open(a.URL + "/reviews/wsis20/inputs/new?consultation=" + lacSlug)
	b.checkA11y(axe, "input form")
	b.step("submit empty form", chromedp.Click(css(`form[method="post"] button[type="submit"]`)),
		chromedp.WaitVisible(css(".error-summary")))
	b.checkA11y(axe, "input form with errors")
	b.open(a.URL + "/reviews/wsis20/inputs?lang=ar")
	if dir := b.attr("html", "dir"); dir != "rtl" {
		t.Errorf("Arabic archive dir=%q, want rtl", dir)
	}
	b.checkA11y(axe, "inputs archive (ar)")

	a.AddStaff(t, "admin@example.org", "correct horse battery", "admin")
	b.open(a.URL + "/admin/login?lang=en")
	b.signIn("admin@example.org", "correct horse battery")
	b.open(a.URL + "/admin/reviews/wsis20/inputs")
	b.checkA11y(axe, "admin inputs list")
	b.open(a.URL + "/admin/inputs/" + id)
	b.checkA11y(axe, "admin input")
	b.open(a.URL + "/admin/reviews/wsis20/inputs/new")
	b.checkA11y(axe, "on-behalf form")
}
