package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// box is where a piece of text is drawn, in CSS pixels.
type box struct{ Left, Right, Top float64 }

// textBoxJS finds the first occurrence of a string in an element's text
// and returns the box it is drawn in, or null.
const textBoxJS = `((sel, sub) => {
  const el = document.querySelector(sel); if (!el) return null;
  const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n; (n = w.nextNode());) {
    const i = n.data.indexOf(sub);
    if (i < 0) continue;
    const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + sub.length);
    const b = r.getBoundingClientRect();
    return {left: b.left, right: b.right, top: b.top};
  }
  return null;
})`

// textBox is where sub is drawn inside the element sel.
func (b *browser) textBox(sel, sub string) box {
	b.t.Helper()
	out := run(b, "find "+sub, chromedp.Evaluate[*box](fmt.Sprintf("%s(%q, %q)", textBoxJS, sel, sub)))
	if out == nil {
		b.t.Fatalf("%q is not in %s on %s", sub, sel, b.location())
	}
	return *out
}

// timeZone makes the browser's clock run in zone, as a reader there has it.
func timeZone(zone string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone})
		return err
	})
}

// eval evaluates a JavaScript expression.
func eval[T any](b *browser, name, js string) T {
	b.t.Helper()
	return run(b, name, chromedp.Evaluate[T](js))
}

// On the Arabic consultation page, runs of the other direction keep their
// order: the English title is one run, the meeting's hours read 11:00–13:00
// left to right, "(.ics)" and the contact address are whole, the local time
// is written like the rest of the page (Latin digits, the page's month
// names) and left out for a reader in the consultation's own zone. The
// registration page's lead line keeps the date apart from the English title.
func TestRightToLeftLayout(t *testing.T) {
	b := newBrowser(t)
	a, _ := demoApp(t)
	// The demo titles the consultation in Arabic; without that title the
	// Arabic page shows the English one, the case to get right.
	c, err := a.DB().ConsultationBySlug(t.Context(), lacSlug)
	if err != nil {
		t.Fatal(err)
	}
	delete(c.Texts, "ar")
	if err := a.DB().SaveConsultation(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	b.step("reader in Geneva", timeZone("Europe/Zurich"))
	b.open(lacURL(a, "?lang=ar"))

	if first, next := b.textBox("h1", "WSIS"), b.textBox("h1", "Successes"); first.Top != next.Top || first.Left >= next.Left {
		t.Errorf("the English title does not read left to right: WSIS at %+v, Successes at %+v", first, next)
	}
	if start, end := b.textBox("#when-title + dl time", "11:00"), b.textBox("#when-title + dl time", "13:00"); start.Left >= end.Left {
		t.Errorf("the hours read 13:00–11:00: 11:00 at %v, 13:00 at %v", start.Left, end.Left)
	}
	if dot, ics := b.textBox(`a[href$="/event.ics"]`, "."), b.textBox(`a[href$="/event.ics"]`, "ics"); dot.Left >= ics.Left {
		t.Errorf(`"(.ics)" is drawn as "(ics.)"`)
	}
	contact := `a[href^="mailto:"]`
	if user, domain := b.textBox(contact, "cstd-wsis20"), b.textBox(contact, "unctad.org"); user.Left >= domain.Left {
		t.Errorf("the contact address is reversed")
	}
	local := b.text(".local-time")
	if !strings.Contains(local, "كانون الأول/ديسمبر") && !strings.Contains(local, "تشرين") {
		t.Errorf("the local time does not use the page's month names: %q", local)
	}
	if strings.ContainsAny(local, "٠١٢٣٤٥٦٧٨٩") {
		t.Errorf("the local time uses other digits than the page: %q", local)
	}
	if start, end := b.textBox(".local-time", "15:00"), b.textBox(".local-time", "17:00"); start.Left >= end.Left {
		t.Errorf("the local hours read right to left: %q", local)
	}

	b.open(lacURL(a, "/register?lang=ar"))
	if n := eval[int](b, "title runs", `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector("p.lead bdi")); return r.getClientRects().length })()`); n != 1 {
		t.Errorf("the lead line's English title is drawn in %d pieces, want one run", n)
	}
	if !eval[bool](b, "back arrow", `getComputedStyle(document.querySelector(".back")).transform !== "none"`) {
		t.Error("the back link's arrow points left on a right-to-left page")
	}
	day := strings.Fields(b.text("p.lead time"))[0]
	title := b.textBox("p.lead bdi", "WSIS")
	if d := b.textBox("p.lead time", day); d.Right > title.Left {
		t.Errorf("the date's day %s is drawn inside or right of the English title (day ends at %v, title starts at %v)", day, d.Right, title.Left)
	}

	b.step("reader in Santiago", timeZone("America/Santiago"))
	b.open(lacURL(a, "?lang=ar"))
	if !eval[bool](b, "local time hidden", `document.querySelector(".local-time").hidden`) {
		t.Error("the local time repeats the consultation's own line for a reader in Santiago")
	}
}
