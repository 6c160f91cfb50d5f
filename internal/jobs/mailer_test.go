package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
	"github.com/consulta/consulta/internal/testutil/mailpit"
)

const invite = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"

// withInvite is a message kind for the test: a fixed draft with a
// calendar attachment, as the join email carries.
type withInvite struct{ To string }

func (withInvite) Kind() string                 { return "test_with_invite" }
func (withInvite) InsertOpts() river.InsertOpts { return river.InsertOpts{} }
func (m withInvite) Key(time.Time) string       { return "invite:" + m.To }
func (m withInvite) Compose(context.Context, messages.Env) (*messages.Draft, error) {
	return &messages.Draft{To: m.To, Lang: "fr", Dir: "ltr", Subject: "Invitation", Greeting: "Bonjour",
		Paragraphs: []string{"La réunion."}, Footer: "Consulta",
		Attachments: []messages.Attachment{{Name: "invite.ics", ContentType: "text/calendar; method=REQUEST", Data: []byte(invite)}}}, nil
}

func newMailer(t *testing.T, db *store.DB, smtp mail.Sender) *jobs.Mailer {
	t.Helper()
	catalog, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	m := jobs.NewMailer(jobs.Mailer{Store: db, Catalog: catalog, From: "consulta@example.org", SMTP: smtp,
		Links: links.NewURLs("http://consulta.test", links.NewSigner(make([]byte, 32)))})
	t.Cleanup(m.Close)
	return m
}

// A draft's attachment arrives over real SMTP with its name, type (method
// parameter included) and bytes, is recorded for the outbox, and sending
// the same key again sends nothing.
func TestMailerSendsAttachmentsOnce(t *testing.T) {
	mp := mailpit.Start(t)
	smtp, err := mail.NewSMTP(mp.SMTPURL, "consulta@example.org")
	if err != nil {
		t.Fatal(err)
	}
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.Open(t, engine)
			m := newMailer(t, db, smtp)
			msg := withInvite{To: engine + "@example.org"}
			for range 2 {
				if err := m.Send(ctx, msg, time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			got := mp.WaitFor(t, msg.To, 1, 10*time.Second)
			if len(got) != 1 || len(got[0].Attachments) != 1 {
				t.Fatalf("%d messages, want 1 with one attachment: %+v", len(got), got)
			}
			a := got[0].Attachments[0]
			if a.FileName != "invite.ics" || a.ContentType != "text/calendar" ||
				string(mp.AttachmentData(t, got[0].ID, a.PartID)) != invite {
				t.Errorf("attachment arrived as %+v", a)
			}
			if raw := string(mp.Raw(t, got[0].ID)); !strings.Contains(raw, "text/calendar; method=REQUEST") {
				t.Error("the method parameter did not survive")
			}
			list, err := db.Emails(ctx, msg.To, 10)
			if err != nil || len(list) != 1 {
				t.Fatalf("recorded %d emails (%v), want 1", len(list), err)
			}
			if at := list[0].Message.Attachments; len(at) != 1 || at[0].Filename != "invite.ics" ||
				at[0].ContentType != "text/calendar; method=REQUEST" || len(at[0].Data) != len(invite) {
				t.Errorf("the outbox has %+v", at)
			}
		})
	}
}

// Over the secretariat's send rate, a message waits for its turn; when its
// turn is too far away its job is snoozed until then instead, and nothing
// is sent meanwhile.
func TestMailerSnoozesOverTheSendRate(t *testing.T) {
	mp := mailpit.Start(t)
	smtp, err := mail.NewSMTP(mp.SMTPURL, "consulta@example.org")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db := dbtest.Open(t, "sqlite")
	if err := db.SetMailRate(ctx, 1); err != nil { // one a minute
		t.Fatal(err)
	}
	m := newMailer(t, db, smtp)
	if err := m.Send(ctx, withInvite{To: "first@example.org"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	err = m.Send(ctx, withInvite{To: "second@example.org"}, time.Now())
	if !errors.Is(err, river.JobSnooze(0)) { // River's snooze errors are alike to errors.Is
		t.Fatalf("the second message within a minute: %v, want its job snoozed", err)
	}
	mp.WaitFor(t, "first@example.org", 1, 10*time.Second)
	for _, s := range mp.Messages(t) {
		if s.To[0] == "second@example.org" {
			t.Error("the snoozed message was sent")
		}
	}
	if sent, _ := db.EmailSent(ctx, withInvite{To: "second@example.org"}.Key(time.Now())); sent {
		t.Error("the snoozed message was recorded as sent")
	}
}

// Concurrent senders share commits, and each returns only once its own
// record is committed: a retry right after would find it.
func TestMailerRecordsBeforeReturning(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.Open(t, engine)
			m := newMailer(t, db, nil) // the built-in outbox: recording is the delivery
			var wg sync.WaitGroup
			for i := range 64 {
				wg.Go(func() {
					msg := withInvite{To: fmt.Sprintf("r%d@example.org", i)}
					if err := m.Send(ctx, msg, time.Now()); err != nil {
						t.Error(err)
						return
					}
					if sent, err := db.EmailSent(ctx, msg.Key(time.Now())); err != nil || !sent {
						t.Errorf("%s: Send returned before its record committed (%v)", msg.To, err)
					}
				})
			}
			wg.Wait()
			if list, err := db.Emails(ctx, "", 100); err != nil || len(list) != 64 {
				t.Errorf("%d emails recorded (%v), want 64", len(list), err)
			}
		})
	}
}
