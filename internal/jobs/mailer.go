package jobs

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/mail"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// MailStore is what the mailer reads and records.
type MailStore interface {
	RegistrationsByIDs(ctx context.Context, ids []string) (map[string]*registration.Registration, error)
	ConsultationByID(ctx context.Context, id int64) (*consultation.Consultation, error)
	Announcement(ctx context.Context, id int64) (*messages.Announcement, error)
	EmailsSent(ctx context.Context, keys []string) (map[string]bool, error)
	RecordEmails(ctx context.Context, list []store.EmailRecord) error
	MailRate(ctx context.Context) (perMinute int, err error)
}

// JoinPaths gives a registrant's link to an opinion map (opinion.Service).
type JoinPaths interface {
	JoinPath(ctx context.Context, c *consultation.Consultation, reg *registration.Registration) (string, error)
}

// Mailer composes each kind of email of internal/messages in the
// recipient's language and delivers it exactly once per idempotency key,
// through SMTP or the built-in outbox.
type Mailer struct {
	Store    MailStore
	Opinions JoinPaths
	Catalog  *i18n.Catalog
	Links    links.URLs
	From     string
	SMTP     mail.Sender // nil: keep mail in the built-in outbox
	// consultations are read once a second at most, not once an email.
	consultations *consultationCache
	// registrations and sent read the registrants and the sent-checks of
	// concurrent emails together.
	registrations *coalescer[string, *registration.Registration]
	sent          *coalescer[string, bool]
	// records commits the sent messages of concurrent senders together.
	records *groupRecorder
	// rate is the secretariat's send rate, applied to SMTP.
	rate *sendRate
}

// NewMailer sets up the mailer's caches, coalesced reads and group
// commits.
func NewMailer(m Mailer) *Mailer {
	m.consultations = newConsultationCache(m.Store)
	m.registrations = newCoalescer(lookupLoaders, m.Store.RegistrationsByIDs)
	m.sent = newCoalescer(lookupLoaders, m.Store.EmailsSent)
	m.records = &groupRecorder{store: m.Store, committers: recordCommitters(m.Store)}
	m.rate = &sendRate{store: m.Store}
	return &m
}

// recordCommitters is how many group commits run at once: SQLite has one
// writer, so one; PostgreSQL overlaps several (each waits mostly for its
// round trips and its flush to disk).
func recordCommitters(s MailStore) int {
	if db, ok := s.(interface{ SingleProcess() bool }); ok && !db.SingleProcess() {
		return 4
	}
	return 1
}

// Close ends the SMTP sessions kept open between messages.
func (m *Mailer) Close() {
	if c, ok := m.SMTP.(interface{ Close() }); ok {
		c.Close()
	}
}

// Send composes msg, enqueued at enqueued, and delivers it unless there is
// nothing to send any more. It implements messages.Sender.
func (m *Mailer) Send(ctx context.Context, msg messages.Message, enqueued time.Time) error {
	if c, ok := msg.(messages.Confirmation); ok && c.Refused != "" {
		return river.JobCancel(errors.New(c.Refused)) // refused for good in its batch: failed, not sent again
	}
	return m.send(ctx, msg, enqueued, &registrationMemo{})
}

// send is Send with the registrations already read for msg in regs.
func (m *Mailer) send(ctx context.Context, msg messages.Message, enqueued time.Time, regs *registrationMemo) error {
	d, err := msg.Compose(ctx, mailerEnv{m: m, regs: regs})
	if err != nil || d == nil {
		return err
	}
	return m.deliver(ctx, msg.Key(enqueued), m.render(d))
}

// sendConfirmations sends the confirmation emails of ids, enqueued at
// enqueued, one after the other, with their registrations read together
// first (one query for the batch instead of one an email), and returns the
// emails that failed, as the jobs of their own to hand them to (one
// refused for good carries the server's reply, so it is not sent again).
// A registration the read did not find is read again alone by its email,
// which fails as Send would. Kept in the
// built-in outbox, the batch's emails are recorded in one commit: storing
// them is all their delivery is, so there is nothing to send between them.
func (m *Mailer) sendConfirmations(ctx context.Context, ids []string, enqueued time.Time) (failed []messages.Confirmation) {
	regs, err := m.Store.RegistrationsByIDs(ctx, ids)
	if err != nil {
		regs = nil // each email reads its own, as alone
	}
	var outbox []store.EmailRecord
	var recorded []string
	for _, id := range ids {
		if ctx.Err() != nil {
			return failed // stopping: the caller sees ctx's error and the batch runs again
		}
		memo := &registrationMemo{}
		if r, ok := regs[id]; ok {
			memo.byID = map[string]*registration.Registration{id: r}
		}
		msg := messages.Confirmation{RegistrationID: id}
		if m.SMTP == nil {
			d, err := msg.Compose(ctx, mailerEnv{m: m, regs: memo})
			switch {
			case err != nil:
				failed = append(failed, msg)
			case d != nil:
				outbox = append(outbox, outboxRecord(msg.Key(enqueued), m.render(d)))
				recorded = append(recorded, id)
			}
			continue
		}
		if err := m.send(ctx, msg, enqueued, memo); err != nil {
			var refused *river.JobCancelError
			if errors.As(err, &refused) {
				msg.Refused = refused.Unwrap().Error()
			}
			failed = append(failed, msg)
		}
	}
	if len(outbox) > 0 && m.records.record(ctx, outbox...) != nil {
		for _, id := range recorded {
			failed = append(failed, messages.Confirmation{RegistrationID: id})
		}
	}
	return failed
}

// render turns a draft into a message with a text and an HTML part.
func (m *Mailer) render(d *messages.Draft) mail.Message {
	var html strings.Builder
	writeHTML(&html, d)
	var text strings.Builder
	text.WriteString(d.Greeting + "\n\n")
	for _, p := range d.Paragraphs {
		text.WriteString(p + "\n\n")
	}
	for _, a := range d.Actions {
		text.WriteString(a.Label + ":\n" + a.URL + "\n\n")
	}
	text.WriteString("-- \n" + d.Footer + "\n")
	out := mail.Message{To: d.To, From: m.From, Subject: d.Subject, Text: text.String(), HTML: html.String(), Lang: d.Lang,
		Headers: map[string]string{"Auto-Submitted": "auto-generated"}}
	for _, a := range d.Attachments {
		out.Attachments = append(out.Attachments, mail.Attachment{Filename: a.Name, ContentType: a.ContentType, Data: a.Data})
	}
	return out
}

// deliver sends msg unless a message with key already went out, at the
// secretariat's rate, and returns once it is recorded under key: a job
// completes only after its record commits, so a retry never resends it,
// and a crash can duplicate only the messages being sent or recorded at
// that moment (at most one per worker).
func (m *Mailer) deliver(ctx context.Context, key string, msg mail.Message) error {
	if m.SMTP == nil {
		return m.records.record(ctx, outboxRecord(key, msg))
	}
	_, sent, err := m.sent.get(ctx, key)
	if err != nil || sent {
		return err
	}
	if err := m.rate.wait(ctx); err != nil {
		return err
	}
	if err := m.SMTP.Send(ctx, msg); err != nil {
		if mail.Permanent(err) {
			return river.JobCancel(err) // refused for good: failed, with the reason, not retried
		}
		return err
	}
	return m.records.record(ctx, store.EmailRecord{Key: key, Transport: "smtp", Message: msg})
}

// outboxRecord is msg kept in the built-in outbox under key.
func outboxRecord(key string, msg mail.Message) store.EmailRecord {
	return store.EmailRecord{Key: key, Transport: "outbox", Message: msg}
}

// mailerEnv is what a message reads while it is composed. regs keeps the
// registrations read for this one email, which a kind may ask for twice.
type mailerEnv struct {
	m    *Mailer
	regs *registrationMemo
}

func (e mailerEnv) Registrant(ctx context.Context, id string) (*messages.Registrant, error) {
	r, err := e.regs.get(ctx, e.m.registrations, id)
	if err != nil {
		return nil, err
	}
	return &messages.Registrant{ID: r.ID, Name: r.FullName(), Email: r.Email, Language: r.Language,
		ConsultationID: r.ConsultationID, Pending: r.Status == registration.PendingConfirmation,
		Cancelled: r.Status == registration.Cancelled, Registered: r.CreatedAt, Status: string(r.Status),
		RejectReason: r.RejectReason, LinkVersion: r.LinkVersion}, nil
}

func (e mailerEnv) Consultation(ctx context.Context, id int64) (*consultation.Consultation, error) {
	return e.m.consultations.get(ctx, id)
}

func (e mailerEnv) OpinionJoinPath(ctx context.Context, c *consultation.Consultation, registrationID string) (string, error) {
	r, err := e.regs.get(ctx, e.m.registrations, registrationID)
	if err != nil {
		return "", err
	}
	return e.m.Opinions.JoinPath(ctx, c, r)
}

func (e mailerEnv) Announcement(ctx context.Context, id int64) (*messages.Announcement, error) {
	return e.m.Store.Announcement(ctx, id)
}

func (e mailerEnv) From() string                      { return e.m.From }
func (e mailerEnv) Printer(lang string) *i18n.Printer { return e.m.Catalog.Printer(lang) }
func (e mailerEnv) URLs() links.URLs                  { return e.m.Links }
