package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// signInAs signs b in as a new staff member of role.
func signInAs(b *browser, a *apptest.App, email, role string) {
	b.t.Helper()
	a.AddStaff(b.t, email, "correct horse battery", role)
	b.open(a.URL + "/admin/login?lang=en")
	b.step("sign in as "+role,
		chromedp.SendKeys(css(`input[name="email"]`), email),
		chromedp.SendKeys(css(`input[name="password"]`), "correct horse battery"),
		chromedp.Click(css(`form [type="submit"]`)),
		chromedp.WaitNotPresent(css(`input[name="password"]`)),
	)
}

// approvedParticipant stores an approved registrant of the Santiago
// consultation and returns the URL of their own page.
func approvedParticipant(t *testing.T, a *apptest.App) string {
	t.Helper()
	ctx := context.Background()
	c, err := a.DB().ConsultationBySlug(ctx, lacSlug)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	r := registration.New(links.NewID(), c.ID, registration.Input{GivenName: "Ana", FamilyName: "Souza",
		Email: "ana.souza@example.org", Organization: "Rede", StakeholderGroup: "civil_society", Country: "BR",
		Language: "en", Consent: true}, now)
	if err := a.DB().InsertRegistrations(ctx, []*registration.Registration{r}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.DB().Writer().ExecContext(ctx, `UPDATE registrations SET status='approved', confirmed_at=$1,
		approved_at=$1 WHERE id=$2`, now, r.ID); err != nil {
		t.Fatal(err)
	}
	return a.URL + a.App.Web.URLs.ParticipantPath(r.ID, c.EndsAt) + "?lang=en"
}

// Three browsers: the participant asks for the floor, the moderator's
// page shows the request without reloading and gives the floor, the
// participant's page shows it without reloading, the rapporteur records
// the intervention. Every page is axe-clean.
func TestLiveSessionThreeBrowsers(t *testing.T) {
	axe := loadAxe(t)
	a := apptest.Start(t, apptest.Options{Demo: true})
	page := approvedParticipant(t, a)
	mod, part, rap := newBrowser(t), newBrowser(t), newBrowser(t)
	live := a.URL + "/admin/consultations/" + lacSlug + "/live?lang=en"

	signInAs(mod, a, "moderator@example.org", "moderator")
	mod.open(live)
	mod.step("start the first question",
		chromedp.SetValue(css(`#f-item`), mod.optionValue(`#f-item`, "Guiding question 1")),
		chromedp.Click(css(`form[action$="/live/item"] button`)),
		chromedp.WaitVisible(css(`.agenda-items li[aria-current="step"]`)),
	)
	mod.wantText(".live-now", "Now: Guiding question 1")
	mod.checkA11y(axe, "moderator page")

	part.open(page)
	part.wantText("#live-floor", "Each intervention has 3 min.")
	part.checkA11y(axe, "participant page")
	part.step("ask for the floor",
		chromedp.SendKeys(css(`#f-topic`), "Community networks"),
		chromedp.Click(css(`form[action$="/floor"] button`)),
		chromedp.WaitVisible(css(`form[action$="/floor/withdraw"]`)),
	)
	part.wantText("#live-floor", "You are number 1 in the queue")

	// No reload: the event refreshes the moderator's queue.
	mod.step("the request arrives", chromedp.WaitVisible(css(`#live-queue form[action$="/floor"] button`)))
	mod.wantText("#live-queue", "Ana Souza", "Civil society", "Brazil", "Community networks")
	mod.checkA11y(axe, "moderator page with a queue")
	mod.step("give the floor",
		chromedp.Click(css(`#live-queue form[action$="/floor"] button`)),
		chromedp.WaitVisible(css(`#live-floor .clock`)),
	)
	part.step("the floor arrives", chromedp.WaitVisible(css(`#live-floor .live-now`)))
	part.wantText("#live-floor", "You have the floor.", "Speaking time left")
	part.checkA11y(axe, "participant page with the floor")

	signInAs(rap, a, "rapporteur@example.org", "rapporteur")
	rap.open(a.URL + "/admin/consultations/" + lacSlug + "/live/record?lang=en")
	rap.checkA11y(axe, "rapporteur page")
	rap.step("record the intervention",
		chromedp.SetValue(css(`#f-speaker`), rap.optionValue(`#f-speaker`, "Ana Souza")),
		chromedp.SendKeys(css(`#f-summary`), "Community networks need spectrum."),
		chromedp.SendKeys(css(`#f-key_points`), "Spectrum"),
		chromedp.Click(css(`form[action$="/live/record"] button`)),
		chromedp.WaitVisible(css(`ol.interventions`)),
	)
	rap.wantText("#live-record", "Ana Souza", "Community networks need spectrum.", "Spectrum")
	rap.checkA11y(axe, "rapporteur page with a record")
	rap.open(lacURL(a, "/record?lang=en"))
	rap.wantText("main", "Participants present (by their personal link or checked in)", "Community networks need spectrum.")
	rap.checkA11y(axe, "closing record")
	mod.open(a.URL + "/admin/consultations/" + lacSlug + "/live/agenda?lang=en")
	if got := mod.value("#f-item_0_title"); got != "Opening remarks by the Chair of the CSTD" {
		t.Errorf("agenda editor, first item = %q", got)
	}
	mod.checkA11y(axe, "agenda editor")
	mod.open(a.URL + "/admin/consultations/" + lacSlug + "/live/agenda/translations/fr?lang=en")
	mod.checkA11y(axe, "agenda titles in French")

	// Manual check-in: one click, without the page's script.
	mod.open(a.URL + "/admin/consultations/" + lacSlug + "/checkin?lang=en")
	mod.checkA11y(axe, "check-in page")
	mod.step("check in",
		chromedp.Click(css(`button[aria-label="Check in Ana Souza"]`)),
		chromedp.WaitVisible(css(`p.note[role="status"]`)),
	)
	mod.wantText("main", "Ana Souza is checked in.", "Checked in at")
	mod.checkA11y(axe, "check-in page after a check-in")
}

// optionValue is the value of the option of the select sel whose text
// contains label.
func (b *browser) optionValue(sel, label string) string {
	b.t.Helper()
	js := `(function(){var o=[...document.querySelectorAll(` + "`" + sel + ` option` + "`" + `)].find(o=>o.textContent.includes(` +
		"`" + label + "`" + `));return o?o.value:"";})()`
	v := run(b, "option "+label, chromedp.Evaluate[string](js))
	if v == "" {
		b.t.Fatalf("no option %q in %s", label, sel)
	}
	return v
}
