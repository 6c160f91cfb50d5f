package e2e_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// registerConfirmedByHTTP registers email over HTTP and returns the
// confirmation link from the email, for the browser to follow.
func registerConfirmedByHTTP(t *testing.T, a *apptest.App, email string) string {
	t.Helper()
	resp := a.PostForm(t, a.Client(), "/c/"+lacSlug+"/register", url.Values{
		"given_name": {"Luis"}, "family_name": {"Soto"}, "email": {email},
		"organization": {"Universidad de Chile"}, "stakeholder_group": {"academia"}, "country": {"CL"},
		"language": {"en"}, "consent": {"yes"},
	})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register over HTTP: %s", resp.Status)
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		list, err := a.DB().Emails(context.Background(), email, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range list {
			for _, f := range strings.Fields(e.Message.Text) {
				if strings.HasPrefix(f, a.URL+"/r/confirm/") {
					return f
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no confirmation email to %s", email)
	return ""
}

// joinOpinionMap confirms in the browser and follows the confirmation
// page's link to the voting page.
func (b *browser) joinOpinionMap(confirmLink string) {
	b.t.Helper()
	b.open(confirmLink)
	b.step("confirm", chromedp.Click(css(`main form button[type="submit"]`)), chromedp.WaitVisible(css(`a[href*="/opinions/join/"]`)))
	b.step("join the opinion map", chromedp.Click(css(`a[href*="/opinions/join/"]`)), chromedp.WaitVisible(css(`form.ballot`)))
}

// vote presses a vote button and waits for the next page, whose progress
// line says progress.
func (b *browser) vote(choice, progress string) {
	b.t.Helper()
	b.step(choice, chromedp.Click(css(`button[value="`+choice+`"]`)))
	deadline := time.Now().Add(stepTimeout)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, time.Second)
		got, err := chromedp.Run(ctx, chromedp.Text(css(".progress")))
		cancel()
		if err == nil && strings.Contains(got, progress) {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("after %s: progress %q, want %q (%v)", choice, got, progress, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestOpinionVotingWithoutJavaScript takes part in the demo opinion map with
// JavaScript switched off: join from the confirmation page, vote, change
// nothing by reloading, write a statement after a validation error.
func TestOpinionVotingWithoutJavaScript(t *testing.T) {
	b := newBrowser(t)
	a, _ := demoApp(t)
	b.step("switch JavaScript off", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	b.joinOpinionMap(registerConfirmedByHTTP(t, a, "luis.soto@example.org"))
	if !strings.HasSuffix(b.location(), "/c/"+lacSlug+"/opinions/vote") {
		t.Fatalf("the join link led to %s", b.location())
	}
	b.wantText("main", "You have voted on 0 of 8 statements.")
	first := b.text(".statement")

	b.vote("agree", "1 of 8")
	if second := b.text(".statement"); second == first {
		t.Fatalf("after voting the same statement is shown again: %q", first)
	}
	b.vote("disagree", "2 of 8")
	b.vote("pass", "3 of 8")

	// Write a statement: empty first, then a real one.
	b.step("submit an empty statement", chromedp.Click(css(`form[action$="/opinions/statements"] button`)),
		chromedp.WaitVisible(css(".error-summary")))
	b.wantText(".error-summary", "This field is required.")
	mine := "Community networks need spectrum set aside for them."
	b.step("write a statement", chromedp.SendKeys(css(`#f-statement`), mine),
		chromedp.Click(css(`form[action$="/opinions/statements"] button`)), chromedp.WaitVisible(css(`p.note[role="status"]`)))
	b.wantText("main", "Your statement is now put to the other participants.")

	// Stored as the participant's, unmoderated, with their agree vote; the
	// three votes are in the database.
	c, err := a.DB().ConsultationHeadBySlug(context.Background(), lacSlug)
	if err != nil {
		t.Fatal(err)
	}
	list, err := a.DB().Statements(context.Background(), store.StatementFilter{ConsultationID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	last := list[len(list)-1]
	if last.Body != mine || last.Moderation != opinion.Unmoderated || last.AuthorPID != 0 || last.Agrees != 1 {
		t.Fatalf("stored statement %+v", last)
	}
	votes := 0
	for _, s := range list[:len(list)-1] {
		votes += s.Votes()
	}
	if votes != 3 {
		t.Fatalf("%d votes stored, want 3", votes)
	}
}

// TestAccessibilityOpinionPages runs axe on the voting page (a statement,
// and with an error), the page a visitor sees, and the admin moderation page.
func TestAccessibilityOpinionPages(t *testing.T) {
	b := newBrowser(t)
	axe := loadAxe(t)
	a, _ := demoApp(t)

	b.open(lacURL(a, "/opinions/vote?lang=en"))
	b.wantText("main", "How to take part")
	b.checkA11y(axe, "opinion map, visitor")

	b.joinOpinionMap(registerConfirmedByHTTP(t, a, "luis.soto@example.org"))
	b.checkA11y(axe, "voting page")
	b.step("submit an empty statement", chromedp.Click(css(`form[action$="/opinions/statements"] button`)),
		chromedp.WaitVisible(css(".error-summary")))
	b.checkA11y(axe, "voting page with an error")
	b.step("write a statement", chromedp.SendKeys(css(`#f-statement`), "Spectrum for community networks."),
		chromedp.Click(css(`form[action$="/opinions/statements"] button`)), chromedp.WaitVisible(css(`p.note[role="status"]`)))

	b.open(lacURL(a, "/opinions/vote?lang=ar"))
	b.checkA11y(axe, "voting page (ar)")

	a.AddStaff(t, "admin@example.org", "correct horse battery", "admin")
	b.open(a.URL + "/admin/login?lang=en")
	b.signIn("admin@example.org", "correct horse battery")
	b.open(a.URL + "/admin/consultations/" + lacSlug + "/opinions")
	b.wantText("main", "Spectrum for community networks.")
	b.checkA11y(axe, "admin opinion map, awaiting moderation")
	b.step("accept", chromedp.Click(css(`button[value="accepted"]`)), chromedp.WaitVisible(css(`p.note[role="status"]`)))
	b.open(a.URL + "/admin/consultations/" + lacSlug + "/opinions?moderation=all")
	b.checkA11y(axe, "admin opinion map, all statements")
}
