package e2e_test

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

// TestRegistrationJourney registers for the LAC consultation as a person
// would, in English and in Spanish (chosen with the language switcher), up
// to the confirmed registration in the database.
func TestRegistrationJourney(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			j := newJourney(t, lang)
			j.home()
			j.consultationPage()
			j.registerWithErrors()
			j.registerFixed()
			link := j.confirmationEmail()
			j.confirm(link)
			j.wantConfirmedInDB()
		})
	}
}

// journey is one person's way through registration in one language.
type journey struct {
	t     *testing.T
	a     *apptest.App
	mp    *mailpit.Server
	b     *browser
	lang  string
	p     *i18n.Printer // the catalog in the journey's language, for expected strings
	c     *consultation.Consultation
	email string
}

func newJourney(t *testing.T, lang string) *journey {
	a, mp := demoApp(t)
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	c, err := a.DB().ConsultationBySlug(context.Background(), lacSlug)
	if err != nil {
		t.Fatal(err)
	}
	return &journey{t: t, a: a, mp: mp, b: newBrowser(t), lang: lang, p: cat.Printer(lang), c: c,
		email: "ana.perez." + lang + "@example.org"}
}

// title is the consultation's title in the journey's language.
func (j *journey) title() string {
	tx, _ := j.c.Text(j.lang)
	return tx.Title
}

// home opens the home page and, for other languages, switches language with
// the switcher link, then follows the consultation's card.
func (j *journey) home() {
	b := j.b
	b.open(j.a.URL + "/")
	if j.lang != i18n.Source {
		b.step("switch language", chromedp.Click(css(`nav.langs a[hreflang="`+j.lang+`"]`)),
			chromedp.WaitVisible(css(`html[lang="`+j.lang+`"] main`)))
	}
	if got := b.attr("html", "lang"); got != j.lang {
		j.t.Fatalf("home page language: got %q, want %q", got, j.lang)
	}
	b.step("open consultation card", chromedp.Click(css(`a[href="/c/`+lacSlug+`"]`)),
		chromedp.WaitVisible(css(`ol.questions`)))
}

// consultationPage checks the questions, contact and time zone are shown.
func (j *journey) consultationPage() {
	b := j.b
	b.wantText("h1", j.title())
	n := run(b, "count questions", chromedp.Evaluate[int](`document.querySelectorAll("ol.questions > li").length`))
	if n != 4 {
		j.t.Errorf("consultation page shows %d questions, want 4", n)
	}
	want := demo.Questions()
	for i, q := range want {
		text := q.Texts[j.lang]
		if text == "" {
			text = q.Texts["en"]
		}
		// The first few words are enough; quotes may be typographically altered.
		b.wantText("#q"+strconv.Itoa(i+1), firstWords(text, 6))
	}
	b.wantText("#when-title + dl", j.p.T("zone.santiago"))
	b.wantVisible(`a[href="mailto:` + j.c.ContactEmail + `"]`)
	b.wantText("main", j.c.ContactEmail)
	if strings.Contains(b.text("main"), j.c.MeetingURL) {
		j.t.Errorf("consultation page shows the meeting URL")
	}
}

// registerWithErrors submits once with a bad email and no consent.
func (j *journey) registerWithErrors() {
	b := j.b
	b.step("open registration form", chromedp.Click(css(`a.button[href="/c/`+lacSlug+`/register"]`)),
		chromedp.WaitVisible(css(`form[action="/c/`+lacSlug+`/register"]`)))
	b.wantText("h1", j.p.T("register.heading"))
	b.step("fill form",
		chromedp.SendKeys(css("#f-given_name"), "Ana"),
		chromedp.SendKeys(css("#f-family_name"), "Pérez"),
		chromedp.SendKeys(css("#f-email"), "ana.perez-at-example"),
		chromedp.SendKeys(css("#f-organization"), "Fundación Conecta"),
		chromedp.SetValue(css("#f-stakeholder_group"), "civil_society"),
		chromedp.SetValue(css("#f-country"), "CL"),
	)
	b.step("submit invalid form", chromedp.Click(css(`form button[type="submit"]`)),
		chromedp.WaitVisible(css(".error-summary")))
	b.wantText(".error-summary", j.p.T("form.error_summary"), j.p.T("field.email"), j.p.T("field.consent"))
	b.wantVisible("#f-email-error", "#f-consent-error", `#f-email[aria-invalid="true"]`, `#f-consent[aria-invalid="true"]`)
	for sel, want := range map[string]string{"#f-given_name": "Ana", "#f-organization": "Fundación Conecta",
		"#f-family_name": "Pérez", "#f-email": "ana.perez-at-example", "#f-country": "CL"} {
		if got := b.value(sel); got != want {
			j.t.Errorf("after errors %s keeps %q, want %q", sel, got, want)
		}
	}
	if got := b.attr("html", "lang"); got != j.lang {
		j.t.Errorf("registration page language: got %q, want %q", got, j.lang)
	}
}

// registerFixed corrects the email, gives consent and submits.
func (j *journey) registerFixed() {
	b := j.b
	b.step("fix form",
		chromedp.Clear(css("#f-email")),
		chromedp.SendKeys(css("#f-email"), j.email),
		chromedp.Click(css("#f-consent")),
	)
	b.step("submit valid form", chromedp.Click(css(`form button[type="submit"]`)),
		chromedp.WaitNotPresent(css(`form[action="/c/`+lacSlug+`/register"]`)),
		chromedp.WaitVisible(css(`main a[href="/c/`+lacSlug+`"]`)))
	b.wantText("h1", j.p.T("check_email.title"))
	b.wantText("main", j.p.T("check_email.sent", "Title", j.title()))
}

var confirmLink = regexp.MustCompile(`https?://[^\s<>"]+/r/confirm/[^\s<>"]+`)

// confirmationEmail waits for the one confirmation email and returns its
// confirm link.
func (j *journey) confirmationEmail() string {
	msgs := j.mp.WaitFor(j.t, j.email, 1, stepTimeout)
	if len(msgs) != 1 {
		j.t.Fatalf("got %d emails to %s, want exactly 1", len(msgs), j.email)
	}
	m := msgs[0]
	want := j.p.T("email.confirm.subject", "Title", j.title())
	if m.Subject != want {
		j.t.Errorf("email subject: got %q, want %q", m.Subject, want)
	}
	if j.lang != i18n.Source && !j.translated("email.confirm.subject") {
		j.t.Logf("note: the %s catalog has no email.confirm.subject yet; checked the subject against the fallback", j.lang)
	}
	if strings.Contains(m.Text+m.HTML, j.c.MeetingURL) {
		j.t.Errorf("confirmation email contains the meeting URL")
	}
	link := confirmLink.FindString(m.Text)
	if link == "" {
		j.t.Fatalf("no confirm link in the email text:\n%s", m.Text)
	}
	if !strings.HasPrefix(link, j.a.URL+"/") {
		j.t.Errorf("confirm link %q does not point at the app %s", link, j.a.URL)
	}
	return link
}

// translated reports whether the journey's catalog has its own message id.
func (j *journey) translated(id string) bool {
	cat, err := i18n.New()
	if err != nil {
		j.t.Fatal(err)
	}
	return slices.Contains(cat.MessageIDs(j.lang), id)
}

// confirm opens the emailed link and presses the confirm button.
func (j *journey) confirm(link string) {
	b := j.b
	b.step("open confirm link", chromedp.Navigate(link),
		chromedp.WaitVisible(css(`form[action^="/r/confirm/"] button`)))
	b.wantText("h1", j.p.T("confirm.title"))
	b.step("press confirm", chromedp.Click(css(`form[action^="/r/confirm/"] button`)),
		chromedp.WaitNotPresent(css(`form[action^="/r/confirm/"]`)),
		chromedp.WaitVisible(css("main h1")))
	b.wantText("h1", j.p.T("confirm.done_title"))
	b.wantText("main", j.p.T("confirm.done", "Title", j.title()))
	if got := b.attr("html", "lang"); got != j.lang {
		j.t.Errorf("confirmation page language: got %q, want %q", got, j.lang)
	}
}

// wantConfirmedInDB checks the stored registration.
func (j *journey) wantConfirmedInDB() {
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	list, total, err := j.a.DB().Registrations(ctx, store.RegistrationFilter{ConsultationID: j.c.ID})
	if err != nil {
		j.t.Fatal(err)
	}
	if total != 1 || len(list) != 1 {
		j.t.Fatalf("got %d registrations, want 1", total)
	}
	r := list[0]
	if r.Email != j.email || r.Status != registration.Approved || r.ConfirmedAt == nil {
		j.t.Errorf("registration: email %q status %q confirmed_at %v; want %q approved (no approval required)", r.Email, r.Status, r.ConfirmedAt, j.email)
	}
	if r.Language != j.lang || r.GivenName != "Ana" || r.Organization != "Fundación Conecta" || r.ConsentAt.IsZero() {
		j.t.Errorf("registration stored as %+v", r)
	}
	if r.ConfirmedAt != nil && time.Since(*r.ConfirmedAt) > time.Hour {
		j.t.Errorf("confirmed_at %v is not now", r.ConfirmedAt)
	}
}

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}
