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

// Status is where a registration is in the double opt-in.
type Status string

// The statuses a registration passes through.
const (
	PendingConfirmation Status = "pending_confirmation"
	Confirmed           Status = "confirmed"
	Cancelled           Status = "cancelled"
)

// Statuses lists them for filters.
func Statuses() []Status { return []Status{PendingConfirmation, Confirmed, Cancelled} }

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
	// ApprovedAt is when the secretariat approved the registration, for
	// consultations that require approval.
	ApprovedAt *time.Time
}

// Approved reports whether r is a participant in full: confirmed and, if
// the consultation requires approval, approved by the secretariat.
func (r *Registration) Approved(approvalRequired bool) bool {
	return r.Status == Confirmed && (!approvalRequired || r.ApprovedAt != nil)
}

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
