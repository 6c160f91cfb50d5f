package e2e_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/testutil/opinionseed"
)

// TestOpinionMapInBrowser opens the opinion map and its breakdowns in a
// real browser: the SVG map is drawn, a reader can compare two stakeholder
// groups with the form, and axe finds no serious violation in English or
// in Arabic (right to left).
func TestOpinionMapInBrowser(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)
	opinionseed.Polarised(t, a)

	b.open(lacURL(a, "/opinions?lang=en"))
	b.wantVisible("svg.opinion-map")
	if n := run(b, "count markers", chromedp.Evaluate[int](`document.querySelectorAll("svg.opinion-map g[fill] > *").length`)); n != 48 {
		t.Errorf("%d participants drawn, want 48", n)
	}
	b.wantText("main", "Group A", "Group B", "Most participants agree")
	b.checkA11y(axe, "opinion map")

	b.open(lacURL(a, "/opinions/groups?lang=en"))
	b.step("compare academia with governments",
		chromedp.SetValue(css(`#a`), "academia"), chromedp.SetValue(css(`#b`), "government"),
		chromedp.Click(css(`form.inline-form button`)),
		// Only the page the form leads to has the choice as an attribute.
		chromedp.WaitReady(css(`#a option[value="academia"][selected]`)))
	b.wantText("#divide-heading", "What divides Academic community from Government (Member State)")
	b.checkA11y(axe, "breakdown by stakeholder group")

	b.open(lacURL(a, "/opinions/groups?by=region&lang=en"))
	b.checkA11y(axe, "breakdown by region")

	b.open(lacURL(a, "/opinions?lang=ar"))
	b.wantVisible("svg.opinion-map")
	b.checkA11y(axe, "opinion map (ar)")

	// The demo's illustrative map, as a newcomer sees it with `serve --demo`.
	b.step("viewport", chromedp.EmulateViewport(1280, 900))
	b.open(a.URL + "/c/" + demo.MapSlug + "/opinions?lang=en")
	b.wantText("main", "illustrative statements and votes", "Group C")
	b.checkA11y(axe, "demo opinion map")
	if *updateScreenshot {
		shot := run(b, "screenshot", chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join("..", "docs", "opinion-map.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
