package web_test

import (
	"context"
	"fmt"
	"github.com/consulta/consulta/internal/links"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

const votePath = "/c/" + demo.LACSlug + "/opinions/vote"

// lacSettings reads or changes the demo consultation's opinion settings.
func lacSettings(t *testing.T, a *apptest.App, edit func(s *opinion.Settings)) opinion.Settings {
	t.Helper()
	ctx := context.Background()
	c, err := a.DB().ConsultationHeadBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	s, err := a.DB().OpinionSettings(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&s)
		if err := a.DB().SaveOpinionSettings(ctx, s, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// registerAndConfirm registers email through the form, confirms it from the
// email and returns the confirmation page's body and the registration.
func registerAndConfirm(t *testing.T, a *apptest.App, email string) (string, *registration.Registration) {
	t.Helper()
	c := a.Client()
	resp := a.PostForm(t, c, "/c/"+demo.LACSlug+"/register", registrationForm(email))
	resp.Body.Close()
	confirm := linkIn(t, waitEmail(t, a, email, 1)[0].Message.Text, "/r/confirm/")
	_, body := post(t, a, c, strings.SplitN(confirm, "?", 2)[0], nil)
	return body, registrationByEmail(t, a, email)
}

func registrationByEmail(t *testing.T, a *apptest.App, email string) *registration.Registration {
	t.Helper()
	c, _ := a.DB().ConsultationHeadBySlug(context.Background(), demo.LACSlug)
	list, _, err := a.DB().Registrations(context.Background(), store.RegistrationFilter{ConsultationID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list {
		if r.Email == email {
			return r
		}
	}
	t.Fatalf("no registration for %s", email)
	return nil
}

var joinRe = regexp.MustCompile(`href="(/c/[a-z0-9-]+/opinions/join/[^"]+)"`)

// participantClient registers, confirms and follows the join link shown
// on the confirmation page; the client then holds the participant cookie.
func participantClient(t *testing.T, a *apptest.App, email string) *http.Client {
	t.Helper()
	body, _ := registerAndConfirm(t, a, email)
	m := joinRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the confirmation page has no opinion-map link:\n%s", body)
	}
	c := a.Client()
	resp, _ := a.Get(t, c, m[1])
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != votePath {
		t.Fatalf("join link: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return c
}

var tidRe = regexp.MustCompile(`name="tid" value="(\d+)"`)

// shownTID is the statement the voting page puts to the vote, -1 if none.
func shownTID(t *testing.T, body string) int {
	t.Helper()
	m := tidRe.FindStringSubmatch(body)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func castVote(t *testing.T, a *apptest.App, c *http.Client, tid int, vote string) (*http.Response, string) {
	t.Helper()
	return post(t, a, c, votePath, url.Values{"tid": {strconv.Itoa(tid)}, "vote": {vote}})
}

func lacID(t *testing.T, a *apptest.App) int64 {
	t.Helper()
	c, err := a.DB().ConsultationHeadBySlug(context.Background(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func TestOpinionVoting(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			testOpinionVoting(t, apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)}))
		})
	}
}

func testOpinionVoting(t *testing.T, a *apptest.App) {
	ctx := context.Background()
	cid := lacID(t, a)
	_, page := a.Get(t, a.Client(), "/c/"+demo.LACSlug)
	if !strings.Contains(page, `href="`+votePath+`"`) {
		t.Error("the consultation page does not link to the voting page")
	}

	ana := participantClient(t, a, "ana@example.org")
	u, _ := url.Parse(a.URL + votePath)
	var cookie *http.Cookie
	for _, ck := range ana.Jar.Cookies(u) {
		if ck.Name == "consulta_opinions" {
			cookie = ck
		}
	}
	if cookie == nil {
		t.Fatal("no participant cookie after the join link")
	}
	resp, body := a.Get(t, ana, votePath)
	if resp.StatusCode != 200 {
		t.Fatalf("voting page: %d", resp.StatusCode)
	}
	for _, want := range []string{`name="vote" value="agree"`, `name="vote" value="disagree"`, `name="vote" value="pass"`,
		"You have voted on 0 of 8 statements.", `name="statement"`, "Statements are moderated", `href="/c/wsis20-lac/opinions"`} {
		if !strings.Contains(body, want) {
			t.Errorf("voting page lacks %q", want)
		}
	}
	first := shownTID(t, body)
	if first != 0 {
		t.Fatalf("first statement %d, want 0 (all have no votes; oldest first)", first)
	}

	// Vote, then change the vote: the later one replaces the earlier.
	if resp, _ := castVote(t, a, ana, first, "agree"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != votePath {
		t.Fatalf("vote: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = a.Get(t, ana, votePath)
	if !strings.Contains(body, "You have voted on 1 of 8 statements.") || shownTID(t, body) == first {
		t.Fatalf("after voting: progress or next statement wrong (shown %d)", shownTID(t, body))
	}
	castVote(t, a, ana, first, "disagree")
	st, err := a.DB().StatementByTID(ctx, cid, first)
	if err != nil || st.Agrees != 0 || st.Disagrees != 1 {
		t.Fatalf("tally after changing the vote %+v, %v", st, err)
	}
	if _, body = a.Get(t, ana, votePath); !strings.Contains(body, "You have voted on 1 of 8 statements.") {
		t.Error("changing a vote counted twice")
	}

	// Another participant is shown a statement with fewer votes first.
	bruno := participantClient(t, a, "bruno@example.org")
	_, body = a.Get(t, bruno, votePath)
	if got := shownTID(t, body); got == first || got != 1 {
		t.Fatalf("second participant shown %d, want 1 (statement 0 already has a vote)", got)
	}

	// A statement: invalid ones keep what was typed, per field, 422.
	long := strings.Repeat("Connectivity ", 30)
	resp, body = post(t, a, ana, "/c/"+demo.LACSlug+"/opinions/statements", url.Values{"statement": {long}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("too long statement: %d", resp.StatusCode)
	}
	for _, want := range []string{"There is a problem", "Keep the statement to 280 characters or fewer.", strings.TrimSpace(long),
		`aria-invalid="true"`, `href="#f-statement"`} {
		if !strings.Contains(body, want) {
			t.Errorf("statement error page lacks %q", want)
		}
	}
	resp, body = post(t, a, ana, "/c/"+demo.LACSlug+"/opinions/statements?lang=es", url.Values{"statement": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Su afirmación") {
		t.Errorf("empty statement in Spanish: %d", resp.StatusCode)
	}
	a.Get(t, ana, "/?lang=en")
	mine := "Community networks need spectrum set aside for them."
	resp, _ = post(t, a, ana, "/c/"+demo.LACSlug+"/opinions/statements", url.Values{"statement": {mine}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("statement: %d", resp.StatusCode)
	}
	_, body = a.Get(t, ana, resp.Header.Get("Location"))
	if !strings.Contains(body, "Your statement is now put to the other participants.") {
		t.Error("no thank-you notice after writing a statement")
	}
	// The author never sees it; Bruno sees it first (no votes but the author's).
	list, _ := a.DB().Statements(ctx, store.StatementFilter{ConsultationID: cid})
	newTID := list[len(list)-1].TID
	if list[len(list)-1].Body != mine || list[len(list)-1].Moderation != opinion.Unmoderated {
		t.Fatalf("stored statement %+v", list[len(list)-1])
	}
	for range 20 {
		_, body = a.Get(t, ana, votePath)
		tid := shownTID(t, body)
		if tid == -1 {
			break
		}
		if tid == newTID {
			t.Fatal("the author was shown their own statement")
		}
		castVote(t, a, ana, tid, "pass")
	}
	if !strings.Contains(body, "You have voted on every statement for now.") || !strings.Contains(body, "8 of 8") {
		t.Errorf("after voting on everything the page does not say so")
	}
}

func TestOpinionAccessRules(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	cid := lacID(t, a)
	signer := a.App.Web.URLs.Signer()

	// A visitor sees how to take part, never the voting form, and cannot post.
	visitor := a.Client()
	resp, body := a.Get(t, visitor, votePath)
	if resp.StatusCode != 200 || !strings.Contains(body, "How to take part") || strings.Contains(body, `name="vote"`) ||
		!strings.Contains(body, `href="/c/wsis20-lac/register"`) || strings.Contains(body, `action="/c/wsis20-lac/opinions/signin"`) {
		t.Fatalf("visitor's page: %d", resp.StatusCode)
	}
	if resp, body := castVote(t, a, visitor, 0, "agree"); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Only participants can vote") {
		t.Fatalf("visitor's vote: %d", resp.StatusCode)
	}
	if resp, _ := post(t, a, visitor, "/c/"+demo.LACSlug+"/opinions/statements", url.Values{"statement": {"Sneaky."}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("visitor's statement: %d", resp.StatusCode)
	}

	// A forged cookie is no participant.
	forged := a.Client()
	u, _ := url.Parse(a.URL + votePath)
	forged.Jar.SetCookies(u, []*http.Cookie{{Name: "consulta_opinions", Value: "1.AAAAAAAAAAAAAAAAAAAAAAAA", Path: "/"}})
	if resp, _ := castVote(t, a, forged, 0, "agree"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("forged cookie vote: %d", resp.StatusCode)
	}

	// A participant of another consultation is no participant here.
	other := &consultation.Consultation{ReviewID: 1, Slug: "other-map", OriginalLang: "en",
		Texts: map[string]consultation.Text{"en": {Title: "Other"}}, Region: "001", Format: consultation.Virtual,
		TimeZone: "UTC", StartsAt: time.Now().Add(48 * time.Hour), EndsAt: time.Now().Add(50 * time.Hour),
		Status: consultation.Published}
	if err := a.DB().SaveConsultation(ctx, other); err != nil {
		t.Fatal(err)
	}
	if err := a.DB().SaveOpinionSettings(ctx, opinion.Settings{ConsultationID: other.ID, Enabled: true, OpenToVerified: true}, time.Now()); err != nil {
		t.Fatal(err)
	}
	op, err := a.DB().OpinionParticipantForEmail(ctx, other.ID, "elsewhere@example.org", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	stranger := a.Client()
	stranger.Jar.SetCookies(u, []*http.Cookie{{Name: "consulta_opinions", Value: signer.Sign(links.OpinionParticipant, strconv.FormatInt(op.ID, 10)), Path: "/"}})
	if resp, _ := castVote(t, a, stranger, 0, "agree"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("other consultation's participant voted here: %d", resp.StatusCode)
	}

	// An unconfirmed registration gets no way in; nor does a join token
	// used as a participant token or for another consultation.
	resp = a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", registrationForm("pending@example.org"))
	resp.Body.Close()
	pending := registrationByEmail(t, a, "pending@example.org")
	resp, body = a.Get(t, a.Client(), "/c/"+demo.LACSlug+"/opinions/join/"+signer.Sign(links.OpinionJoin, pending.ID))
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Your registration is not confirmed") {
		t.Fatalf("join with a pending registration: %d", resp.StatusCode)
	}
	if resp, _ := a.Get(t, a.Client(), "/c/other-map/opinions/join/"+signer.Sign(links.OpinionJoin, pending.ID)); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("join link of another consultation: %d", resp.StatusCode)
	}
	if resp, _ := a.Get(t, a.Client(), "/c/"+demo.LACSlug+"/opinions/join/"+signer.Sign(links.OpinionSignIn, pending.ID)); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("a token of another purpose joined: %d", resp.StatusCode)
	}

	// A confirmed registrant takes part until they cancel.
	body, reg := registerAndConfirm(t, a, "carla@example.org")
	m := joinRe.FindStringSubmatch(body)
	carla := a.Client()
	a.Get(t, carla, m[1])
	if resp, _ := castVote(t, a, carla, 0, "agree"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed registrant's vote: %d", resp.StatusCode)
	}
	if _, err := a.DB().CancelRegistration(ctx, reg.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if resp, _ := castVote(t, a, carla, 1, "agree"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("vote after cancelling: %d", resp.StatusCode)
	}
	if resp, _ := a.Get(t, a.Client(), m[1]); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("join link after cancelling: %d", resp.StatusCode)
	}

	// A rejected statement cannot be voted on, and is not shown.
	dan := participantClient(t, a, "dan@example.org")
	if err := a.DB().ModerateStatement(ctx, cid, 0, opinion.Rejected); err != nil {
		t.Fatal(err)
	}
	if resp, body := castVote(t, a, dan, 0, "agree"); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "no longer put to the vote") {
		t.Fatalf("vote on a rejected statement: %d", resp.StatusCode)
	}
	if _, ok, _ := a.DB().Vote(ctx, cid, 0, 3); ok {
		t.Fatal("a vote on a rejected statement was stored")
	}
	if _, body := a.Get(t, dan, votePath); shownTID(t, body) == 0 || !strings.Contains(body, "of 7 statements") {
		t.Fatal("a rejected statement is still put to the vote")
	}
	// Bad votes are refused with a message, not a 500.
	if resp, _ := castVote(t, a, dan, 1, "maybe"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad vote value: %d", resp.StatusCode)
	}
	if resp, _ := post(t, a, dan, votePath, url.Values{"tid": {"x"}, "vote": {"agree"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad tid: %d", resp.StatusCode)
	}
	if resp, _ := castVote(t, a, dan, 999, "agree"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown statement: %d", resp.StatusCode)
	}

	// Strict moderation: a participant's statement waits for acceptance.
	lacSettings(t, a, func(s *opinion.Settings) { s.StrictModeration = true })
	resp, _ = post(t, a, dan, "/c/"+demo.LACSlug+"/opinions/statements", url.Values{"statement": {"Strictly moderated idea."}})
	_, body = a.Get(t, dan, resp.Header.Get("Location"))
	if !strings.Contains(body, "once the secretariat has accepted it") {
		t.Error("strict moderation: no 'awaits acceptance' notice")
	}
	eve := participantClient(t, a, "eve@example.org")
	for range 20 {
		_, body = a.Get(t, eve, votePath)
		tid := shownTID(t, body)
		if tid == -1 {
			break
		}
		if tid == 8 {
			t.Fatal("strict moderation: an unmoderated statement was put to the vote")
		}
		castVote(t, a, eve, tid, "pass")
	}

	// A disabled map is not found, whoever asks.
	lacSettings(t, a, func(s *opinion.Settings) { s.Enabled = false })
	for _, c := range []*http.Client{visitor, dan} {
		if resp, _ := a.Get(t, c, votePath); resp.StatusCode != http.StatusNotFound {
			t.Errorf("voting page of a disabled map: %d", resp.StatusCode)
		}
	}
	if resp, _ := castVote(t, a, dan, 1, "agree"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("vote on a disabled map: %d", resp.StatusCode)
	}
	if _, page := a.Get(t, visitor, "/c/"+demo.LACSlug); strings.Contains(page, votePath) {
		t.Error("the consultation page links to a disabled map")
	}
	if _, page := a.Get(t, visitor, m[1]); !strings.Contains(page, "no opinion map") {
		t.Error("the join link of a disabled map does not say so")
	}
}

func TestOpinionEmailSignIn(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true, RegisterRate: 4})
	signin := "/c/" + demo.LACSlug + "/opinions/signin"
	// Closed to verified addresses: no form, and posting is refused.
	if resp, _ := post(t, a, a.Client(), signin, url.Values{"email": {"x@example.org"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("sign-in while closed: %d", resp.StatusCode)
	}
	lacSettings(t, a, func(s *opinion.Settings) { s.OpenToVerified = true })
	c := a.Client()
	_, body := a.Get(t, c, votePath)
	if !strings.Contains(body, `action="`+signin+`"`) || !strings.Contains(body, "and to anyone who confirms their email address") {
		t.Fatal("no sign-in form on a map open to verified addresses")
	}
	resp, body := post(t, a, c, signin, url.Values{"email": {"not-an-email"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="not-an-email"`) ||
		!strings.Contains(body, "Enter an email address like name@example.org.") {
		t.Fatalf("bad address: %d", resp.StatusCode)
	}
	resp, _ = post(t, a, c, signin, url.Values{"email": {"Visitor@Example.org"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in request: %d", resp.StatusCode)
	}
	if _, body := a.Get(t, c, resp.Header.Get("Location")); !strings.Contains(body, "a link to take part is on its way") {
		t.Error("no 'check your email' notice")
	}
	mail := waitEmail(t, a, "visitor@example.org", 1)[0]
	link := linkIn(t, mail.Message.Text, signin+"/")
	if !strings.Contains(mail.Message.Subject, "opinion map") {
		t.Errorf("subject %q", mail.Message.Subject)
	}
	resp, _ = a.Get(t, c, link)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in link: %d", resp.StatusCode)
	}
	_, body = a.Get(t, c, votePath)
	tid := shownTID(t, body)
	if tid < 0 {
		t.Fatal("a verified visitor is not shown a statement")
	}
	if resp, _ := castVote(t, a, c, tid, "agree"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("verified visitor's vote: %d", resp.StatusCode)
	}
	// A tampered link lets nobody in.
	if resp, _ := a.Get(t, a.Client(), strings.Replace(link, "/signin/", "/signin/x", 1)); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("tampered sign-in link: %d", resp.StatusCode)
	}
	// Closing the map to verified addresses shuts them out again.
	lacSettings(t, a, func(s *opinion.Settings) { s.OpenToVerified = false })
	if resp, _ := castVote(t, a, c, tid, "disagree"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("vote after closing to verified addresses: %d", resp.StatusCode)
	}
	// The public form is rate-limited like registration.
	lacSettings(t, a, func(s *opinion.Settings) { s.OpenToVerified = true })
	var last *http.Response
	for i := range 6 {
		last, _ = post(t, a, a.Client(), signin, url.Values{"email": {fmt.Sprintf("r%d@example.org", i)}})
	}
	if last.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sign-in flood: %d, want 429", last.StatusCode)
	}
}
