// Package messages is the registry of Consulta's emails. Each kind is one
// type here that says, once, everything about it: River's job kind, how
// often it may be enqueued, its idempotency key and how it is written from
// catalog texts. internal/jobs delivers any kind listed in Workers without
// knowing it: adding an email is a new type in this package, its line in
// Workers and its texts in the catalogs.
package messages

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/links"
)

// Message is one kind of email, as enqueued: its value names whom the
// email is about, and River stores it as the job's arguments. River reads
// InsertOpts for the kind's uniqueness.
type Message interface {
	river.JobArgs
	river.JobArgsWithInsertOpts
	// Key is the idempotency key of the email a job enqueued at enqueued
	// sends: a retried job finds its key recorded and does not send again.
	Key(enqueued time.Time) string
	// Compose writes the email from what env loads; nil means there is
	// nothing to send any more (e.g. confirmed or cancelled meanwhile).
	Compose(ctx context.Context, env Env) (*Draft, error)
}

// Workers lists every kind of email, each delivered by s. internal/jobs
// runs them.
func Workers(s Sender) *river.Workers {
	w := river.NewWorkers()
	add[Confirmation](w, s)
	add[AlreadyRegistered](w, s)
	add[Approved](w, s)
	add[OpinionSignIn](w, s)
	add[Waitlisted](w, s)
	add[Promoted](w, s)
	add[Rejected](w, s)
	add[JoinLink](w, s)
	add[InviteCancelled](w, s)
	add[Reminder](w, s)
	add[AnnouncementEmail](w, s)
	add[AnnouncementTest](w, s)
	add[PasswordReset](w, s)
	return w
}

// Sender delivers a composed message once per key (internal/jobs.Mailer).
type Sender interface {
	Send(ctx context.Context, m Message, enqueued time.Time) error
}

type worker[T Message] struct {
	river.WorkerDefaults[T]
	s Sender
}

func (w *worker[T]) Work(ctx context.Context, job *river.Job[T]) error {
	return w.s.Send(ctx, job.Args, job.CreatedAt)
}

func add[T Message](w *river.Workers, s Sender) { river.AddWorker(w, &worker[T]{s: s}) }

// Env is what composing an email may read: the data it is about, the
// catalogs and the URL builder.
type Env interface {
	Registrant(ctx context.Context, id string) (*Registrant, error)
	Consultation(ctx context.Context, id int64) (*consultation.Consultation, error)
	// OpinionJoinPath is registrant r's link to c's opinion map, "" when
	// they may not take part (the one rule: opinion.Service).
	OpinionJoinPath(ctx context.Context, c *consultation.Consultation, registrationID string) (string, error)
	Printer(lang string) *i18n.Printer
	URLs() links.URLs
	// From is the address emails come from: the calendar invitations'
	// organiser when the consultation has no contact address.
	From() string
	// Announcement loads a message the secretariat wrote to registrants.
	Announcement(ctx context.Context, id int64) (*Announcement, error)
}

// Registrant is what an email needs of a registration.
type Registrant struct {
	ID, Name, Email, Language string
	ConsultationID            int64
	Pending, Cancelled        bool   // still to confirm; cancelled
	Status                    string // a registration.Status
	RejectReason              string
	// LinkVersion is the version of the join link last sent (0: none).
	LinkVersion int
	// Registered is when they registered: the confirm link's life starts
	// then, so a retried email carries the same link.
	Registered time.Time
}

// Draft is the content of one email before rendering.
type Draft struct {
	To                                   string
	Lang, Dir, Subject, Greeting, Footer string
	Paragraphs                           []string
	Actions                              []Action
	Attachments                          []Attachment
}

// Action is a button in the HTML part and a labelled URL in the text part.
type Action struct{ Label, URL string }

// Attachment is a file sent with an email, e.g. a calendar invitation.
type Attachment struct {
	Name, ContentType string
	Data              []byte
}

// draft starts an email to to in p's language, signed off with c's contact.
func draft(p *i18n.Printer, to, greeting string, footerID string, c *consultation.Consultation) *Draft {
	return &Draft{To: to, Lang: p.Lang(), Dir: i18n.Dir(p.Lang()), Greeting: greeting,
		Footer: p.T(footerID, "Contact", c.ContactEmail)}
}

// byArgs makes a kind unique per arguments: once ever, or once per period.
func byArgs(period time.Duration) river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: period}}
}

// hour is the clock hour a job was enqueued in, for the keys of kinds
// that may be sent again an hour later.
func hour(t time.Time) string { return t.UTC().Format("2006010215") }
