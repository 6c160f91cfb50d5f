// Package registration holds a participant's registration for a
// consultation: its fields, validation and statuses.
package registration

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/stakeholder"
)

// Status is where a registration is: the double opt-in, then the
// secretariat's decision and the places.
type Status string

// The statuses a registration passes through. Only an approved
// registration holds a place and gets the meeting link.
const (
	PendingConfirmation Status = "pending_confirmation" // the address is not proved yet
	Confirmed           Status = "confirmed"            // proved; awaiting the secretariat's approval
	Approved            Status = "approved"             // a participant: holds a place
	Waitlisted          Status = "waitlisted"           // would be approved, but every place is held
	Rejected            Status = "rejected"             // by the secretariat, with a reason
	Cancelled           Status = "cancelled"            // by the registrant
)

// Statuses lists them for filters.
func Statuses() []Status {
	return []Status{PendingConfirmation, Confirmed, Approved, Waitlisted, Rejected, Cancelled}
}

// Genders are the optional self-declared values, used for aggregate balance
// figures only.
func Genders() []string { return []string{"woman", "man", "non_binary", "prefer_not_to_say"} }

// Registration is one person's registration for one consultation.
type Registration struct {
	ID                 string // random, opaque
	ConsultationID     int64
	GivenName          string
	FamilyName         string
	Email              string
	Organization       string
	StakeholderGroup   stakeholder.Group
	Country            string // ISO 3166-1 alpha-2
	Language           string // preferred language for mail
	JobTitle           string
	Gender             string
	AccessibilityNeeds string
	ConsentAt          time.Time
	Status             Status
	CreatedAt          time.Time
	ConfirmedAt        *time.Time
	CancelledAt        *time.Time
	// ApprovedAt is when the registration was approved: by the secretariat,
	// or at confirmation where no approval is required.
	ApprovedAt   *time.Time
	WaitlistedAt *time.Time
	RejectedAt   *time.Time
	RejectReason string
	// LinkVersion is the version of the join link last sent (0: none);
	// LinkSentAt when the first went out.
	LinkVersion int
	LinkSentAt  *time.Time
	// FirstJoinedAt and LastJoinedAt are the first and last use of the
	// personal join link: attendance.
	FirstJoinedAt, LastJoinedAt *time.Time
}

// Approved reports whether r is a participant in full: it holds a place.
func (r *Registration) Approved() bool { return r.Status == Approved }

// Verified reports whether r's address is proved and r still stands (not
// rejected or cancelled).
func (r *Registration) Verified() bool {
	return r.Status == Confirmed || r.Status == Approved || r.Status == Waitlisted
}

// MaxReasonLength bounds a rejection reason, in characters.
const MaxReasonLength = 2000

// Input is what a participant submits; the web form and the API fill it.
type Input struct {
	GivenName          string `json:"given_name"`
	FamilyName         string `json:"family_name"`
	Email              string `json:"email"`
	Organization       string `json:"organization"`
	StakeholderGroup   string `json:"stakeholder_group"`
	Country            string `json:"country"`
	Language           string `json:"language"`
	JobTitle           string `json:"job_title"`
	Gender             string `json:"gender"`
	AccessibilityNeeds string `json:"accessibility_needs"`
	Consent            bool   `json:"consent"`
}

// Rules are the outside facts validation needs.
type Rules struct {
	ValidCountry  func(code string) bool
	ValidLanguage func(tag string) bool
}

// Maximum lengths, in characters.
const (
	maxName = 200
	maxText = 2000
)

// Normalize trims spaces and normalises codes in place.
func (in *Input) Normalize() {
	for _, p := range []*string{&in.GivenName, &in.FamilyName, &in.Email, &in.Organization, &in.JobTitle, &in.AccessibilityNeeds, &in.Gender, &in.StakeholderGroup, &in.Language} {
		*p = strings.TrimSpace(*p)
	}
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	in.Email = strings.ToLower(in.Email)
}

// Validate checks the input; the error maps each bad field to a catalog id.
func (in *Input) Validate(r Rules) error {
	f := map[string]string{}
	required := map[string]string{"given_name": in.GivenName, "family_name": in.FamilyName, "organization": in.Organization}
	for name, v := range required {
		if v == "" {
			f[name] = "error.required"
		} else if utf8.RuneCountInString(v) > maxName {
			f[name] = "error.too_long"
		}
	}
	if in.Email == "" {
		f["email"] = "error.required"
	} else if !consultation.ValidEmail(in.Email) || len(in.Email) > 254 {
		f["email"] = "error.email"
	}
	if in.StakeholderGroup == "" {
		f["stakeholder_group"] = "error.required"
	} else if !stakeholder.Group(in.StakeholderGroup).Valid() {
		f["stakeholder_group"] = "error.choice"
	}
	if in.Country == "" {
		f["country"] = "error.required"
	} else if !r.ValidCountry(in.Country) {
		f["country"] = "error.country"
	}
	if in.Language == "" {
		f["language"] = "error.required"
	} else if !r.ValidLanguage(in.Language) {
		f["language"] = "error.choice"
	}
	if in.Gender != "" && !validGender(in.Gender) {
		f["gender"] = "error.choice"
	}
	if utf8.RuneCountInString(in.JobTitle) > maxName {
		f["job_title"] = "error.too_long"
	}
	if utf8.RuneCountInString(in.AccessibilityNeeds) > maxText {
		f["accessibility_needs"] = "error.too_long"
	}
	if !in.Consent {
		f["consent"] = "error.consent"
	}
	if len(f) > 0 {
		return errs.InvalidFields(f)
	}
	return nil
}

func validGender(g string) bool {
	for _, x := range Genders() {
		if x == g {
			return true
		}
	}
	return false
}

// New builds a pending registration from validated input.
func New(id string, consultationID int64, in Input, now time.Time) *Registration {
	return &Registration{
		ID: id, ConsultationID: consultationID,
		GivenName: in.GivenName, FamilyName: in.FamilyName, Email: in.Email,
		Organization: in.Organization, StakeholderGroup: stakeholder.Group(in.StakeholderGroup),
		Country: in.Country, Language: in.Language, JobTitle: in.JobTitle,
		Gender: in.Gender, AccessibilityNeeds: in.AccessibilityNeeds,
		ConsentAt: now, Status: PendingConfirmation, CreatedAt: now,
	}
}

// FullName is "Given Family".
func (r *Registration) FullName() string { return r.GivenName + " " + r.FamilyName }
