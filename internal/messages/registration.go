package messages

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/i18n"
)

// Confirmation is the double opt-in email of a new registration.
type Confirmation struct {
	RegistrationID string `json:"registration_id"`
	// Refused, when set, is why this email failed for good while it was
	// sent in a batch (Confirmations) — the recipient's server refused it,
	// with this reply: the job records the failure with it and sends
	// nothing again.
	Refused string `json:"refused,omitempty"`
}

func (Confirmation) Kind() string                 { return "registration_confirmation" }
func (Confirmation) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m Confirmation) Key(time.Time) string       { return "confirm:" + m.RegistrationID }
func (m Confirmation) Compose(ctx context.Context, env Env) (*Draft, error) {
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if !w.r.Pending {
			return nil // confirmed or cancelled meanwhile: nothing to ask
		}
		return w.askToConfirm()
	})
}

// Confirmations are the confirmation emails of registrations written in
// one transaction, enqueued as one job (internal/jobs: EnqueueMany): on
// SQLite's one writer a job's own writes — its insert, River's fetch, its
// completion — cost more than the email, so a group of registrations pays
// them once. Each email keeps its own key, so one sent before a retry is
// not sent again. No uniqueness of its own: a Confirmation is enqueued only
// with the registration it confirms, which the registration row makes once.
type Confirmations struct {
	RegistrationIDs []string `json:"registration_ids"`
}

func (Confirmations) Kind() string { return "registration_confirmations" }

// AlreadyRegistered is the notice to an address registered again: at most
// one per registration per hour, so the form cannot flood an inbox.
type AlreadyRegistered struct {
	RegistrationID string `json:"registration_id"`
}

func (AlreadyRegistered) Kind() string                 { return "registration_already_registered" }
func (AlreadyRegistered) InsertOpts() river.InsertOpts { return byArgs(time.Hour) }
func (m AlreadyRegistered) Key(enqueued time.Time) string {
	return "again:" + m.RegistrationID + ":" + hour(enqueued)
}
func (m AlreadyRegistered) Compose(ctx context.Context, env Env) (*Draft, error) {
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		switch {
		case w.r.Cancelled:
			return nil
		case w.r.Pending: // not confirmed yet: ask again, saying why
			d := w.askToConfirm()
			d.Paragraphs = append([]string{w.p.T("email.again.note")}, d.Paragraphs...)
			return d
		}
		d := w.start("email.again.subject")
		d.Paragraphs = []string{w.p.T("email.again.confirmed", "Title", w.title), w.when(), w.p.T("email.link_in_due_course")}
		d.Actions = []Action{w.page(), w.cancel()}
		return d
	})
}

// Approved tells a registrant the secretariat approved their registration,
// with their link to the opinion map when they may take part in one.
type Approved struct {
	RegistrationID string `json:"registration_id"`
}

func (Approved) Kind() string                 { return "registration_approved" }
func (Approved) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m Approved) Key(time.Time) string       { return "approved:" + m.RegistrationID }
func (m Approved) Compose(ctx context.Context, env Env) (*Draft, error) {
	var join string
	d, err := registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if w.r.Cancelled {
			return nil
		}
		var err error
		if join, err = env.OpinionJoinPath(ctx, w.c, w.r.ID); err != nil {
			w.err = err
			return nil
		}
		d := w.start("email.approved.subject")
		d.Paragraphs = []string{w.p.T("email.approved.intro", "Title", w.title), w.when(), w.linkNote()}
		if join != "" {
			d.Paragraphs = append(d.Paragraphs, w.p.T("email.approved.opinions"))
			d.Actions = append(d.Actions, Action{w.p.T("email.approved.opinions_action"), env.URLs().Absolute(join, w.p.Lang())})
		}
		d.Actions = append(d.Actions, w.page(), w.cancel())
		return d
	})
	return d, err
}

// registrantWriter holds what the emails to one registrant share.
type registrantWriter struct {
	env   Env
	r     *Registrant
	c     *consultation.Consultation
	p     *i18n.Printer
	title string
	err   error
}

// registrantEmail loads registration id and its consultation and lets
// write compose the email (nil: none to send).
func registrantEmail(ctx context.Context, env Env, id string, write func(w *registrantWriter) *Draft) (*Draft, error) {
	r, err := env.Registrant(ctx, id)
	if err != nil {
		return nil, err
	}
	c, err := env.Consultation(ctx, r.ConsultationID)
	if err != nil {
		return nil, err
	}
	p := env.Printer(r.Language)
	text, _ := c.Text(p.Lang())
	w := &registrantWriter{env: env, r: r, c: c, p: p, title: text.Title}
	d := write(w)
	return d, w.err
}

func (w *registrantWriter) start(subjectID string) *Draft {
	d := draft(w.p, w.r.Email, w.p.T("email.greeting", "Name", w.r.Name), "email.footer", w.c)
	d.Subject = w.p.T(subjectID, "Title", w.title)
	return d
}

func (w *registrantWriter) askToConfirm() *Draft {
	d := w.start("email.confirm.subject")
	d.Paragraphs = []string{w.p.T("email.confirm.intro", "Title", w.title), w.when(), w.p.T("email.confirm.ask")}
	u := w.env.URLs()
	d.Actions = []Action{{w.p.T("email.confirm_action"), u.Absolute(u.ConfirmPath(w.r.ID, w.r.Registered), w.p.Lang())},
		w.page(), w.cancel()}
	return d
}

func (w *registrantWriter) cancel() Action {
	u := w.env.URLs()
	return Action{w.p.T("email.cancel_action"), u.Absolute(u.CancelPath(w.r.ID, w.c.EndsAt), w.p.Lang())}
}

// when is the consultation's date and time in its own zone.
func (w *registrantWriter) when() string {
	loc := w.c.Location()
	start := w.c.StartsAt.In(loc)
	return w.p.T("email.when", "Date", w.p.Date(start), "Start", w.p.Clock(start),
		"End", w.p.Clock(w.c.EndsAt.In(loc)), "Zone", w.c.TimeZone)
}
