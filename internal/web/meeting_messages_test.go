package web_test

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

// Reminders go out at the time chosen, once to each approved registrant,
// and to nobody who cancelled or was rejected.
func TestRemindersOncePerApprovedRegistrant(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	sec := a.AddStaff(t, "sec@example.org", adminPassword, "secretariat")
	token := a.APIToken(t, sec)
	base := "/api/v1/consultations/" + demo.LACSlug
	_, stays := registerAndConfirm(t, a, "stays@example.org")
	_, leaves := registerAndConfirm(t, a, "leaves@example.org")
	_, refused := registerAndConfirm(t, a, "refused@example.org")
	cons, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.App.Web.Registrations.Cancel(ctx, leaves); err != nil {
		t.Fatal(err)
	}
	if _, err := a.App.Web.Registrations.Reject(ctx, cons, refused.ID, "no"); err != nil {
		t.Fatal(err)
	}
	// The start in 30 minutes, a reminder due two seconds from now.
	starts := time.Now().Add(30 * time.Minute).UTC().Truncate(time.Second)
	before := time.Until(starts) - 2*time.Second
	apiJSON(t, a, "PATCH", base, token, `{"starts_at":"`+starts.Format(time.RFC3339)+`","ends_at":"`+
		starts.Add(2*time.Hour).Format(time.RFC3339)+`","reminders":["`+before.Truncate(time.Second).String()+`"]}`, http.StatusOK)
	reminders := func(email string) int {
		list, err := a.DB().Emails(ctx, email, 100)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range list {
			if strings.HasPrefix(m.Message.Subject, "Lembrete") || strings.HasPrefix(m.Message.Subject, "Reminder") {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(20 * time.Second)
	for reminders(stays.Email) == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	// Saving again (the sweep, another edit) schedules nothing new.
	apiJSON(t, a, "PATCH", base, token, `{"notice":"See you soon."}`, http.StatusOK)
	if err := a.App.Web.Meetings.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if n := reminders(stays.Email); n != 1 {
		t.Errorf("the approved registrant got %d reminders, want 1", n)
	}
	for _, r := range []string{leaves.Email, refused.Email} {
		if n := reminders(r); n != 0 {
			t.Errorf("%s got %d reminders, want none", r, n)
		}
	}
}

// A message to registrants goes to the ones its filter selects, in their
// language's version or the original, with the placeholders filled in;
// a test goes to the sender only, and sending twice sends once.
func TestMessagesToRegistrants(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	ctx := context.Background()
	sec := a.AddStaff(t, "sec@example.org", adminPassword, "secretariat")
	token := a.APIToken(t, sec)
	path := "/api/v1/consultations/" + demo.LACSlug + "/messages"
	// Portuguese and English civil society; one government registrant.
	_, pt := registerAndConfirm(t, a, "pt@example.org")
	en := meetingForm("en@example.org")
	a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", en).Body.Close()
	confirmFromOutbox(t, a, "en@example.org")
	gov := meetingForm("gov@example.org")
	gov.Set("stakeholder_group", "government")
	a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", gov).Body.Close()
	confirmFromOutbox(t, a, "gov@example.org")

	body := `{"lang":"en","subject":"Programme for {name}","body":"Dear colleague,\n\nYour page: {page}",` +
		`"translations":{"pt":{"subject":"Programa para {name}","body":"Sua página: {page}"}},` +
		`"filter":{"stakeholder_group":"civil_society"}`
	// Bad input: a status that is not one, an unknown language.
	apiJSON(t, a, "POST", path, token, `{"lang":"en","subject":"s","body":"b","filter":{"status":"vip"}}`, http.StatusUnprocessableEntity)
	apiJSON(t, a, "POST", path, token, `{"lang":"en","subject":"s","body":"b","filter":{"vip":true}}`, http.StatusBadRequest)
	apiJSON(t, a, "POST", path, token, `{"lang":"xx","subject":"s","body":"b"}`, http.StatusUnprocessableEntity)
	apiJSON(t, a, "POST", path, token, `{"lang":"en","subject":"","body":"b"}`, http.StatusUnprocessableEntity)

	test := apiJSON(t, a, "POST", path, token, body+`,"test":true}`, http.StatusAccepted)
	if test["status"] != "test_sent" {
		t.Fatalf("test send: %v", test)
	}
	if m := waitEmail(t, a, "sec@example.org", 1)[0]; !strings.HasPrefix(m.Message.Subject, "[Test] Programme for") {
		t.Errorf("test subject %q", m.Message.Subject)
	}
	sent := apiJSON(t, a, "POST", path, token, body+`}`, http.StatusAccepted)
	if sent["status"] != "sending" {
		t.Fatalf("send: %v", sent)
	}
	ptMsg := waitEmail(t, a, "pt@example.org", 2)[0] // newest first
	if ptMsg.Message.Subject != "Programa para Ana Souza" || !strings.Contains(ptMsg.Message.Text, "/p/") {
		t.Errorf("Portuguese version: %q %q", ptMsg.Message.Subject, ptMsg.Message.Text)
	}
	enMsg := waitEmail(t, a, "en@example.org", 2)[0]
	if enMsg.Message.Subject != "Programme for Ana Souza" || !strings.Contains(enMsg.Message.Text, "Your page: http") {
		t.Errorf("original version: %q %q", enMsg.Message.Subject, enMsg.Message.Text)
	}
	// Sending the same message again sends nothing more.
	id := int64(sent["id"].(float64))
	if err := a.App.Web.Meetings.SendAnnouncement(ctx, id); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	waitEmail(t, a, "pt@example.org", 2)
	waitEmail(t, a, "gov@example.org", 1) // the confirmation only: not civil society
	if got, err := a.DB().Announcement(ctx, id); err != nil || got.Recipients != 2 || got.SentAt == nil {
		t.Errorf("announcement after sending: %+v, %v", got, err)
	}
	_ = pt
}

// confirmFromOutbox follows the confirmation link of email's first message.
func confirmFromOutbox(t *testing.T, a *apptest.App, email string) {
	t.Helper()
	confirm := linkIn(t, waitEmail(t, a, email, 1)[0].Message.Text, "/r/confirm/")
	if resp, _ := post(t, a, a.Client(), strings.SplitN(confirm, "?", 2)[0], nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("confirm %s: %d", email, resp.StatusCode)
	}
}

// The registrant's own page leads to their written-input form while the
// demo's call for inputs is open, and the form knows them.
func TestParticipantPageLeadsToWrittenInputs(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	_, reg := registerAndConfirm(t, a, "writer@example.org")
	cons, err := a.DB().ConsultationBySlug(context.Background(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	_, page := a.Get(t, a.Client(), a.App.Web.URLs.ParticipantPath(reg.ID, cons.EndsAt)+"?lang=en")
	link := regexp.MustCompile(`href="(/reviews/` + demo.ReviewSlug + `/inputs/new/[^"]+)"`).FindStringSubmatch(page)
	if link == nil {
		t.Fatal("the participant page has no link to the written-input form")
	}
	if resp, form := a.Get(t, a.Client(), html.UnescapeString(link[1])); resp.StatusCode != http.StatusOK || !strings.Contains(form, "writer@example.org") {
		t.Errorf("the participant's input form: %d", resp.StatusCode)
	}
}
