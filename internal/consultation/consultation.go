// Package consultation holds the review and consultation types, their
// validation and the rules that derive from them (is registration open, what
// text to show in a language). It knows nothing of SQL or HTTP.
package consultation

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
)

// Format is how a consultation takes place.
type Format string

// The formats.
const (
	Virtual  Format = "virtual"
	InPerson Format = "in_person"
	Hybrid   Format = "hybrid"
)

// Status is where a consultation is in its life.
type Status string

// The statuses. Only published and closed consultations are public.
const (
	Draft     Status = "draft"
	Published Status = "published"
	ClosedSt  Status = "closed"
)

// Person is a moderator or chair.
type Person struct {
	Name         string `json:"name"`
	Organization string `json:"organization,omitempty"`
}

// Review is a review process such as the WSIS+20 Review.
type Review struct {
	ID             int64
	Slug           string
	OriginalLang   string
	Texts          map[string]ReviewText // by language; OriginalLang always present
	Mandate        []string              // resolution symbols, e.g. A/70/125
	Secretariat    string
	Partners       []string
	ReportingChain []string
	Questions      []Question // review-wide guiding questions
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// ReviewText is the translatable part of a review.
type ReviewText struct {
	Title       string
	Description string // Markdown
}

// Consultation is one meeting of a review.
type Consultation struct {
	ID                int64
	ReviewID          int64
	Slug              string
	OriginalLang      string
	Texts             map[string]Text
	Region            string // M49 code, "001" for global
	Partners          []string
	Format            Format
	TimeZone          string
	StartsAt, EndsAt  time.Time
	Languages         []string
	Moderators        []Person
	Chair             Person
	RegistrationOpens *time.Time
	RegistrationEnds  *time.Time
	Capacity          int // 0 = no limit
	// PlacesTaken is how many confirmed registrations hold a place, as
	// read with the consultation; the store keeps it, saving ignores it.
	PlacesTaken      int
	ApprovalRequired bool
	MeetingURL       string // secret: reaches approved registrants only, behind their join link
	Schedule                // when the link goes out, when it opens, reminders
	Release                 // kept by the store
	ContactEmail     string
	Status           Status
	MonthOnly        bool // only the month is known (shown as "December 2023")
	Questions        []Question
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Text is the translatable part of a consultation.
type Text struct {
	Title          string
	Place          string
	Background     string // Markdown
	Objectives     string // Markdown
	OpeningRemarks string // e.g. "H.E. … Chair of the 28th CSTD, will deliver opening remarks."
	Notice         string // shown prominently, e.g. "date shifted for the demo"
}

// Question is a guiding question, ordered by Position.
type Question struct {
	ID           int64
	Position     int
	OriginalLang string
	Texts        map[string]string
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether s can be a URL slug.
func ValidSlug(s string) bool { return len(s) <= 80 && slugRE.MatchString(s) }

// ValidEmail reports whether s is a single plain address.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s, ".")
}

// Validate checks a review; errors are catalog ids per field.
func (r *Review) Validate() error {
	f := map[string]string{}
	if !ValidSlug(r.Slug) {
		f["slug"] = "error.slug"
	}
	if strings.TrimSpace(r.Texts[r.OriginalLang].Title) == "" {
		f["title"] = "error.required"
	}
	if len(f) > 0 {
		return errs.InvalidFields(f)
	}
	return nil
}

// Validate checks a consultation; errors are catalog ids per field.
func (c *Consultation) Validate() error {
	f := map[string]string{}
	if !ValidSlug(c.Slug) {
		f["slug"] = "error.slug"
	}
	if strings.TrimSpace(c.Texts[c.OriginalLang].Title) == "" {
		f["title"] = "error.required"
	}
	switch c.Format {
	case Virtual, InPerson, Hybrid:
	default:
		f["format"] = "error.choice"
	}
	switch c.Status {
	case Draft, Published, ClosedSt:
	default:
		f["status"] = "error.choice"
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" {
		f["time_zone"] = "error.time_zone"
	}
	if c.StartsAt.IsZero() {
		f["starts_at"] = "error.required"
	} else if !c.EndsAt.After(c.StartsAt) {
		f["ends_at"] = "error.ends_before_start"
	}
	if c.ContactEmail != "" && !ValidEmail(c.ContactEmail) {
		f["contact_email"] = "error.email"
	}
	if c.MeetingURL != "" && !ValidMeetingURL(c.MeetingURL) {
		f["meeting_url"] = "error.url"
	}
	if c.Capacity < 0 {
		f["capacity"] = "error.capacity"
	}
	if c.RegistrationOpens != nil && c.RegistrationEnds != nil && !c.RegistrationEnds.After(*c.RegistrationOpens) {
		f["registration_ends"] = "error.ends_before_start"
	}
	c.validateSchedule(f)
	if len(f) > 0 {
		return errs.InvalidFields(f)
	}
	return nil
}

// ValidMeetingURL accepts absolute http and https addresses, the links
// every meeting tool (Zoom, Teams, Webex, Jitsi…) hands out.
func ValidMeetingURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// Location returns the consultation's time zone (UTC if unknown), loaded
// once per name for the whole process (see LoadZone).
func (c *Consultation) Location() *time.Location { return LoadZone(c.TimeZone) }

// Public reports whether the consultation may be shown to anyone.
func (c *Consultation) Public() bool { return c.Status == Published || c.Status == ClosedSt }

// Upcoming reports whether the consultation has not ended at now.
func (c *Consultation) Upcoming(now time.Time) bool { return c.EndsAt.After(now) }
