package inputs

import (
	"context"
	"maps"
	"sync"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/stakeholder"
)

// Store is the storage the service needs. Its writes join the transaction
// that WithTx puts in the context.
type Store interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	InputCall(ctx context.Context, reviewID, consultationID int64) (*Call, error)
	CreateInput(ctx context.Context, in *Input) error
	InputByID(ctx context.Context, id int64) (*Input, error)
	AddInputVersion(ctx context.Context, id int64, v Version, p Publication, now time.Time) (*Input, error)
	InputAttachments(ctx context.Context, id int64, version int) ([]Attachment, error)
	VerifyInput(ctx context.Context, id int64, now time.Time) (in *Input, verified bool, err error)
	ModerateInput(ctx context.Context, e LogEntry) (*Input, error)
}

// Mail enqueues an email in the transaction of ctx (jobs.Queue).
type Mail interface {
	Enqueue(ctx context.Context, m messages.Message) error
}

// Service is what submitters and the secretariat do with inputs.
type Service struct {
	Store    Store
	Mail     Mail
	Rules    Rules
	Detector *Detector
	RegionOf func(country string) string // M49 region
	Now      func() time.Time

	once       sync.Once
	extracting chan struct{} // a slot per extraction that may run at once
}

// Target is what an input answers: a review, and optionally one of its
// consultations, with their guiding questions.
type Target struct {
	Review       *consultation.Review
	Consultation *consultation.Consultation // nil: the review as a whole
}

// Questions are the guiding questions an input to t may answer: the
// consultation's, then the review's.
func (t Target) Questions() []consultation.Question {
	var qs []consultation.Question
	if t.Consultation != nil {
		qs = append(qs, t.Consultation.Questions...)
	}
	return append(qs, t.Review.Questions...)
}

func (t Target) consultationID() int64 {
	if t.Consultation == nil {
		return 0
	}
	return t.Consultation.ID
}

// Submitter is who puts an input in.
type Submitter struct {
	Source         Source
	RegistrationID string // FromParticipant
	Staff          string // FromSecretariat: the staff member's address
}

// Submit validates f and stores it as a new input to t. The public's
// input waits, unverified, for its address to be confirmed by the emailed
// link (enqueued in the same transaction); a participant's, known by their
// registration, and the secretariat's go straight to moderation. The
// public and participants may submit only while the call is open; the
// secretariat may enter an input that arrived by letter or email at any
// time.
func (s *Service) Submit(ctx context.Context, t Target, by Submitter, f Form) (*Input, error) {
	f.Normalize()
	onBehalf := by.Source == FromSecretariat
	now := s.Now().UTC()
	files, err := s.checkForm(ctx, &f, t, onBehalf, nil, now)
	if err != nil {
		return nil, err
	}
	call, err := s.Store.InputCall(ctx, t.Review.ID, t.consultationID())
	if err != nil && !(onBehalf && errs.Is(err, errs.NotFound)) {
		return nil, err
	}
	if !onBehalf && !call.Open(now) {
		return nil, errs.E(errs.Closed, "inputs.closed")
	}
	in := s.newInput(t, by, f, now)
	in.Current.Attachments = files
	err = s.Store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.Store.CreateInput(ctx, in); err != nil {
			return err
		}
		if in.Status != Unverified {
			return nil
		}
		return s.Mail.Enqueue(ctx, messages.InputVerification{InputID: in.ID, Email: in.AuthorEmail,
			Name: in.AuthorName, Lang: in.Current.Language, Title: reviewTitle(t, in.Current.Language),
			Deadline: call.Deadline})
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

func (s *Service) newInput(t Target, by Submitter, f Form, now time.Time) *Input {
	in := &Input{ReviewID: t.Review.ID, ConsultationID: t.consultationID(), AuthorName: f.AuthorName,
		AuthorEmail: f.AuthorEmail, Organization: f.Organization, StakeholderGroup: stakeholder.Group(f.StakeholderGroup),
		Country: f.Country, Region: s.RegionOf(f.Country), Publication: Publication(f.Publication), Status: Submitted,
		Source: by.Source, ReceivedAt: now, CreatedAt: now, UpdatedAt: now}
	switch by.Source {
	case FromPublic:
		in.Status = Unverified
	case FromParticipant:
		in.RegistrationID = by.RegistrationID
	case FromSecretariat:
		in.Via, in.ReceivedAt, in.EnteredBy = f.Via, f.ReceivedAt.UTC(), by.Staff
	}
	in.Current = s.version(1, f, now)
	return in
}

// version is the content of f as version n, with its detected language.
func (s *Service) version(n int, f Form, now time.Time) Version {
	v := Version{Number: n, Answers: f.Answers, Comments: f.Comments, Language: f.Language, CreatedAt: now}
	if s.Detector != nil {
		v.DetectedLanguage = s.Detector.Detect(v.Text())
	}
	return v
}

func reviewTitle(t Target, lang string) string {
	text, _ := t.Review.Text(lang)
	return text.Title
}

// Verify is the public submitter's double opt-in: the input goes to the
// secretariat. Verifying twice is not an error.
func (s *Service) Verify(ctx context.Context, id int64) (*Input, error) {
	in, _, err := s.Store.VerifyInput(ctx, id, s.Now().UTC())
	return in, err
}

// Edit stores f as a new version of input id, until the call's deadline.
// Every earlier version is kept; a published input stays published with
// the version the secretariat published until it publishes the new one.
// Who sent it, and how, does not change.
func (s *Service) Edit(ctx context.Context, t Target, id int64, f Form) (*Input, error) {
	cur, err := s.Store.InputByID(ctx, id)
	if err != nil {
		return nil, err
	}
	f.AuthorName, f.AuthorEmail, f.Organization = cur.AuthorName, cur.AuthorEmail, cur.Organization
	f.StakeholderGroup, f.Country, f.Via, f.ReceivedAt = string(cur.StakeholderGroup), cur.Country, cur.Via, cur.ReceivedAt
	f.Normalize()
	had, err := s.Store.InputAttachments(ctx, id, cur.Current.Number)
	if err != nil {
		return nil, err
	}
	kept := keptAttachments(had, f.Remove)
	now := s.Now().UTC()
	files, err := s.checkForm(ctx, &f, t, cur.Source == FromSecretariat && cur.AuthorEmail == "", kept, now)
	if err != nil {
		return nil, err
	}
	call, err := s.Store.InputCall(ctx, cur.ReviewID, cur.ConsultationID)
	if err != nil {
		return nil, err
	}
	if !now.Before(call.Deadline) {
		return nil, errs.E(errs.Closed, "inputs.edit_closed")
	}
	if cur.Status == Rejected || cur.Status == Hidden {
		return nil, errs.E(errs.Conflict, "inputs.edit_moderated")
	}
	v := s.version(cur.Current.Number+1, f, now)
	v.Attachments = append(kept, files...)
	return s.Store.AddInputVersion(ctx, id, v, Publication(f.Publication), now)
}

// checkForm validates f and reads its files (with those kept from the
// version before), reporting the problems of both at once, so a form
// shown again shows every one.
func (s *Service) checkForm(ctx context.Context, f *Form, t Target, onBehalf bool, kept []Attachment,
	now time.Time) ([]Attachment, error) {
	formErr := f.Validate(s.Rules, t.Questions(), onBehalf)
	files, fileErr := s.checkUploads(ctx, kept, f.Uploads, now)
	switch {
	case fileErr != nil && errs.KindOf(fileErr) != errs.Invalid:
		return nil, fileErr
	case formErr == nil:
		return files, fileErr
	case fileErr == nil:
		return nil, formErr
	}
	fields := maps.Clone(errs.FieldsOf(formErr))
	maps.Copy(fields, errs.FieldsOf(fileErr))
	merged := errs.InvalidFields(fields)
	merged.Err = fileErr
	return nil, merged
}

// Moderate publishes, rejects or hides input id, logging who and when.
// Publishing publishes the current version; a rejection needs a reason,
// which is emailed to the submitter in the same transaction.
func (s *Service) Moderate(ctx context.Context, id int64, a Action, reason, actor string) (in *Input, err error) {
	if a != Publish && a != Reject && a != Hide {
		return nil, errs.InvalidFields(map[string]string{"action": "error.choice"})
	}
	if a == Reject && reason == "" {
		return nil, errs.InvalidFields(map[string]string{"reason": "inputs.error.reason"})
	}
	now := s.Now().UTC()
	err = s.Store.WithTx(ctx, func(ctx context.Context) error {
		if in, err = s.Store.ModerateInput(ctx, LogEntry{InputID: id, Action: a, Reason: reason, Actor: actor, At: now}); err != nil {
			return err
		}
		if a != Reject || in.AuthorEmail == "" {
			return nil
		}
		return s.Mail.Enqueue(ctx, messages.InputRejected{InputID: id, Email: in.AuthorEmail, Name: in.AuthorName,
			Lang: in.Current.Language, Reason: reason, At: now})
	})
	return in, err
}
