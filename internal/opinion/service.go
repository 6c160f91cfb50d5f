package opinion

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/links"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/registration"
)

// The use cases of taking part in an opinion map. Who may take part:
//
//   - a registrant whose registration is confirmed and, where the
//     consultation requires it, approved, through the signed join link
//     (on the confirmation page and in the approval email);
//   - when the secretariat opens the map to verified addresses, any
//     confirmed registrant, and anyone who follows the sign-in link emailed
//     to the address they typed.
//
// Access is checked again on every request: a cancelled registration, or
// closing the map to verified addresses, ends it.

// Store is the storage the opinion service needs.
type Store interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	OpinionSettings(ctx context.Context, consultationID int64) (Settings, error)
	RegistrationByID(ctx context.Context, id string) (*registration.Registration, error)
	OpinionParticipant(ctx context.Context, id int64) (*Participant, error)
	OpinionParticipantForRegistration(ctx context.Context, r *registration.Registration, now time.Time) (*Participant, error)
	OpinionParticipantForEmail(ctx context.Context, consultationID int64, email string, now time.Time) (*Participant, error)
	CastVote(ctx context.Context, consultationID int64, tid, pid int, v Vote, now time.Time) error
	AddStatement(ctx context.Context, st *Statement, now time.Time) error
	ModerateStatement(ctx context.Context, consultationID int64, tid int, m Moderation) error
	StatementsSince(ctx context.Context, consultationID int64, pid int, since time.Time) (int, error)
}

// Mail enqueues an email in the transaction of ctx (jobs.Queue).
type Mail interface {
	Enqueue(ctx context.Context, m messages.Message) error
}

// MapChanges schedules the recomputation of a consultation's map, in the
// transaction of ctx if there is one (*Maps).
type MapChanges interface {
	Changed(ctx context.Context, consultationID int64) error
}

// Service is what participants do with an opinion map.
type Service struct {
	Store Store
	Mail  Mail
	Maps  MapChanges // nil: nothing computes maps (a tool that only writes)
	URLs  links.URLs
	Now   func() time.Time
}

// mapChanged schedules the recomputation of c's map.
func (s *Service) mapChanged(ctx context.Context, c *consultation.Consultation) error {
	if s.Maps == nil {
		return nil
	}
	return s.Maps.Changed(ctx, c.ID)
}

// RegistrantMayTakePart: an approved registrant (one who holds a place)
// — or, when the map is open to verified addresses, any registrant whose
// address the confirmation proved and who still stands.
func RegistrantMayTakePart(c *consultation.Consultation, set Settings, reg *registration.Registration) bool {
	return reg.Approved() || (set.OpenToVerified && reg.Verified())
}

// JoinPath is registrant reg's link to c's opinion map, or "" when the
// map is not enabled or they may not take part.
func (s *Service) JoinPath(ctx context.Context, c *consultation.Consultation, reg *registration.Registration) (string, error) {
	if !reg.Verified() {
		return "", nil
	}
	set, err := s.Store.OpinionSettings(ctx, c.ID)
	if err != nil || !set.Enabled || !RegistrantMayTakePart(c, set, reg) {
		return "", err
	}
	return s.URLs.OpinionJoinPath(c.Slug, reg.ID, c.EndsAt), nil
}

// Token is participant p's cookie and API bearer token for c's map.
func (s *Service) Token(c *consultation.Consultation, p *Participant) string {
	return s.URLs.ParticipantToken(p.ID, c.EndsAt)
}

// check reads a signed token for purpose at the service's now: the id it
// holds, or the error a person following it should see.
func (s *Service) check(purpose, token string) (string, error) {
	id, st := s.URLs.Signer().Check(purpose, token, s.Now())
	switch st {
	case links.Valid:
		return id, nil
	case links.Expired:
		return "", errs.E(errs.NotFound, "link.expired")
	}
	return "", errs.E(errs.NotFound, "link.invalid")
}

// IsParticipantToken reports whether token is a participant token at all
// (of whichever consultation), as opposed to, say, a staff API token.
func (s *Service) IsParticipantToken(token string) bool {
	_, st := s.URLs.Signer().Check(links.OpinionParticipant, token, s.Now())
	return st != links.Invalid
}

// Participant returns the participant token names if they may take part
// in c now; nil (and no error) otherwise.
func (s *Service) Participant(ctx context.Context, c *consultation.Consultation, set Settings, token string) (*Participant, error) {
	id, err := s.check(links.OpinionParticipant, token)
	if err != nil {
		return nil, nil
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil, nil
	}
	p, err := s.Store.OpinionParticipant(ctx, n)
	if errs.Is(err, errs.NotFound) || (err == nil && p.ConsultationID != c.ID) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	allowed, err := s.mayTakePart(ctx, c, set, p)
	if err != nil || !allowed {
		return nil, err
	}
	return p, nil
}

// mayTakePart applies the access rules to a known participant.
func (s *Service) mayTakePart(ctx context.Context, c *consultation.Consultation, set Settings, p *Participant) (bool, error) {
	if p.RegistrationID == "" {
		return p.Email != "" && set.OpenToVerified, nil
	}
	reg, err := s.Store.RegistrationByID(ctx, p.RegistrationID)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	return err == nil && RegistrantMayTakePart(c, set, reg), err
}

// Join follows a registrant's join link: they become (or are again) a
// participant of c.
func (s *Service) Join(ctx context.Context, c *consultation.Consultation, set Settings, token string) (*Participant, error) {
	regID, err := s.check(links.OpinionJoin, token)
	if err != nil {
		return nil, err
	}
	reg, err := s.Store.RegistrationByID(ctx, regID)
	switch {
	case errs.Is(err, errs.NotFound) || (err == nil && reg.ConsultationID != c.ID):
		return nil, errs.E(errs.NotFound, "link.invalid")
	case err != nil:
		return nil, err
	case !reg.Verified():
		return nil, errs.E(errs.Forbidden, "vote.error.not_confirmed")
	case !RegistrantMayTakePart(c, set, reg):
		return nil, errs.E(errs.Forbidden, "vote.error.not_approved")
	}
	return s.Store.OpinionParticipantForRegistration(ctx, reg, s.Now())
}

// RequestSignIn emails a sign-in link to address, in lang, when c's map is
// open to verified addresses. The answer is the same for any valid
// address; an invalid one is an Invalid error on the field "email".
func (s *Service) RequestSignIn(ctx context.Context, c *consultation.Consultation, set Settings, address, lang string) error {
	if !set.OpenToVerified {
		return errs.E(errs.Forbidden, "vote.error.not_open")
	}
	email := strings.ToLower(strings.TrimSpace(address))
	switch {
	case email == "":
		return errs.InvalidFields(map[string]string{"email": "error.required"})
	case len(email) > 254 || !consultation.ValidEmail(email):
		return errs.InvalidFields(map[string]string{"email": "error.email"})
	}
	return s.Store.WithTx(ctx, func(ctx context.Context) error {
		return s.Mail.Enqueue(ctx, messages.OpinionSignIn{ConsultationID: c.ID, Email: email, Lang: lang})
	})
}

// SignIn follows an emailed sign-in link: the address is proven, so its
// owner becomes a participant of c.
func (s *Service) SignIn(ctx context.Context, c *consultation.Consultation, set Settings, token string) (*Participant, error) {
	id, err := s.check(links.OpinionSignIn, token)
	if err != nil {
		return nil, err
	}
	cid, email, parsed := links.ParseSignInID(id)
	if !parsed || cid != c.ID {
		return nil, errs.E(errs.NotFound, "link.invalid")
	}
	if !set.OpenToVerified {
		return nil, errs.E(errs.Forbidden, "vote.error.not_open")
	}
	return s.Store.OpinionParticipantForEmail(ctx, c.ID, email, s.Now())
}

// Vote records p's vote on statement tid; a later vote replaces the
// earlier one. The map's recomputation is scheduled in the vote's
// transaction: a vote is never left out of the map.
func (s *Service) Vote(ctx context.Context, c *consultation.Consultation, p *Participant, tid int, v Vote) error {
	return s.Store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.Store.CastVote(ctx, c.ID, tid, p.PID, v, s.Now()); err != nil {
			return err
		}
		return s.mapChanged(ctx, c)
	})
}

// AddStatement stores a statement in c's map written by author or, when
// author is nil, by the secretariat. The secretariat's is a seed, accepted
// at once. A participant's starts unmoderated, counts as their agree vote
// (the store records it), needs the map enabled and is refused past
// MaxStatementsPerHour. The count is read before the insert, so two
// statements sent in the same instant may both pass: the limit still
// bounds a flood, which is all it is for.
func (s *Service) AddStatement(ctx context.Context, c *consultation.Consultation, author *Participant, body, lang string) (*Statement, error) {
	now := s.Now()
	st := &Statement{ConsultationID: c.ID, AuthorPID: BySecretariat, Body: NormalizeStatement(body), Lang: lang,
		Moderation: Accepted, IsSeed: true}
	if err := ValidateStatement(st.Body); err != nil {
		return nil, err
	}
	if author != nil {
		if err := s.mayWrite(ctx, c, author, now); err != nil {
			return nil, err
		}
		st.AuthorPID, st.Moderation, st.IsSeed = author.PID, Unmoderated, false
	}
	// The statement and the recomputation of the map commit together.
	err := s.Store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.Store.AddStatement(ctx, st, now); err != nil {
			return err
		}
		return s.mapChanged(ctx, c)
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// Moderate sets statement tid's moderation in c's map; the change and the
// recomputation of the map commit together.
func (s *Service) Moderate(ctx context.Context, c *consultation.Consultation, tid int, m Moderation) error {
	return s.Store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.Store.ModerateStatement(ctx, c.ID, tid, m); err != nil {
			return err
		}
		return s.mapChanged(ctx, c)
	})
}

// mayWrite checks that author may add a statement to c's map at now.
func (s *Service) mayWrite(ctx context.Context, c *consultation.Consultation, author *Participant, now time.Time) error {
	set, err := s.Store.OpinionSettings(ctx, c.ID)
	if err != nil {
		return err
	}
	if !set.Enabled {
		return errs.E(errs.Closed, "opinions.error.disabled")
	}
	recent, err := s.Store.StatementsSince(ctx, c.ID, author.PID, now.Add(-time.Hour))
	if err != nil {
		return err
	}
	if recent >= MaxStatementsPerHour {
		return errs.E(errs.Closed, "vote.error.too_many_statements")
	}
	return nil
}
