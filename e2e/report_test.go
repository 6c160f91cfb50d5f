package e2e_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/store"
)

// TestAccessibilityReportPages generates the demo review's synthesis
// report from the secretariat's page (its button, as a person would),
// runs axe on that page before and after (with the curation forms), then
// publishes it and runs axe on the public page in English and Arabic.
// With CONSULTA_SCREENSHOTS=docs/screenshots it writes report-admin.png,
// the secretariat's page.
func TestAccessibilityReportPages(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)
	a.AddStaff(t, "secretariat@example.org", "correct horse battery", "secretariat")
	b.open(a.URL + "/admin/login?lang=en")
	b.signIn("secretariat@example.org", "correct horse battery")
	page := a.URL + "/admin/reviews/wsis20/report"
	b.open(page)
	b.wantText("main", "No report has been generated yet.")
	b.checkA11y(axe, "admin report page, nothing generated")
	b.step("generate", chromedp.Click(css(`form[action$="/report/generate"] button`)), chromedp.WaitVisible(css("main")))
	rv, err := a.DB().ReviewBySlug(context.Background(), "wsis20")
	if err != nil {
		t.Fatal(err)
	}
	waitForReport(t, a.DB(), rv.ID)
	// The page that said "queued" or "running" follows the run
	// (static/report.js) and shows the new report once it is done.
	b.step("page follows the run", chromedp.WaitVisible(css("#draft-title")))
	b.wantText("main", "Preview and download", "Curation")
	b.checkA11y(axe, "admin report page with curation forms")
	b.step("admin viewport", chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
	writeScreenshot(t, b, "report-admin.png")
	b.open(page + "?lang=ar")
	b.checkA11y(axe, "admin report page (ar)")
	b.open(page + "?lang=en")
	b.step("publish", chromedp.Click(css(`form[action$="/report/publish"] button`)),
		chromedp.WaitVisible(css(`main a[href="/reviews/wsis20/report"]`))) // the public link, once published
	b.open(a.URL + "/reviews/wsis20/report?lang=en")
	b.wantText("main", "Synthesis report", "Read and download")
	b.checkA11y(axe, "public report page")
	b.open(a.URL + "/reviews/wsis20/report?lang=ar")
	b.checkA11y(axe, "public report page (ar)")
}

// TestAccessibilityHTMLReport runs axe on the published HTML report (the
// renderer's document, served as it is downloaded) and, with
// CONSULTA_SCREENSHOTS=docs/screenshots, writes report-html.png (the first
// guiding question's themes) and report-html-participation.png at
// 1280×900.
func TestAccessibilityHTMLReport(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)
	ctx := context.Background()
	rv, err := a.DB().ReviewBySlug(ctx, "wsis20")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.App.Reports.Request(ctx, rv.ID, rv.Slug, "en"); err != nil {
		t.Fatal(err)
	}
	waitForReport(t, a.DB(), rv.ID)
	if err := a.App.Reports.Publish(ctx, rv.ID, true); err != nil {
		t.Fatal(err)
	}
	b.step("viewport", chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
	b.open(a.URL + "/reviews/wsis20/report.html")
	b.checkA11y(axe, "HTML report")
	for name, anchor := range map[string]string{"report-html.png": "#q-1", "report-html-participation.png": "#participation"} {
		run(b, "scroll to "+anchor, chromedp.Evaluate[bool](`document.querySelector("`+anchor+`").scrollIntoView(), true`))
		writeScreenshot(t, b, name)
	}
}

// waitForReport waits until the review's generation is done.
func waitForReport(t *testing.T, db *store.DB, reviewID int64) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		st, err := db.ReportState(context.Background(), reviewID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Status == report.StatusDone {
			return
		}
		if st.Status == report.StatusFailed || time.Now().After(deadline) {
			t.Fatalf("generation %s: %s", st.Status, st.Error)
		}
	}
}

// writeScreenshot captures the viewport into CONSULTA_SCREENSHOTS/name,
// when that is set.
func writeScreenshot(t *testing.T, b *browser, name string) {
	t.Helper()
	dir := os.Getenv("CONSULTA_SCREENSHOTS")
	if dir == "" {
		return
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir) // tests run in e2e/
	}
	img, err := png.Decode(bytes.NewReader(run(b, "screenshot", chromedp.CaptureScreenshot())))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d KB)", name, out.Len()>>10)
}
