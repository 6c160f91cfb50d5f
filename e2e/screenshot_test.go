package e2e_test

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write the consultation page screenshot to docs/screenshot.png")

// screenshotPath is where to write the README screenshot, relative to the
// repository root, or "" to only check that one can be taken.
func screenshotPath() string {
	if p := os.Getenv("CONSULTA_SCREENSHOT"); p != "" {
		return p
	}
	if *updateScreenshot {
		return "docs/screenshot.png"
	}
	return ""
}

// TestScreenshot captures the consultation page at 1280×900. Write it with
// `go test ./e2e -run TestScreenshot -update-screenshot`.
func TestScreenshot(t *testing.T) {
	b := newBrowser(t)
	a, _ := demoApp(t)
	b.step("viewport", chromedp.EmulateViewport(1280, 900))
	b.step("reader in Geneva", timeZone("Europe/Zurich")) // in UTC the local line would repeat the UTC one
	b.open(lacURL(a, "?lang=en"))
	b.step("wait for local time", chromedp.WaitVisible(css(".local-time")))
	shot := run(b, "screenshot", chromedp.CaptureScreenshot())
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if s := img.Bounds().Size(); s.X != 1280 || s.Y != 900 {
		t.Errorf("screenshot is %v, want 1280x900", s)
	}
	p := screenshotPath()
	if p == "" {
		return
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join("..", p) // tests run in e2e/
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", p)
}
