// Package e2e_test drives the real app in headless Chromium: the public
// registration journey, accessibility checks with axe-core and the README
// screenshot.
package e2e_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

// stepTimeout bounds every browser step, so a stuck page fails fast.
const stepTimeout = 20 * time.Second

// chromiumPath is Debian's chromium; CONSULTA_CHROMIUM overrides it.
func chromiumPath() string {
	if p := os.Getenv("CONSULTA_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// requireChromium fails the test when the browser is missing, unless the
// browser tests were switched off explicitly with CONSULTA_E2E=off.
func requireChromium(t *testing.T) string {
	t.Helper()
	if os.Getenv("CONSULTA_E2E") == "off" {
		t.Skip("browser tests switched off (CONSULTA_E2E=off)")
	}
	p, err := exec.LookPath(chromiumPath())
	if err != nil {
		t.Fatalf("chromium not found at %s (%v): install it with `apt-get install -y chromium`, "+
			"point CONSULTA_CHROMIUM at another binary, or set CONSULTA_E2E=off to skip browser tests", chromiumPath(), err)
	}
	return p
}

// browser is one headless Chromium tab with a fresh profile.
type browser struct {
	t   *testing.T
	ctx context.Context
}

// newBrowser starts Chromium for this test and closes it when the test ends.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := requireChromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// The first Run launches the browser and lives as long as ctx: no timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	return &browser{t: t, ctx: ctx}
}

// run runs one action with the per-step timeout and fails the test with the
// step's name when it does not complete.
func run[T any](b *browser, name string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("browser step %q: %v (page: %s)", name, err, b.location())
	}
	return v
}

// step runs actions in order as one step.
// signIn signs in on the sign-in page already open and waits until it is
// gone.
func (b *browser) signIn(email, password string) {
	b.t.Helper()
	b.step("sign in",
		chromedp.SendKeys(css(`input[name="email"]`), email),
		chromedp.SendKeys(css(`input[name="password"]`), password),
		chromedp.Click(css(`form [type="submit"]`)),
		chromedp.WaitNotPresent(css(`input[name="password"]`)),
	)
}

func (b *browser) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	run(b, name, chromedp.Steps(actions...))
}

// location is the current URL, for failure messages.
func (b *browser) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "unknown"
	}
	return u
}

// css selects the first element matching a CSS selector.
func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// open navigates, fails on an HTTP error status and waits until the page's
// main landmark is visible.
func (b *browser) open(url string) {
	b.t.Helper()
	resp := run(b, "open "+url, chromedp.NavigateResponse(url))
	if resp == nil || resp.Status >= 400 {
		status := "no response"
		if resp != nil {
			status = fmt.Sprintf("%d %s", resp.Status, resp.StatusText)
		}
		b.t.Fatalf("open %s: %s", url, status)
	}
	b.step("wait for main", chromedp.WaitVisible(css("main")))
}

// text returns the visible text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	b.step("wait for "+sel, chromedp.WaitVisible(css(sel)))
	return run(b, "read "+sel, chromedp.Text(css(sel)))
}

// attr returns an attribute of the first element matching sel.
func (b *browser) attr(sel, name string) string {
	b.t.Helper()
	return run(b, "read "+sel+"@"+name, chromedp.AttributeValue(css(sel), name)).Value
}

// value returns a form control's current value.
func (b *browser) value(sel string) string {
	b.t.Helper()
	return run(b, "value of "+sel, chromedp.Value(css(sel), chromedp.NodeVisible))
}

// wantText fails unless the element matching sel contains every want.
func (b *browser) wantText(sel string, want ...string) {
	b.t.Helper()
	got := b.text(sel)
	for _, w := range want {
		if !strings.Contains(got, w) {
			b.t.Errorf("%s on %s: want text %q, got:\n%s", sel, b.location(), w, clip(got))
		}
	}
}

// wantVisible fails unless every selector shows an element.
func (b *browser) wantVisible(sels ...string) {
	b.t.Helper()
	for _, sel := range sels {
		b.step("wait for "+sel, chromedp.WaitVisible(css(sel)))
	}
}

// clip shortens page text in failure messages.
func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// demoApp boots the real app with the demo data and a real SMTP server.
func demoApp(t *testing.T) (*apptest.App, *mailpit.Server) {
	t.Helper()
	mp := mailpit.Start(t)
	a := apptest.Start(t, apptest.Options{Demo: true, SMTP: mp.SMTPURL})
	return a, mp
}

// lacSlug is the demo consultation that is open for registration.
const lacSlug = "wsis20-lac"

func lacURL(a *apptest.App, suffix string) string {
	return fmt.Sprintf("%s/c/%s%s", a.URL, lacSlug, suffix)
}
