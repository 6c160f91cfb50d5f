// Package meeting keeps the concept note's promise, "a meeting link will be
// shared with all registered participants in due course": it schedules and
// runs the release of personal join links, sends one update per change of
// the meeting URL or time, schedules reminders, sends the secretariat's
// messages to registrants, and decides what a personal join link does.
// Every email it causes is enqueued in the transaction of its cause; the
// long fan-outs run as durable jobs (internal/jobs) in batches, each batch
// one transaction that records what it enqueued, so a crash resumes where
// it stopped and nobody is mailed twice.
package meeting

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
)

// batch is how many registrants one fan-out transaction covers: large
// enough that 100,000 take 200 transactions, small enough that SQLite's one
// writer is never held for long.
const batch = 500

// Store is the storage the service needs; writes join the transaction of
// ctx (WithTx).
type Store interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	ConsultationByID(ctx context.Context, id int64) (*consultation.Consultation, error)
	// UpcomingConsultations are the published consultations not ended at now.
	UpcomingConsultations(ctx context.Context, now time.Time) ([]*consultation.Consultation, error)
	SaveConsultation(ctx context.Context, c *consultation.Consultation) error
	RegistrationByID(ctx context.Context, id string) (*registration.Registration, error)
	// ReleaseLink sets the consultation's link version to 1 unless it is
	// released already, and returns the version.
	ReleaseLink(ctx context.Context, consultationID int64, now time.Time) (int, error)
	// BumpLinkVersion adds one to a released consultation's link version.
	BumpLinkVersion(ctx context.Context, consultationID int64) (int, error)
	// LinkRecipients are up to limit approved registrants whose last link
	// is older than version.
	LinkRecipients(ctx context.Context, consultationID int64, version, limit int) ([]*registration.Registration, error)
	// ApprovedAfter are up to limit approved registrants' ids after afterID, in id order.
	ApprovedAfter(ctx context.Context, consultationID int64, afterID string, limit int) ([]string, error)
	RecordJoin(ctx context.Context, registrationID string, now time.Time) error
	SaveAnnouncement(ctx context.Context, a *messages.Announcement) error
	Announcement(ctx context.Context, id int64) (*messages.Announcement, error)
	// StartAnnouncement marks an announcement sent and reports whether this call did.
	StartAnnouncement(ctx context.Context, id int64, now time.Time) (bool, error)
	AnnouncementRecipients(ctx context.Context, a *messages.Announcement, countries []string, afterID string, limit int) ([]string, error)
	// AddAnnouncementRecipients records a batch: n more recipients, the
	// last one's id the cursor a rerun resumes after.
	AddAnnouncementRecipients(ctx context.Context, id int64, n int, lastID string) error
}

// Scheduler inserts the fan-out jobs in the transaction of ctx
// (internal/jobs.Queue).
type Scheduler interface {
	ScheduleRelease(ctx context.Context, consultationID int64, at time.Time) error
	ScheduleFanOut(ctx context.Context, consultationID int64, version int) error
	ScheduleReminder(ctx context.Context, consultationID int64, before time.Duration, startsAt time.Time) error
	ScheduleAnnouncement(ctx context.Context, announcementID int64) error
}

// Service is the meeting link's use cases.
type Service struct {
	Store         Store
	Jobs          Scheduler
	Mail          registration.Mail
	Registrations *registration.Service
	URLs          links.URLs
	Now           func() time.Time
	// CountriesIn lists the countries of an M49 region (for message filters).
	CountriesIn func(m49 string) []string
}

// Save stores consultation c (new or edited) and, in the same
// transaction, what the edit calls for: the release and reminders on the
// schedule; one update to everyone who got the link when the meeting URL
// or time changed after the release; the waitlisted promoted into a raised
// capacity.
func (s *Service) Save(ctx context.Context, c *consultation.Consultation) error {
	c.Reminders = consultation.NormalizeReminders(c.Reminders)
	var old *consultation.Consultation
	if c.ID != 0 {
		var err error
		if old, err = s.Store.ConsultationByID(ctx, c.ID); err != nil {
			return err
		}
	}
	return s.Store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SaveConsultation(ctx, c); err != nil {
			return err
		}
		version := 0
		if old != nil {
			version = old.Version
			if version > 0 && c.MeetingChanged(old) {
				var err error
				if version, err = s.Store.BumpLinkVersion(ctx, c.ID); err != nil {
					return err
				}
				if err := s.Jobs.ScheduleFanOut(ctx, c.ID, version); err != nil {
					return err
				}
			}
		}
		if err := s.schedule(ctx, c, version); err != nil {
			return err
		}
		if old != nil && old.Capacity != 0 && (c.Capacity == 0 || c.Capacity > old.Capacity) {
			return s.Registrations.Promote(ctx, c, version)
		}
		return nil
	})
}

// schedule inserts the release (when not out yet) and the reminders still
// ahead. The jobs are unique per consultation and time, and check when they
// run that the schedule still says so.
func (s *Service) schedule(ctx context.Context, c *consultation.Consultation, version int) error {
	now := s.Now()
	if at := c.ReleaseTime(); version == 0 && at != nil && c.MeetingURL != "" {
		if err := s.Jobs.ScheduleRelease(ctx, c.ID, *at); err != nil {
			return err
		}
	}
	for _, d := range c.Reminders {
		if c.StartsAt.Add(-d).After(now) {
			if err := s.Jobs.ScheduleReminder(ctx, c.ID, d, c.StartsAt); err != nil {
				return err
			}
		}
	}
	return nil
}

// Sweep schedules the release and reminders of every upcoming
// consultation (the jobs are unique, so those already there stay as they
// are): a consultation saved by other means than Save still keeps its
// schedule.
func (s *Service) Sweep(ctx context.Context) error {
	list, err := s.Store.UpcomingConsultations(ctx, s.Now())
	if err != nil {
		return err
	}
	for _, c := range list {
		if err := s.Store.WithTx(ctx, func(ctx context.Context) error { return s.schedule(ctx, c, c.Version) }); err != nil {
			return err
		}
	}
	return nil
}

// ReleaseNow sends the join links of c now: to every approved registrant,
// each once; releasing again sends nothing.
func (s *Service) ReleaseNow(ctx context.Context, c *consultation.Consultation) (version int, err error) {
	if c.MeetingURL == "" {
		return 0, errs.InvalidFields(map[string]string{"meeting_url": "error.meeting_url_needed"})
	}
	err = s.Store.WithTx(ctx, func(ctx context.Context) error {
		if version, err = s.Store.ReleaseLink(ctx, c.ID, s.Now()); err != nil {
			return err
		}
		return s.Jobs.ScheduleFanOut(ctx, c.ID, version)
	})
	return version, err
}

// ScheduledRelease is the release job for the time at: it releases unless
// the links are out or the schedule changed since (a job for the new time
// exists then).
func (s *Service) ScheduledRelease(ctx context.Context, consultationID int64, at time.Time) error {
	c, err := s.Store.ConsultationByID(ctx, consultationID)
	if err != nil {
		return err
	}
	rt := c.ReleaseTime()
	if c.Released() || rt == nil || !rt.Equal(at.UTC()) || c.MeetingURL == "" {
		return nil
	}
	_, err = s.ReleaseNow(ctx, c)
	return err
}

// FanOut sends join link version to every approved registrant who has an
// older one (or none), a batch per transaction. A newer version makes it
// stop: that version's own fan-out sends the newer link.
func (s *Service) FanOut(ctx context.Context, consultationID int64, version int) error {
	for {
		c, err := s.Store.ConsultationByID(ctx, consultationID)
		if err != nil || c.Version != version {
			return err
		}
		n := 0
		err = s.Store.WithTx(ctx, func(ctx context.Context) error {
			list, err := s.Store.LinkRecipients(ctx, consultationID, version, batch)
			n = len(list)
			for _, r := range list {
				if err == nil {
					err = s.Registrations.SendLink(ctx, r, version)
				}
			}
			return err
		})
		if err != nil || n < batch {
			return err
		}
	}
}

// Remind enqueues the reminder before the start to every approved
// registrant, unless the start moved (the new time has its own job).
func (s *Service) Remind(ctx context.Context, consultationID int64, before time.Duration, startsAt time.Time) error {
	c, err := s.Store.ConsultationByID(ctx, consultationID)
	if err != nil || !c.StartsAt.Equal(startsAt) {
		return err
	}
	after := ""
	for {
		var ids []string
		err := s.Store.WithTx(ctx, func(ctx context.Context) error {
			var err error
			if ids, err = s.Store.ApprovedAfter(ctx, consultationID, after, batch); err != nil {
				return err
			}
			for _, id := range ids {
				m := messages.Reminder{RegistrationID: id, Before: int64(before / time.Second), StartsAt: startsAt.Unix()}
				if err := s.Mail.Enqueue(ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || len(ids) < batch {
			return err
		}
		after = ids[len(ids)-1]
	}
}

// JoinOutcome is what a personal join link does now.
type JoinOutcome struct {
	Consultation *consultation.Consultation
	Registration *registration.Registration
	State        consultation.JoinState
	Released     bool
	// MeetingURL is set only when the link leads to the meeting now.
	MeetingURL string
}

// Join follows a personal join link: for an approved registrant of a
// released consultation, during the join window, it records attendance
// and gives the meeting URL; otherwise it says when it opens or that it is
// over. A cancelled, rejected or moved-back registrant's link does not work.
func (s *Service) Join(ctx context.Context, token string) (JoinOutcome, error) {
	id, st := s.URLs.Signer().Check(links.Join, token, s.Now())
	switch st {
	case links.Expired:
		return JoinOutcome{}, errs.E(errs.NotFound, "link.expired")
	case links.Invalid:
		return JoinOutcome{}, errs.E(errs.NotFound, "link.invalid")
	}
	r, err := s.Store.RegistrationByID(ctx, id)
	if errs.Is(err, errs.NotFound) {
		return JoinOutcome{}, errs.E(errs.NotFound, "link.invalid")
	} else if err != nil {
		return JoinOutcome{}, err
	}
	c, err := s.Store.ConsultationByID(ctx, r.ConsultationID)
	if err != nil {
		return JoinOutcome{}, err
	}
	out := JoinOutcome{Consultation: c, Registration: r, Released: c.Released(), State: c.JoinStateAt(s.Now())}
	if !r.Approved() {
		return out, errs.E(errs.Forbidden, "join.not_participant")
	}
	if out.Released && out.State == consultation.JoinOpen && c.MeetingURL != "" {
		if err := s.Store.RecordJoin(ctx, r.ID, s.Now()); err != nil {
			return out, err
		}
		out.MeetingURL = c.MeetingURL
	}
	return out, nil
}

// Bounds of an announcement, in characters.
const (
	maxSubject = 200
	maxBody    = 20000
)

// CreateAnnouncement validates and stores a draft message to registrants.
func (s *Service) CreateAnnouncement(ctx context.Context, a *messages.Announcement) error {
	f := map[string]string{}
	orig, ok := a.Texts[a.OriginalLang]
	switch {
	case !ok || strings.TrimSpace(orig.Subject) == "":
		f["subject"] = "error.required"
	case utf8.RuneCountInString(orig.Subject) > maxSubject:
		f["subject"] = "error.too_long"
	}
	switch {
	case strings.TrimSpace(orig.Body) == "":
		f["body"] = "error.required"
	case utf8.RuneCountInString(orig.Body) > maxBody:
		f["body"] = "error.too_long"
	}
	for lang, t := range a.Texts {
		if utf8.RuneCountInString(t.Subject) > maxSubject || utf8.RuneCountInString(t.Body) > maxBody {
			f["text_"+lang] = "error.too_long"
		}
	}
	if st := a.Filter.Status; st != "" && !validStatus(st) {
		f["status"] = "error.choice"
	}
	if len(f) > 0 {
		return errs.InvalidFields(f)
	}
	a.CreatedAt = s.Now()
	return s.Store.SaveAnnouncement(ctx, a)
}

func validStatus(st string) bool {
	for _, s := range registration.Statuses() {
		if string(s) == st {
			return true
		}
	}
	return false
}

// TestAnnouncement sends announcement id to the secretariat member at to,
// in lang, with sample values: one email per call.
func (s *Service) TestAnnouncement(ctx context.Context, id int64, to, lang string) error {
	return s.Store.WithTx(ctx, func(ctx context.Context) error {
		return s.Mail.Enqueue(ctx, messages.AnnouncementTest{AnnouncementID: id, To: to, Lang: lang, Nonce: s.Now().UnixNano()})
	})
}

// SendAnnouncement sends announcement id to every registrant its filter
// selects; sending again sends nothing.
func (s *Service) SendAnnouncement(ctx context.Context, id int64) error {
	return s.Store.WithTx(ctx, func(ctx context.Context) error {
		started, err := s.Store.StartAnnouncement(ctx, id, s.Now())
		if err != nil || !started {
			return err
		}
		return s.Jobs.ScheduleAnnouncement(ctx, id)
	})
}

// AnnouncementFanOut is the job that enqueues an announcement's emails, a
// batch per transaction; each recipient's email is unique, so a rerun after
// a crash adds nobody twice.
func (s *Service) AnnouncementFanOut(ctx context.Context, id int64) error {
	a, err := s.Store.Announcement(ctx, id)
	if err != nil {
		return err
	}
	var countries []string
	if a.Filter.Region != "" && s.CountriesIn != nil {
		countries = s.CountriesIn(a.Filter.Region)
	}
	if a.Filter.Country != "" {
		countries = []string{a.Filter.Country}
	}
	after := a.Cursor
	for {
		var ids []string
		err := s.Store.WithTx(ctx, func(ctx context.Context) error {
			var err error
			if ids, err = s.Store.AnnouncementRecipients(ctx, a, countries, after, batch); err != nil {
				return err
			}
			for _, rid := range ids {
				if err := s.Mail.Enqueue(ctx, messages.AnnouncementEmail{AnnouncementID: id, RegistrationID: rid}); err != nil {
					return err
				}
			}
			if len(ids) == 0 {
				return nil
			}
			return s.Store.AddAnnouncementRecipients(ctx, id, len(ids), ids[len(ids)-1])
		})
		if err != nil || len(ids) < batch {
			return err
		}
		after = ids[len(ids)-1]
	}
}
