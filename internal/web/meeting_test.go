package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

const demoMeeting = "https://meet.example.org/wsis20-lac-SECRET-demo"

// meetingForm is a registration in English, so the emails' subjects can
// be read here.
func meetingForm(email string) url.Values {
	f := registrationForm(email)
	f.Set("language", "en")
	return f
}

// registerConfirmed registers email and follows its confirmation link
// from the email that mailpit received.
func registerConfirmed(t *testing.T, a *apptest.App, mp *mailpit.Server, email string) *registration.Registration {
	t.Helper()
	c := a.Client()
	a.PostForm(t, c, "/c/"+demo.LACSlug+"/register", meetingForm(email)).Body.Close()
	confirm := linkIn(t, mp.WaitFor(t, email, 1, 15*time.Second)[0].Text, "/r/confirm/")
	if resp, _ := post(t, a, c, strings.SplitN(confirm, "?", 2)[0], nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("confirm %s: %d", email, resp.StatusCode)
	}
	return registrationByEmail(t, a, email)
}

// apiJSON sends a staff API request and decodes the answer.
func apiJSON(t *testing.T, a *apptest.App, method, path, token, body string, want int) map[string]any {
	t.Helper()
	req, err := http.NewRequest(method, a.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := a.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d %v, want %d", method, path, resp.StatusCode, out, want)
	}
	return out
}

// withSubject are the messages to one address whose subject starts so.
func withSubject(msgs []mailpit.Message, prefix string) []mailpit.Message {
	var out []mailpit.Message
	for _, m := range msgs {
		if strings.HasPrefix(m.Subject, prefix) {
			out = append(out, m)
		}
	}
	return out
}

// invite parses the one calendar file attached to m.
func invite(t *testing.T, mp *mailpit.Server, m mailpit.Message) *ics.Calendar {
	t.Helper()
	full := mp.Message(t, m.ID)
	for _, at := range full.Attachments {
		if strings.HasSuffix(at.FileName, ".ics") {
			cal, err := ics.ParseCalendar(bytes.NewReader(mp.AttachmentData(t, m.ID, at.PartID)))
			if err != nil {
				t.Fatalf("invite of %q does not parse: %v", m.Subject, err)
			}
			return cal
		}
	}
	t.Fatalf("%q carries no calendar file", m.Subject)
	return nil
}

func prop(t *testing.T, cal *ics.Calendar, p ics.ComponentProperty) string {
	t.Helper()
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	if v := evs[0].GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func calMethod(cal *ics.Calendar) string {
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyMethod) {
			return p.Value
		}
	}
	return ""
}

// The meeting link in due course, end to end through a real SMTP server:
// approvals and a rejection, the release (once), personal links with
// their calendar invitations, one update per change, the waiting list,
// and join links that lead to the meeting only for whom, and when, they
// should.
func TestMeetingLinkInDueCourse(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { meetingLinkInDueCourse(t, engine) })
	}
}

func meetingLinkInDueCourse(t *testing.T, engine string) {
	mp := mailpit.Start(t)
	a := apptest.Start(t, apptest.Options{Demo: true, SMTP: mp.SMTPURL, DB: dbtest.AppDB(t, engine)})
	ctx := context.Background()
	sec := a.AddStaff(t, "sec@example.org", adminPassword, "secretariat")
	token := a.APIToken(t, sec)
	base := "/api/v1/consultations/" + demo.LACSlug
	// Approval by the secretariat, two places, the link by hand.
	apiJSON(t, a, "PATCH", base, token, `{"approval_required":true,"capacity":2,"link_release_before":null}`, http.StatusOK)

	ana, bruno, carla := registerConfirmed(t, a, mp, "ana@example.org"), registerConfirmed(t, a, mp, "bruno@example.org"),
		registerConfirmed(t, a, mp, "carla@example.org")
	for _, r := range []*registration.Registration{ana, bruno, carla} {
		if r.Status != registration.Confirmed {
			t.Fatalf("%s is %q after confirming, want confirmed (awaiting approval)", r.Email, r.Status)
		}
	}
	apiJSON(t, a, "POST", base+"/registrations/"+ana.ID+"/approve", token, "", http.StatusOK)
	apiJSON(t, a, "POST", base+"/registrations/"+bruno.ID+"/approve", token, "", http.StatusOK)
	apiJSON(t, a, "POST", base+"/registrations/"+carla.ID+"/reject", token, `{"reason":""}`, http.StatusUnprocessableEntity)
	apiJSON(t, a, "POST", base+"/registrations/"+carla.ID+"/reject", token, `{"reason":"Places are reserved for the region."}`, http.StatusOK)
	rejected := withSubject(mp.WaitFor(t, carla.Email, 2, 15*time.Second), "Your registration for")
	if len(rejected) != 1 || !strings.Contains(rejected[0].Text, "Places are reserved for the region.") {
		t.Fatalf("rejection email: %+v", rejected)
	}

	// The release: one join email to each approved registrant, none to Carla.
	out := apiJSON(t, a, "POST", base+"/link/release", token, "", http.StatusAccepted)
	if out["link_version"] != float64(1) {
		t.Errorf("release answered %v", out)
	}
	joins := map[string]string{}
	for _, r := range []*registration.Registration{ana, bruno} {
		msgs := withSubject(mp.WaitFor(t, r.Email, 3, 15*time.Second), "Your link to join")
		if len(msgs) != 1 {
			t.Fatalf("%s got %d join emails, want 1", r.Email, len(msgs))
		}
		join := linkIn(t, msgs[0].Text, "/j/")
		joins[r.Email] = join
		if strings.Contains(msgs[0].Text+msgs[0].HTML, demoMeeting) {
			t.Errorf("the join email to %s carries the raw meeting URL", r.Email)
		}
		cal := invite(t, mp, msgs[0])
		if calMethod(cal) != "REQUEST" || prop(t, cal, ics.ComponentPropertyUniqueId) != "registration-"+r.ID+"@127.0.0.1" ||
			prop(t, cal, ics.ComponentPropertySequence) != "0" || prop(t, cal, ics.ComponentPropertyUrl) != a.URL+join {
			t.Errorf("invite to %s: method %s uid %s seq %s url %s", r.Email, calMethod(cal),
				prop(t, cal, ics.ComponentPropertyUniqueId), prop(t, cal, ics.ComponentPropertySequence), prop(t, cal, ics.ComponentPropertyUrl))
		}
		if len(cal.Timezones()) != 1 {
			t.Errorf("invite to %s has %d time zones, want the consultation's", r.Email, len(cal.Timezones()))
		}
	}
	if joins[ana.Email] == joins[bruno.Email] {
		t.Fatal("two registrants share a join link")
	}
	// Releasing again sends nothing.
	apiJSON(t, a, "POST", base+"/link/release", token, "", http.StatusAccepted)
	time.Sleep(time.Second)
	if n := len(mp.WaitFor(t, ana.Email, 3, time.Second)); n != 3 {
		t.Errorf("ana has %d emails after a second release, want 3", n)
	}
	if got := withSubject(mp.WaitFor(t, carla.Email, 2, time.Second), "Your link"); len(got) != 0 {
		t.Error("the rejected registrant got a join link")
	}

	// Before the join window: a page saying when it opens; no redirect.
	c := a.Client()
	path := func(join string) string { u, _ := url.Parse(join); return u.Path }
	if resp, body := a.Get(t, c, path(joins[ana.Email])); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Your link opens at") ||
		strings.Contains(body, demoMeeting) {
		t.Fatalf("join link before the window: %d", resp.StatusCode)
	}
	// The start moves to within the window: exactly one update each, SEQUENCE 1.
	starts := time.Now().Add(10 * time.Minute).UTC().Truncate(time.Second)
	apiJSON(t, a, "PATCH", base, token, `{"starts_at":"`+starts.Format(time.RFC3339)+`","ends_at":"`+
		starts.Add(2*time.Hour).Format(time.RFC3339)+`"}`, http.StatusOK)
	for _, r := range []*registration.Registration{ana, bruno} {
		up := withSubject(mp.WaitFor(t, r.Email, 4, 15*time.Second), "Updated: your link")
		if len(up) != 1 {
			t.Fatalf("%s got %d updates, want 1", r.Email, len(up))
		}
		if seq := prop(t, invite(t, mp, up[0]), ics.ComponentPropertySequence); seq != "1" {
			t.Errorf("update to %s has SEQUENCE %s, want 1", r.Email, seq)
		}
	}
	// Now the link leads to the meeting, and records attendance.
	resp, _ := a.Get(t, c, path(joins[ana.Email]))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != demoMeeting {
		t.Fatalf("join link in the window: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r, _ := a.DB().RegistrationByID(ctx, ana.ID); r.FirstJoinedAt == nil || r.LastJoinedAt == nil {
		t.Error("attendance not recorded")
	}

	// A waitlisted registrant is promoted by a raised capacity and gets the
	// link at once.
	dan := registerConfirmed(t, a, mp, "dan@example.org")
	apiJSON(t, a, "POST", base+"/registrations/"+dan.ID+"/approve", token, "", http.StatusOK)
	if r, _ := a.DB().RegistrationByID(ctx, dan.ID); r.Status != registration.Waitlisted {
		t.Fatalf("dan is %q with every place held, want waitlisted", r.Status)
	}
	apiJSON(t, a, "PATCH", base, token, `{"capacity":3}`, http.StatusOK)
	// (The waiting-list email is not sent: by the time it went out, Dan
	// had a place.)
	msgs := mp.WaitFor(t, dan.Email, 3, 15*time.Second)
	if len(withSubject(msgs, "A place is yours")) != 1 || len(withSubject(msgs, "Your link to join")) != 1 {
		t.Fatalf("dan's emails after the raised capacity: %v", subjects(msgs))
	}

	// Bruno cancels from his page: his link stops working and his calendar
	// entry is withdrawn.
	page := linkIn(t, withSubject(mp.WaitFor(t, bruno.Email, 4, time.Second), "Your link to join")[0].Text, "/p/")
	if resp, _ := post(t, a, c, path(page)+"/cancel", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel from the page: %d", resp.StatusCode)
	}
	if resp, _ := a.Get(t, c, path(joins[bruno.Email])); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a cancelled registrant's join link: %d, want 403", resp.StatusCode)
	}
	gone := withSubject(mp.WaitFor(t, bruno.Email, 5, 15*time.Second), "Cancelled:")
	if len(gone) != 1 || calMethod(invite(t, mp, gone[0])) != "CANCEL" {
		t.Fatalf("bruno's withdrawal: %v", subjects(gone))
	}
	// A rejected registrant's link, signed by us, leads nowhere either.
	forged := a.App.Web.URLs.JoinPath(carla.ID, starts.Add(2*time.Hour))
	if resp, body := a.Get(t, c, forged); resp.StatusCode != http.StatusForbidden || strings.Contains(body, demoMeeting) {
		t.Errorf("a rejected registrant's join link: %d", resp.StatusCode)
	}
	// A join link made with another purpose's signature is refused.
	other := "/j/" + a.App.Web.URLs.Signer().SignUntil(links.Cancel, ana.ID, time.Now().Add(time.Hour))
	if resp, _ := a.Get(t, c, other); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a cancel token as a join link: %d, want 404", resp.StatusCode)
	}
}

func subjects(msgs []mailpit.Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Subject)
	}
	return out
}
