package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
)

var placesLeftRe = regexp.MustCompile(`(\d+) places? left`)

// placesLeft reads places left from the public page and from the API, and
// checks that they agree.
func placesLeft(t *testing.T, a *apptest.App) int {
	t.Helper()
	_, page := a.Get(t, a.Client(), "/c/"+demo.LACSlug)
	m := placesLeftRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the consultation page shows no places left")
	}
	onPage, _ := strconv.Atoi(m[1])
	_, body := a.Get(t, a.Client(), "/api/v1/consultations/"+demo.LACSlug)
	var c struct {
		Registration struct {
			PlacesLeft *int `json:"places_left"`
		} `json:"registration"`
	}
	if err := json.Unmarshal([]byte(body), &c); err != nil || c.Registration.PlacesLeft == nil {
		t.Fatalf("API: %v %s", err, body)
	}
	if *c.Registration.PlacesLeft != onPage {
		t.Fatalf("places left: page %d, API %d", onPage, *c.Registration.PlacesLeft)
	}
	return onPage
}

func postRegistration(t *testing.T, a *apptest.App, email string) int {
	t.Helper()
	resp := a.PostForm(t, a.Client(), "/c/"+demo.LACSlug+"/register", registrationForm(email))
	resp.Body.Close()
	return resp.StatusCode
}

// places_left moves only on confirmation, so posting a new address and an
// address already registered (pending or confirmed) leave it the same: it
// cannot tell who is registered.
func TestPlacesLeftTellsNothingAboutAddresses(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	start := placesLeft(t, a)
	postRegistration(t, a, "known@example.org")
	if n := placesLeft(t, a); n != start {
		t.Fatalf("after a new address: %d places left, want %d", n, start)
	}
	postRegistration(t, a, "known@example.org")
	postRegistration(t, a, "new@example.org")
	if n := placesLeft(t, a); n != start {
		t.Fatalf("after a registered and a new address: %d places left, want %d", n, start)
	}
	registerAndConfirm(t, a, "confirmed@example.org")
	if n := placesLeft(t, a); n != start-1 {
		t.Fatalf("after a confirmation: %d places left, want %d", n, start-1)
	}
	postRegistration(t, a, "confirmed@example.org")
	postRegistration(t, a, "newer@example.org")
	if n := placesLeft(t, a); n != start-1 {
		t.Fatalf("after a confirmed and a new address: %d places left, want %d", n, start-1)
	}
}

func setCapacity(t *testing.T, a *apptest.App, n int) {
	t.Helper()
	cons, err := a.DB().ConsultationBySlug(context.Background(), demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	cons.Capacity = n
	if err := a.DB().SaveConsultation(context.Background(), cons); err != nil {
		t.Fatal(err)
	}
}

// Unconfirmed registrations do not fill the consultation; the one who
// confirms after the last place went is waitlisted and told so, and
// registering stays open, to the waiting list.
func TestConfirmationAfterTheLastPlace(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	setCapacity(t, a, 1)
	for _, e := range []string{"late@example.org", "quick@example.org"} {
		if st := postRegistration(t, a, e); st != http.StatusSeeOther {
			t.Fatalf("register %s: %d", e, st)
		}
	}
	late := strings.SplitN(linkIn(t, waitEmail(t, a, "late@example.org", 1)[0].Message.Text, "/r/confirm/"), "?", 2)[0]
	registerAndConfirmFrom(t, a, "quick@example.org")
	resp, body := post(t, a, a.Client(), late, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "you are on the waiting list") {
		t.Fatalf("late confirmation: %d", resp.StatusCode)
	}
	if r := registrationByEmail(t, a, "late@example.org"); r.Status != registration.Waitlisted {
		t.Errorf("late registration %q, want waitlisted", r.Status)
	}
	if st := postRegistration(t, a, "third@example.org"); st != http.StatusSeeOther {
		t.Errorf("register into a full consultation: %d, want 303 (to the waiting list)", st)
	}
	if _, page := a.Get(t, a.Client(), "/c/"+demo.LACSlug); !strings.Contains(page, "join the waiting list") {
		t.Error("the consultation page does not say its places are taken")
	}
}

// registerAndConfirmFrom confirms a registration already posted.
func registerAndConfirmFrom(t *testing.T, a *apptest.App, email string) {
	t.Helper()
	confirm := linkIn(t, waitEmail(t, a, email, 1)[0].Message.Text, "/r/confirm/")
	if resp, _ := post(t, a, a.Client(), strings.SplitN(confirm, "?", 2)[0], nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("confirm %s: %d", email, resp.StatusCode)
	}
}

// Registering again after cancelling is a new registration: a new id, its
// own confirmation email, and the old links do not act on it.
func TestRegisterAgainAfterCancelling(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	const email = "again@example.org"
	_, first := registerAndConfirm(t, a, email)
	mails := waitEmail(t, a, email, 1)
	oldConfirm := strings.SplitN(linkIn(t, mails[0].Message.Text, "/r/confirm/"), "?", 2)[0]
	cancel := strings.SplitN(linkIn(t, mails[0].Message.Text, "/r/cancel/"), "?", 2)[0]
	if resp, _ := post(t, a, a.Client(), cancel, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel: %d", resp.StatusCode)
	}
	if st := postRegistration(t, a, email); st != http.StatusSeeOther {
		t.Fatalf("register again: %d", st)
	}
	again := registrationByEmailStatus(t, a, email, registration.PendingConfirmation)
	if again.ID == first.ID {
		t.Fatal("the new registration has the cancelled one's id")
	}
	var newConfirm string
	for _, m := range waitEmail(t, a, email, 2) {
		if l := strings.SplitN(linkIn(t, m.Message.Text, "/r/confirm/"), "?", 2)[0]; l != oldConfirm {
			newConfirm = l
		}
	}
	if newConfirm == "" {
		t.Fatal("no confirmation email for the new registration")
	}
	if resp, body := post(t, a, a.Client(), oldConfirm, nil); resp.StatusCode != http.StatusConflict ||
		!strings.Contains(body, "This registration was cancelled.") {
		t.Errorf("old confirm link: %d", resp.StatusCode)
	}
	if r, _ := a.DB().RegistrationByID(context.Background(), again.ID); r.Status != registration.PendingConfirmation {
		t.Fatalf("the old link changed the new registration to %q", r.Status)
	}
	if resp, _ := post(t, a, a.Client(), newConfirm, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("new confirm link: %d", resp.StatusCode)
	}
	if r, _ := a.DB().RegistrationByID(context.Background(), again.ID); r.Status != registration.Approved {
		t.Errorf("after its own link: %q, want confirmed", r.Status)
	}
}

func registrationByEmailStatus(t *testing.T, a *apptest.App, email string, st registration.Status) *registration.Registration {
	t.Helper()
	c, _ := a.DB().ConsultationHeadBySlug(context.Background(), demo.LACSlug)
	list, _, err := a.DB().Registrations(context.Background(), storeFilter(c.ID, st))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list {
		if r.Email == email {
			return r
		}
	}
	t.Fatalf("no %s registration for %s", st, email)
	return nil
}

// A registration purged unconfirmed leaves its links saying they expired.
func TestExpiredConfirmLink(t *testing.T) {
	a := apptest.Start(t, apptest.Options{Demo: true})
	postRegistration(t, a, "slow@example.org")
	confirm := strings.SplitN(linkIn(t, waitEmail(t, a, "slow@example.org", 1)[0].Message.Text, "/r/confirm/"), "?", 2)[0]
	if n, err := a.DB().PurgeUnconfirmed(context.Background(), time.Now().Add(time.Hour), 100); err != nil || n != 1 {
		t.Fatalf("purge: %d, %v", n, err)
	}
	for _, lang := range []string{"en", "es"} {
		resp, page := a.Get(t, a.Client(), confirm+"?lang="+lang)
		want := map[string]string{"en": "This link has expired", "es": "Este enlace ha caducado"}[lang]
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(page, want) {
			t.Errorf("%s: expired link: %d, want 404 saying %q", lang, resp.StatusCode, want)
		}
	}
	if resp, page := a.Get(t, a.Client(), "/r/confirm/forged-token"); resp.StatusCode != http.StatusNotFound ||
		strings.Contains(page, "expired") {
		t.Errorf("a forged link says it expired: %d", resp.StatusCode)
	}
}

func storeFilter(consultationID int64, st registration.Status) store.RegistrationFilter {
	return store.RegistrationFilter{ConsultationID: consultationID, Status: string(st)}
}
