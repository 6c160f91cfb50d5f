package messages

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/calendar"
)

// The emails of a registrant's place and of the meeting link "in due
// course". Each is unique per its arguments, which name the event that
// caused it (a time, a version), so a double click or a second instance
// enqueues nothing twice, and the same event never mails twice.

// The statuses Compose reads (registration.Status values; the registry
// does not import the registration package, which imports it).
const (
	statusApproved   = "approved"
	statusWaitlisted = "waitlisted"
	statusRejected   = "rejected"
)

// Waitlisted tells a registrant every place is held and they wait, in
// order, for one to free.
type Waitlisted struct {
	RegistrationID string `json:"registration_id"`
	At             int64  `json:"at"` // when they were waitlisted (Unix seconds)
}

func (Waitlisted) Kind() string                 { return "registration_waitlisted" }
func (Waitlisted) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m Waitlisted) Key(time.Time) string {
	return "waitlisted:" + m.RegistrationID + ":" + strconv.FormatInt(m.At, 10)
}
func (m Waitlisted) Compose(ctx context.Context, env Env) (*Draft, error) {
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if w.r.Status != statusWaitlisted {
			return nil // promoted, rejected or cancelled meanwhile
		}
		d := w.start("email.waitlisted.subject")
		d.Paragraphs = []string{w.p.T("email.waitlisted.intro", "Title", w.title), w.when(), w.p.T("email.waitlisted.next")}
		d.Actions = []Action{w.page(), w.cancel()}
		return d
	})
}

// Promoted tells a waitlisted registrant a place freed and is theirs.
type Promoted struct {
	RegistrationID string `json:"registration_id"`
	At             int64  `json:"at"` // when they were approved (Unix seconds)
}

func (Promoted) Kind() string                 { return "registration_promoted" }
func (Promoted) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m Promoted) Key(time.Time) string {
	return "promoted:" + m.RegistrationID + ":" + strconv.FormatInt(m.At, 10)
}
func (m Promoted) Compose(ctx context.Context, env Env) (*Draft, error) {
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if w.r.Status != statusApproved {
			return nil
		}
		d := w.start("email.promoted.subject")
		d.Paragraphs = []string{w.p.T("email.promoted.intro", "Title", w.title), w.when(), w.linkNote()}
		d.Actions = []Action{w.page(), w.cancel()}
		return d
	})
}

// Rejected tells a registrant the secretariat could not accept them, with
// the reason it gave; it withdraws the calendar invitation if one went out.
type Rejected struct {
	RegistrationID string `json:"registration_id"`
	At             int64  `json:"at"`
}

func (Rejected) Kind() string                 { return "registration_rejected" }
func (Rejected) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m Rejected) Key(time.Time) string {
	return "rejected:" + m.RegistrationID + ":" + strconv.FormatInt(m.At, 10)
}
func (m Rejected) Compose(ctx context.Context, env Env) (*Draft, error) {
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if w.r.Status != statusRejected {
			return nil // approved again meanwhile
		}
		d := w.start("email.rejected.subject")
		d.Paragraphs = []string{w.p.T("email.rejected.intro", "Title", w.title)}
		if w.r.RejectReason != "" {
			d.Paragraphs = append(d.Paragraphs, w.p.T("email.rejected.reason"), w.r.RejectReason)
		}
		d.Paragraphs = append(d.Paragraphs, w.p.T("email.rejected.contact", "Contact", w.c.ContactEmail))
		if w.r.LinkVersion > 0 {
			w.attachInvite(d, calendar.MethodCancel, w.r.LinkVersion)
		}
		return d
	})
}

// JoinLink carries a registrant's personal join link and calendar
// invitation: version 1 at the release, each later version after a change
// of the meeting URL or time.
type JoinLink struct {
	RegistrationID string `json:"registration_id"`
	Version        int    `json:"version"`
	// Update: the registrant had an earlier version, so this one says
	// what changed.
	Update bool `json:"update,omitempty"`
}

func (JoinLink) Kind() string                 { return "meeting_join_link" }
func (JoinLink) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m JoinLink) Key(time.Time) string {
	return "join:" + m.RegistrationID + ":" + strconv.Itoa(m.Version)
}
func (m JoinLink) Compose(ctx context.Context, env Env) (*Draft, error) {
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if w.r.Status != statusApproved || w.r.LinkVersion > m.Version {
			return nil // no longer a participant, or a newer link is on its way
		}
		subject, intro := "email.join.subject", "email.join.intro"
		if m.Update {
			subject, intro = "email.join.update_subject", "email.join.update_intro"
		}
		d := w.start(subject)
		d.Paragraphs = []string{w.p.T(intro, "Title", w.title), w.when(),
			w.p.T("email.join.opens", "Minutes", int(w.c.JoinOpensBefore/time.Minute)), w.p.T("email.join.personal")}
		d.Actions = []Action{w.join(), w.page()}
		w.attachInvite(d, calendar.MethodRequest, m.Version)
		return d
	})
}

// InviteCancelled withdraws the calendar invitation of a registrant who
// cancelled or was moved back after their join link went out.
type InviteCancelled struct {
	RegistrationID string `json:"registration_id"`
	Version        int    `json:"version"` // the join link version withdrawn
}

func (InviteCancelled) Kind() string                 { return "meeting_invite_cancelled" }
func (InviteCancelled) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m InviteCancelled) Key(time.Time) string {
	return "uninvite:" + m.RegistrationID + ":" + strconv.Itoa(m.Version)
}
func (m InviteCancelled) Compose(ctx context.Context, env Env) (*Draft, error) {
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if w.r.Status == statusApproved {
			return nil // approved again meanwhile: their invitation stands
		}
		d := w.start("email.uninvite.subject")
		d.Paragraphs = []string{w.p.T("email.uninvite.intro", "Title", w.title)}
		w.attachInvite(d, calendar.MethodCancel, m.Version)
		return d
	})
}

// Reminder is sent Before seconds ahead of a consultation starting at
// StartsAt, to each approved registrant; a changed start time schedules
// new ones and makes these obsolete.
type Reminder struct {
	RegistrationID string `json:"registration_id"`
	Before         int64  `json:"before"`    // seconds before the start
	StartsAt       int64  `json:"starts_at"` // Unix seconds
}

func (Reminder) Kind() string                 { return "meeting_reminder" }
func (Reminder) InsertOpts() river.InsertOpts { return byArgs(0) }
func (m Reminder) Key(time.Time) string {
	return "remind:" + m.RegistrationID + ":" + strconv.FormatInt(m.Before, 10) + ":" + strconv.FormatInt(m.StartsAt, 10)
}
func (m Reminder) Compose(ctx context.Context, env Env) (*Draft, error) {
	return registrantEmail(ctx, env, m.RegistrationID, func(w *registrantWriter) *Draft {
		if w.r.Status != statusApproved || w.c.StartsAt.Unix() != m.StartsAt {
			return nil
		}
		d := w.start("email.reminder.subject")
		d.Paragraphs = []string{w.p.T("email.reminder.intro", "Title", w.title), w.when()}
		if w.c.Released() {
			d.Actions = append(d.Actions, w.join())
		} else {
			d.Paragraphs = append(d.Paragraphs, w.p.T("email.link_in_due_course"))
		}
		d.Actions = append(d.Actions, w.page())
		return d
	})
}

// page is the registrant's own page.
func (w *registrantWriter) page() Action {
	u := w.env.URLs()
	return Action{w.p.T("email.page_action"), u.Absolute(u.ParticipantPath(w.r.ID, w.c.EndsAt), w.p.Lang())}
}

// join is the personal join link.
func (w *registrantWriter) join() Action {
	u := w.env.URLs()
	return Action{w.p.T("email.join_action"), u.Absolute(u.JoinPath(w.r.ID, w.c.EndsAt), "")}
}

// linkNote says when the link comes, or that it came.
func (w *registrantWriter) linkNote() string {
	if w.c.Released() {
		return w.p.T("email.link_follows")
	}
	return w.p.T("email.link_in_due_course")
}

// attachInvite adds the calendar invitation (REQUEST) or its withdrawal
// (CANCEL) for this registrant: one UID per registrant and consultation,
// SEQUENCE raised with each version, the personal join link as URL and
// location, times in the consultation's zone.
func (w *registrantWriter) attachInvite(d *Draft, method calendar.Method, version int) {
	u := w.env.URLs()
	join := u.Absolute(u.JoinPath(w.r.ID, w.c.EndsAt), "")
	organizer := w.c.ContactEmail
	if organizer == "" {
		organizer = w.env.From()
	}
	seq := version - 1
	if method == calendar.MethodCancel {
		seq = version
	}
	ev := calendar.Event{UID: "registration-" + w.r.ID + "@" + u.Host(), Sequence: seq, Title: w.title,
		Description: w.p.T("ics.join_description", "URL", join), Location: join, URL: join,
		Start: w.c.StartsAt, End: w.c.EndsAt, TimeZone: w.c.TimeZone, Organizer: organizer,
		Updated: w.c.UpdatedAt, Cancelled: method == calendar.MethodCancel}
	data, err := calendar.Bytes(method, "", ev)
	if err != nil {
		w.err = err
		return
	}
	d.Attachments = append(d.Attachments, Attachment{Name: "invite.ics",
		ContentType: "text/calendar; charset=utf-8; method=" + strings.ToUpper(string(method)), Data: data})
}
