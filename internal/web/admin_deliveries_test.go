package web_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/stakeholder"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/apptest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

// The deliveries page lists a sent, a failed (the server refused it for
// good: 550) and a retried (refused for now: 451) confirmation email with
// their states, attempts and reasons; filters and pages are bounded; the
// secretariat sets the send rate.
func TestDeliveriesPage(t *testing.T) {
	mp := mailpit.Start(t)
	relay := refusingRelay(t, mp.SMTPAddr, map[string]string{
		"refused@example.org": "550 5.1.1 mailbox unavailable", "later@example.org": "451 4.3.0 try again later"})
	app := apptest.Start(t, apptest.Options{Demo: true, SMTP: "smtp://" + relay})
	for _, to := range []string{"ok@example.org", "refused@example.org", "later@example.org"} {
		app.PostForm(t, app.Client(), "/c/wsis20-lac/register", registrationForm(to)).Body.Close()
	}
	mp.WaitFor(t, "ok@example.org", 1, 15*time.Second)
	waitForJobs(t, app, func(byTo map[string]store.Delivery) bool {
		return byTo["refused@example.org"].State == "cancelled" &&
			byTo["later@example.org"].State == "retryable" && byTo["later@example.org"].Attempt >= 2
	})

	c := staffClient(t, app, "secretariat@example.org", "secretariat")
	resp, body := app.Get(t, c, "/admin/deliveries")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/deliveries = %d", resp.StatusCode)
	}
	rows := deliveryRows(body)
	for to, want := range map[string]string{"ok@example.org": "sent", "refused@example.org": "failed", "later@example.org": "retried"} {
		if rows[to] != want {
			t.Errorf("%s is shown %q, want %q (rows %v)", to, rows[to], want, rows)
		}
	}
	for _, want := range []string{"550 &#34;5.1.1 mailbox unavailable", "451 &#34;4.3.0 try again later",
		"Failed, will be retried", "registration_confirmation", "2 of 25"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(body, "Ana Souza") || strings.Contains(body, "Instituto Nupef") {
		t.Error("the page shows personal data beyond the address")
	}

	_, failed := app.Get(t, c, "/admin/deliveries?state=failed&kind=registration_confirmation")
	if got := deliveryRows(failed); len(got) != 1 || got["refused@example.org"] != "failed" {
		t.Errorf("state=failed lists %v", got)
	}
	for _, q := range []string{"?state=bogus&kind=bogus", "?page=99999999", "?page=-3"} {
		if resp, _ := app.Get(t, c, "/admin/deliveries"+q); resp.StatusCode != http.StatusOK {
			t.Errorf("GET /admin/deliveries%s = %d", q, resp.StatusCode)
		}
	}
	checkRateForm(t, app, c)
}

func checkRateForm(t *testing.T, app *apptest.App, c *http.Client) {
	t.Helper()
	resp, body := post(t, app, c, "/admin/deliveries/rate", url.Values{"per_minute": {"abc"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter a whole number") {
		t.Errorf("a rate of abc: %d", resp.StatusCode)
	}
	resp, _ = post(t, app, c, "/admin/deliveries/rate", url.Values{"per_minute": {"120"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving a rate: %d", resp.StatusCode)
	}
	if n, err := app.DB().MailRate(t.Context()); err != nil || n != 120 {
		t.Errorf("MailRate = %d, %v; want 120", n, err)
	}
	if _, body := app.Get(t, c, "/admin/deliveries?saved=rate"); !strings.Contains(body, "at most 120 emails per minute") {
		t.Error("the page does not show the saved rate")
	}
}

var deliveryRow = regexp.MustCompile(`<tr data-state="(\w+)">\s*<th scope="row">([^<]*)</th>`)

// deliveryRows maps each listed address to the state shown.
func deliveryRows(body string) map[string]string {
	rows := map[string]string{}
	for _, m := range deliveryRow.FindAllStringSubmatch(body, -1) {
		rows[m[2]] = m[1]
	}
	return rows
}

// waitForJobs polls the store's deliveries, bounded, until done holds.
func waitForJobs(t *testing.T, app *apptest.App, done func(byTo map[string]store.Delivery) bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		list, err := app.DB().Deliveries(t.Context(), store.DeliveryFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		byTo := map[string]store.Delivery{}
		for _, d := range list {
			byTo[d.To] = d
		}
		if done(byTo) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("jobs never reached the states wanted: %+v", byTo)
		}
	}
}

// refusingRelay is an SMTP relay in front of a real server that answers
// RCPT for the listed addresses with the given reply itself, as a server
// refusing them would, and passes everything else through.
func refusingRelay(t *testing.T, upstream string, refuse map[string]string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go relaySession(c, upstream, refuse)
		}
	}()
	return ln.Addr().String()
}

func relaySession(c net.Conn, upstream string, refuse map[string]string) {
	defer c.Close()
	up, err := net.Dial("tcp", upstream)
	if err != nil {
		return
	}
	defer up.Close()
	client := &lockedWriter{w: c}
	go func() { _, _ = io.Copy(client, up); c.Close() }()
	r, inData := bufio.NewReader(c), false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(line)
		switch {
		case inData:
			inData = line != ".\r\n"
		case strings.HasPrefix(cmd, "RCPT TO:"):
			if reply, ok := refuse[strings.Trim(strings.TrimSpace(line[len("RCPT TO:"):]), "<>")]; ok {
				_, _ = client.Write([]byte(reply + "\r\n"))
				continue
			}
		case cmd == "DATA\r\n":
			inData = true
		}
		if _, err := up.Write([]byte(line)); err != nil {
			return
		}
	}
}

// lockedWriter lets the relay answer a client between the server's replies.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// The outbox shows each attachment's name, type and size.
func TestOutboxShowsAttachments(t *testing.T) {
	app := apptest.Start(t, apptest.Options{})
	err := app.DB().RecordEmails(t.Context(), []store.EmailRecord{{Key: "invite:ada", Transport: "outbox",
		Message: mail.Message{To: "ada@example.org", Subject: "Invitation", Text: "t",
			Attachments: []mail.Attachment{{Filename: "invite.ics", ContentType: "text/calendar; method=REQUEST", Data: []byte("BEGIN:VCALENDAR\r\n")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	list, err := app.DB().Emails(t.Context(), "ada@example.org", 1)
	if err != nil || len(list) != 1 {
		t.Fatalf("Emails = %v, %v", list, err)
	}
	c := staffClient(t, app, "secretariat@example.org", "secretariat")
	_, body := app.Get(t, c, fmt.Sprintf("/admin/outbox/%d", list[0].ID))
	if want := "invite.ics (text/calendar; method=REQUEST, 17 bytes)"; !strings.Contains(body, want) {
		t.Errorf("the outbox message lacks %q", want)
	}
}

// Confirmations enqueued together are one job (internal/jobs,
// confirmations.go): the page lists it once with the number of its
// registrants, and the emails the server refused are handed to jobs of
// their own, shown with their addresses, states and reasons like any
// other; every other registrant gets exactly one email, even when their
// confirmation is enqueued again alone.
func TestDeliveriesPageShowsABatch(t *testing.T) {
	mp := mailpit.Start(t)
	relay := refusingRelay(t, mp.SMTPAddr, map[string]string{
		"refused@example.org": "550 5.1.1 mailbox unavailable", "later@example.org": "451 4.3.0 try again later"})
	app := apptest.Start(t, apptest.Options{Demo: true, SMTP: "smtp://" + relay})
	ctx := t.Context()
	c, err := app.DB().ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	addresses := []string{"ok1@example.org", "refused@example.org", "ok2@example.org", "later@example.org"}
	var regs []*registration.Registration
	var msgs []messages.Message
	for _, to := range addresses {
		r := registration.New(links.NewID(), c.ID, registration.Input{GivenName: "Ana", FamilyName: "Souza", Email: to,
			Organization: "Org", StakeholderGroup: string(stakeholder.CivilSociety), Country: "BR", Language: "pt", Consent: true},
			time.Now())
		regs, msgs = append(regs, r), append(msgs, messages.Confirmation{RegistrationID: r.ID})
	}
	if err := app.DB().InsertRegistrations(ctx, regs); err != nil {
		t.Fatal(err)
	}
	enqueue := func(list []messages.Message) {
		t.Helper()
		if err := app.DB().WithTx(ctx, func(ctx context.Context) error { return app.App.Queue.EnqueueMany(ctx, list) }); err != nil {
			t.Fatal(err)
		}
	}
	enqueue(msgs)
	mp.WaitFor(t, "ok1@example.org", 1, 15*time.Second)
	mp.WaitFor(t, "ok2@example.org", 1, 15*time.Second)
	waitForJobs(t, app, func(byTo map[string]store.Delivery) bool {
		return byTo["refused@example.org"].State == "cancelled" &&
			byTo["later@example.org"].State == "retryable" && byTo[""].State == "completed"
	})
	enqueue(msgs[:1]) // ok1's confirmation again, alone: its key is recorded
	waitForJobs(t, app, func(byTo map[string]store.Delivery) bool { return byTo["ok1@example.org"].State == "completed" })

	staff := staffClient(t, app, "secretariat@example.org", "secretariat")
	_, body := app.Get(t, staff, "/admin/deliveries")
	rows := deliveryRows(body)
	for to, want := range map[string]string{"4 registrants": "sent", "refused@example.org": "failed",
		"later@example.org": "retried", "ok1@example.org": "sent"} {
		if rows[to] != want {
			t.Errorf("%s is shown %q, want %q (rows %v)", to, rows[to], want, rows)
		}
	}
	if _, ok := rows["ok2@example.org"]; ok {
		t.Error("an email sent in its batch is listed on its own")
	}
	for _, want := range []string{"registration_confirmations", "550 &#34;5.1.1 mailbox unavailable", "451 &#34;4.3.0 try again later"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	perAddress := map[string]int{}
	for _, m := range mp.Messages(t) {
		for _, to := range m.To {
			perAddress[to]++
		}
	}
	for to, want := range map[string]int{"ok1@example.org": 1, "ok2@example.org": 1, "refused@example.org": 0, "later@example.org": 0} {
		if perAddress[to] != want {
			t.Errorf("%s got %d emails, want %d", to, perAddress[to], want)
		}
	}
}
