package web_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// approvedIn stores an approved registrant of the demo's Santiago
// consultation and returns it with the path of their own page.
func approvedIn(t *testing.T, a *apptest.App, email, group, country string) (*registration.Registration, string) {
	t.Helper()
	ctx := context.Background()
	c, err := a.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	r := registration.New(links.NewID(), c.ID, registration.Input{GivenName: "Ana", FamilyName: "Souza", Email: email,
		Organization: "Rede", StakeholderGroup: group, Country: country, Language: "en", Consent: true}, now)
	if err := a.DB().InsertRegistrations(ctx, []*registration.Registration{r}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.DB().Writer().ExecContext(ctx, `UPDATE registrations SET status='approved', confirmed_at=$1, approved_at=$1
		WHERE id=$2`, now, r.ID); err != nil {
		t.Fatal(err)
	}
	return r, a.App.Web.URLs.ParticipantPath(r.ID, c.EndsAt)
}

// body GETs path and fails unless the answer is 200.
func body(t *testing.T, a *apptest.App, c *http.Client, path string) string {
	t.Helper()
	resp, b := a.Get(t, c, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return b
}

func wantIn(t *testing.T, what, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("%s: %q not found", what, w)
		}
	}
}

// The flow of a session: the participant asks for the floor from their
// page, the moderator gives it, the rapporteur records the intervention,
// the record lists it and, once published, the API too.
func TestLiveSessionFlow(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { liveSessionFlow(t, engine) })
	}
}

func liveSessionFlow(t *testing.T, engine string) {
	a := apptest.Start(t, apptest.Options{Demo: true, DB: dbtest.AppDB(t, engine)})
	anaReg, page := approvedIn(t, a, "ana@example.org", "civil_society", "BR")
	// She joined by her personal link: attendance.
	if _, err := a.DB().Writer().ExecContext(context.Background(), `UPDATE registrations SET first_joined_at=$1,
		last_joined_at=$1 WHERE id=$2`, time.Now().UTC(), anaReg.ID); err != nil {
		t.Fatal(err)
	}
	mod := staffClient(t, a, "mod@example.org", "moderator")
	rap := staffClient(t, a, "rap@example.org", "rapporteur")
	sec := staffClient(t, a, "sec@example.org", "secretariat")
	anon := a.Client()
	base := "/admin/consultations/" + demo.LACSlug + "/live"

	// The demo's agenda, on the public page: six items, two hours.
	wantIn(t, "public page", body(t, a, anon, "/c/"+demo.LACSlug), "Opening remarks by the Chair of the CSTD",
		"Guiding question 4: moderated discussion", "Closing remarks and next steps", "Total: 120 min")
	live := body(t, a, mod, base)
	first := itemID(t, live, "Guiding question 1")

	// A moderator may run the session, not record; a rapporteur the reverse.
	if resp, _ := post(t, a, rap, base+"/item", url.Values{"item": {first}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("rapporteur starting an item: %d", resp.StatusCode)
	}
	if resp, _ := post(t, a, mod, base+"/record", url.Values{"summary": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("moderator recording: %d", resp.StatusCode)
	}
	if resp, _ := post(t, a, mod, base+"/item", url.Values{"item": {first}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("start item: %d", resp.StatusCode)
	}
	wantIn(t, "public page during the item", body(t, a, anon, "/c/"+demo.LACSlug), `aria-current="step"`, "Now: Guiding question 1")

	// The participant asks, with a topic; a too long one is refused beside the field.
	resp, b := post(t, a, anon, page+"/floor", url.Values{"item": {first}, "topic": {strings.Repeat("x", 141)}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "Keep the topic to one line") {
		t.Fatalf("long topic: %d", resp.StatusCode)
	}
	if resp, _ := post(t, a, anon, page+"/floor", url.Values{"item": {first}, "topic": {"Community networks"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("ask: %d", resp.StatusCode)
	}
	wantIn(t, "participant page", body(t, a, anon, page), "You are number 1 in the queue", "Withdraw my request")
	live = body(t, a, mod, base)
	wantIn(t, "moderator page", live, "Ana Souza", "Civil society", "Brazil", "Americas", "Community networks")
	if strings.Contains(between(live, "Not heard yet", "</div>"), "Civil society") == false {
		t.Errorf("balance hint: civil society has not spoken yet and should be listed")
	}
	// The Chair, added by name, then the floor to the participant.
	if resp, _ := post(t, a, mod, base+"/speakers", url.Values{"name": {""}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("speaker without a name: %d", resp.StatusCode)
	}
	post(t, a, mod, base+"/speakers", url.Values{"name": {"CSTD Chair"}, "stakeholder_group": {"government"}, "country": {"CH"}})
	ana := speakerID(t, body(t, a, mod, base), "Ana Souza")
	if resp, _ := post(t, a, mod, base+"/speakers/"+ana+"/floor", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("give the floor: %d", resp.StatusCode)
	}
	wantIn(t, "participant page with the floor", body(t, a, anon, page), "You have the floor.", "Speaking time left")
	live = body(t, a, mod, base)
	if !strings.Contains(between(live, "Not heard yet", "</div>"), "Government") || strings.Contains(between(live, "Not heard yet", "</div>"), "Civil society") {
		t.Errorf("balance hint after civil society spoke: %s", between(live, "Not heard yet", "</div>"))
	}
	post(t, a, mod, base+"/floor/end", nil)

	// The rapporteur records it; an empty summary is refused.
	rec := body(t, a, rap, base+"/record")
	spoke := optionValue(t, rec, "Ana Souza")
	if resp, b := post(t, a, rap, base+"/record", url.Values{"speaker": {spoke}}); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(b, "Enter a summary") {
		t.Fatalf("empty summary: %d", resp.StatusCode)
	}
	post(t, a, rap, base+"/record", url.Values{"speaker": {spoke}, "question": {optionValue(t, rec, "1. To what extent")},
		"summary":    {"Community networks need spectrum."},
		"key_points": {"Spectrum\nFunding"}})
	wantIn(t, "record", body(t, a, rap, base+"/record"), "Community networks need spectrum.", "<li>Funding</li>", "Civil society")

	// Not public until the secretariat publishes it.
	api := "/api/v1/consultations/" + demo.LACSlug + "/interventions"
	if resp, _ := a.Get(t, anon, api); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("record before publishing: %d", resp.StatusCode)
	}
	closing := "/c/" + demo.LACSlug + "/record"
	if resp, _ := a.Get(t, anon, closing); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("closing record before publishing: %d", resp.StatusCode)
	}
	wantIn(t, "closing record for the rapporteur", body(t, a, rap, closing), "The record is not published yet.")
	if resp, _ := post(t, a, rap, base+"/record/publish", url.Values{"publish": {"yes"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("rapporteur publishing: %d", resp.StatusCode)
	}
	if resp, _ := post(t, a, sec, base+"/record/publish", url.Values{"publish": {"yes"}}); resp.StatusCode != http.StatusConflict {
		t.Fatalf("publishing before the end of the session: %d", resp.StatusCode)
	}
	// The session is over.
	now := time.Now().UTC()
	if _, err := a.DB().Writer().ExecContext(context.Background(), `UPDATE consultations SET starts_at=$1, ends_at=$2
		WHERE slug=$3`, now.Add(-3*time.Hour), now.Add(-time.Hour), demo.LACSlug); err != nil {
		t.Fatal(err)
	}
	if resp, _ := post(t, a, sec, base+"/record/publish", url.Values{"publish": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publishing after the session: %d", resp.StatusCode)
	}
	record := body(t, a, anon, closing)
	wantIn(t, "published closing record", record, "Participants present (by their personal link or checked in): 1",
		"<th scope=\"row\">Civil society</th><td>1</td>", "<th scope=\"row\">Americas</th><td>1</td>",
		"Guiding question 1: To what extent", "Community networks need spectrum.")
	wantIn(t, "published record", body(t, a, anon, api), `"name":"Ana Souza"`, `"stakeholder_group":"civil_society"`,
		`"key_points":["Spectrum","Funding"]`)
}

// between is the part of s after from up to the next to.
func between(s, from, to string) string {
	_, after, _ := strings.Cut(s, from)
	part, _, _ := strings.Cut(after, to)
	return part
}

// itemID is the value of the option whose text contains title.
func itemID(t *testing.T, page, title string) string { return optionValue(t, page, title) }

func optionValue(t *testing.T, page, text string) string {
	t.Helper()
	for _, opt := range strings.Split(page, "<option value=\"")[1:] {
		v, rest, _ := strings.Cut(opt, "\"")
		label, _, _ := strings.Cut(rest, "</option>")
		if strings.Contains(label, text) && v != "" {
			return v
		}
	}
	t.Fatalf("no option %q", text)
	return ""
}

// speakerID is the id in the first action of the queue row naming name.
func speakerID(t *testing.T, page, name string) string {
	t.Helper()
	row := between(page, name, "</tr>")
	id := between(row, "/live/speakers/", "/")
	if id == "" {
		t.Fatalf("no queue row for %q", name)
	}
	return id
}

// sseClient reads a live stream's events.
type sseClient struct {
	resp   *http.Response
	events chan [3]string // id, event, data
}

func openStream(t *testing.T, a *apptest.App, path, lastID string) *sseClient {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.URL+path, nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := a.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	c := &sseClient{resp: resp, events: make(chan [3]string, 100)}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		var ev [3]string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev[1] != "" {
					c.events <- ev
				}
				ev = [3]string{}
			case strings.HasPrefix(line, "id: "):
				ev[0] = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev[1] = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev[2] = line[6:]
			}
		}
	}()
	return c
}

// next is the next event of kind, skipping others; it fails if the
// stream ends first (the test's deadline bounds the wait).
func (c *sseClient) next(t *testing.T, kind string) [3]string {
	t.Helper()
	for ev := range c.events {
		if ev[1] == kind {
			return ev
		}
	}
	t.Fatalf("stream ended before a %q event", kind)
	return [3]string{}
}

// Two instances on one PostgreSQL database: a viewer of instance B hears
// of a request for the floor made on instance A, the public event names
// nobody, and a viewer reconnecting with Last-Event-ID catches up.
func TestLiveTwoInstancesShareTheQueue(t *testing.T) {
	if !slices.Contains(dbtest.Engines(), "postgres") {
		t.Skip("PostgreSQL is off")
	}
	u := dbtest.NewPostgres(t)
	a := apptest.Start(t, apptest.Options{Demo: true, DB: u})
	b := apptest.Start(t, apptest.Options{Demo: true, DB: u})
	_, page := approvedIn(t, a, "two@example.org", "academia", "CL")
	stream := openStream(t, b, "/api/v1/consultations/"+demo.LACSlug+"/live", "")
	pub := a.Client()
	item := itemID(t, body(t, a, pub, page), "Opening remarks")
	if resp, _ := post(t, a, pub, page+"/floor", url.Values{"item": {item}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("ask on A: %d", resp.StatusCode)
	}
	ev := stream.next(t, "queue")
	if ev[2] != `{"waiting":1}` || strings.Contains(ev[2], "Souza") {
		t.Fatalf("queue event on B = %v", ev)
	}
	mod := staffClient(t, b, "mod2@example.org", "moderator")
	wantIn(t, "B's moderator page", body(t, b, mod, "/admin/consultations/"+demo.LACSlug+"/live"), "Ana Souza", "Academic community")
	// Withdrawn on A; a viewer of B that had event ev reconnects and gets it.
	post(t, a, pub, page+"/floor/withdraw", nil)
	again := openStream(t, b, "/c/"+demo.LACSlug+"/live", ev[0])
	got := again.next(t, "queue")
	if want := fmt.Sprint(mustInt(t, ev[0]) + 1); got[0] != want || got[2] != `{"waiting":0}` {
		t.Fatalf("caught up = %v, want id %s", got, want)
	}
}

func mustInt(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The API: the agenda, and staff adding speakers by registration or by name.
func TestLiveAPI(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	reg, _ := approvedIn(t, a, "api@example.org", "private_sector", "MX")
	mod := a.APIToken(t, a.AddStaff(t, "modapi@example.org", adminPassword, "moderator"))
	rap := a.APIToken(t, a.AddStaff(t, "rapapi@example.org", adminPassword, "rapporteur"))
	base := "/api/v1/consultations/" + demo.LACSlug

	agenda := apiJSON(t, a, "GET", base+"/agenda", "", "", http.StatusOK)
	items, _ := agenda["items"].([]any)
	if len(items) != 6 || agenda["intervention_seconds"] != float64(180) || agenda["current_item_id"] != nil {
		t.Fatalf("agenda = %v", agenda)
	}
	chair := apiJSON(t, a, "POST", base+"/queue", mod, `{"name":"CSTD Chair","stakeholder_group":"government","country":"ch"}`, http.StatusCreated)
	if chair["name"] != "CSTD Chair" || chair["country"] != "CH" || chair["state"] != "waiting" || chair["position"] != float64(1) {
		t.Fatalf("chair = %v", chair)
	}
	got := apiJSON(t, a, "POST", base+"/queue", mod, `{"registration_id":"`+reg.ID+`"}`, http.StatusCreated)
	if got["name"] != "Ana Souza" || got["stakeholder_group"] != "private_sector" || got["position"] != float64(2) {
		t.Fatalf("registrant = %v", got)
	}
	apiJSON(t, a, "POST", base+"/queue", mod, `{"registration_id":"`+reg.ID+`"}`, http.StatusConflict)
	apiJSON(t, a, "POST", base+"/queue", mod, `{"registration_id":"no-such"}`, http.StatusUnprocessableEntity)
	bad := apiJSON(t, a, "POST", base+"/queue", mod, `{"name":"","stakeholder_group":"nobody"}`, http.StatusUnprocessableEntity)
	fields, _ := bad["error"].(map[string]any)["fields"].(map[string]any)
	if fields["name"] != "Enter the speaker's name." || fields["stakeholder_group"] != "Choose one of the stakeholder groups." {
		t.Fatalf("fields = %v", fields)
	}
	apiJSON(t, a, "POST", base+"/queue", rap, `{"name":"X"}`, http.StatusForbidden)
	apiJSON(t, a, "POST", base+"/queue", "", `{"name":"X"}`, http.StatusUnauthorized)
	// The record before publishing: a rapporteur's token reads it, the public does not.
	apiJSON(t, a, "GET", base+"/interventions", rap, "", http.StatusOK)
	apiJSON(t, a, "GET", base+"/interventions", mod, "", http.StatusForbidden)
	apiJSON(t, a, "GET", base+"/interventions", "", "", http.StatusNotFound)
}
