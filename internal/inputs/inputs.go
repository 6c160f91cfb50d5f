// Package inputs holds written inputs to a review: what one is (answers to
// guiding questions, general comments, who sent it and how it may be
// published), its validation with per-field catalog ids, its versions and
// its moderation, and Service, the use cases that submit, edit and
// moderate inputs. It knows nothing of SQL or HTTP.
package inputs

import (
	"time"

	"github.com/consulta/consulta/internal/stakeholder"
)

// Status is where an input is in moderation.
type Status string

// The statuses. An input sent by the public waits, unverified, until its
// address is confirmed; only then does the secretariat see it.
const (
	Unverified Status = "unverified"
	Submitted  Status = "submitted"
	Published  Status = "published"
	Rejected   Status = "rejected"
	Hidden     Status = "hidden"
)

// Statuses lists the statuses for filters, in moderation order.
func Statuses() []Status { return []Status{Submitted, Published, Rejected, Hidden, Unverified} }

// Publication is the submitter's consent to publication.
type Publication string

// The choices: published with the name and organization, published
// anonymously (stakeholder group and country only), or kept for the
// secretariat.
const (
	Named     Publication = "named"
	Anonymous Publication = "anonymous"
	Private   Publication = "private"
)

// Publications lists the choices in the order the form offers them.
func Publications() []Publication { return []Publication{Named, Anonymous, Private} }

// Valid reports whether p is one of the choices.
func (p Publication) Valid() bool { return p == Named || p == Anonymous || p == Private }

// Source is who put the input in.
type Source string

// The sources.
const (
	FromParticipant Source = "participant" // a registered participant, by their link or token
	FromPublic      Source = "public"      // anyone answering an open call, address verified
	FromSecretariat Source = "secretariat" // the secretariat, on behalf of a Member State or organization
)

// Ways an input sent to the secretariat arrived.
const (
	ViaEmail  = "email"
	ViaLetter = "letter"
	ViaOther  = "other"
)

// Vias lists the ways an input may reach the secretariat.
func Vias() []string { return []string{ViaEmail, ViaLetter, ViaOther} }

// Answer is the text that answers one guiding question.
type Answer struct {
	QuestionID int64  `json:"question_id"`
	Text       string `json:"text"`
}

// Version is the content of one version of an input: every edit makes a
// new one and none is ever changed.
type Version struct {
	Number           int       `json:"number"`
	Answers          []Answer  `json:"answers"`
	Comments         string    `json:"comments"`
	Language         string    `json:"language"`          // declared
	DetectedLanguage string    `json:"detected_language"` // "" when the text was too short to tell
	CreatedAt        time.Time `json:"created_at"`
	// Attachments are the version's files; loaded only where asked
	// (store.InputAttachments), with their content for the complete export.
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Input is one written input to a review.
type Input struct {
	ID               int64
	ReviewID         int64
	ConsultationID   int64 // 0: the review as a whole
	AuthorName       string
	AuthorEmail      string
	Organization     string
	StakeholderGroup stakeholder.Group
	Country          string // ISO 3166-1 alpha-2
	Region           string // M49 region of Country
	Publication      Publication
	Status           Status
	Source           Source
	// Via and ReceivedAt say how and when an input the secretariat entered
	// arrived; for the others Via is "" and ReceivedAt the submission time.
	Via            string
	ReceivedAt     time.Time
	RegistrationID string // the participant's registration, when Source is FromParticipant
	EnteredBy      string // the staff member who entered it on behalf of someone
	// Current is the latest version; Published the one the public sees
	// (Number 0 while none was published).
	Current          Version
	PublishedVersion int
	PublishedAt      *time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// LanguageMismatch reports whether the language detected in the text of
// the current version differs from the one declared: a flag for the
// secretariat, never a refusal.
func (in *Input) LanguageMismatch() bool {
	v := in.Current
	return v.DetectedLanguage != "" && v.DetectedLanguage != v.Language
}

// Public reports whether the public may see the input at all: published,
// with the submitter's consent, and with a published version.
func (in *Input) Public() bool {
	return in.Status == Published && in.Publication != Private && in.PublishedVersion > 0
}

// ShowsAuthor reports whether the public sees the name and organization.
func (in *Input) ShowsAuthor() bool { return in.Publication == Named }

// Action is a moderation action.
type Action string

// The moderation actions; each is logged with who and when.
const (
	Publish Action = "publish"
	Reject  Action = "reject"
	Hide    Action = "hide"
)

// StatusAfter is the status an action leads to.
func (a Action) StatusAfter() Status {
	switch a {
	case Publish:
		return Published
	case Reject:
		return Rejected
	}
	return Hidden
}

// LogEntry is one moderation action, as logged.
type LogEntry struct {
	InputID int64     `json:"input_id"`
	Action  Action    `json:"action"`
	Version int       `json:"version"` // the version acted on
	Reason  string    `json:"reason,omitempty"`
	Actor   string    `json:"actor"` // the staff member's address
	At      time.Time `json:"at"`
}

// Call is a call for inputs: on a review as a whole (ConsultationID 0) or
// on one consultation, open until its deadline.
type Call struct {
	ReviewID       int64
	ConsultationID int64
	OpensAt        time.Time
	Deadline       time.Time
}

// Open reports whether the call takes inputs at now.
func (c *Call) Open(now time.Time) bool { return !now.Before(c.OpensAt) && now.Before(c.Deadline) }
