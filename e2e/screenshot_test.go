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

// TestConsultationScreenshots captures the consultation page in English,
// Spanish and Arabic on a desktop (1280×900) and a phone (390×844). With
// CONSULTA_SCREENSHOTS=docs/screenshots it writes them there
// (consultation-<lang>-<desktop|phone>.png), recompressed.
func TestConsultationScreenshots(t *testing.T) {
	b := newBrowser(t)
	a, _ := demoApp(t)
	b.step("reader in Geneva", timeZone("Europe/Zurich"))
	dir := os.Getenv("CONSULTA_SCREENSHOTS")
	if dir != "" && !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir) // tests run in e2e/
	}
	for _, size := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
		if size.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		b.step(size.name, chromedp.EmulateViewport(size.width, size.height, opts...))
		for _, lang := range []string{"en", "es", "ar"} {
			b.open(lacURL(a, "?lang="+lang))
			shot := run(b, "screenshot", chromedp.CaptureScreenshot())
			img, err := png.Decode(bytes.NewReader(shot))
			if err != nil {
				t.Fatalf("screenshot is not a PNG: %v", err)
			}
			if s := img.Bounds().Size(); int64(s.X) != size.width || int64(s.Y) != size.height {
				t.Errorf("%s %s screenshot is %v", lang, size.name, s)
			}
			if dir == "" {
				continue
			}
			var out bytes.Buffer
			if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, img); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, "consultation-"+lang+"-"+size.name+".png")
			if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d KB)", p, out.Len()>>10)
		}
	}
}
