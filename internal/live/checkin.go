package live

import (
	"context"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
)

// Manual check-in: the moderator, rapporteur or secretariat marks an
// approved registrant present (and can undo it). Attendance counts a
// registrant who used their personal join link or was checked in, once.

// Attendee is an approved registrant as the check-in page lists them.
type Attendee struct {
	RegistrationID   string
	Name             string // given and family name
	Organization     string
	StakeholderGroup string
	Country          string
	JoinedAt         *time.Time // first use of the personal join link
	CheckedInAt      *time.Time
	CheckedInBy      string // the staff member's name or address
}

// Present reports whether the attendee counts as present.
func (a Attendee) Present() bool { return a.JoinedAt != nil || a.CheckedInAt != nil }

// Presence filters the check-in list.
type Presence string

// The check-in list's filters.
const (
	AnyPresence Presence = ""
	Present     Presence = "present"
	Absent      Presence = "absent"
)

// CheckInFilter narrows the check-in list: a search in the name and the
// organization, a stakeholder group, present or not.
type CheckInFilter struct {
	ConsultationID   int64
	Search           string
	StakeholderGroup string
	Presence         Presence
	Limit            int
}

// Normalise trims the search and refuses unknown filters.
func (f *CheckInFilter) Normalise() error {
	f.Search = strings.TrimSpace(f.Search)
	if f.Presence != AnyPresence && f.Presence != Present && f.Presence != Absent {
		return errs.InvalidFields(map[string]string{"presence": "error.choice"})
	}
	if f.Limit <= 0 {
		f.Limit = CheckInPage
	}
	return nil
}

// CheckInPage is how many attendees the check-in page lists at most; a
// search narrows a longer list.
const CheckInPage = 200

// CheckInStore is the storage of check-ins.
type CheckInStore interface {
	Attendees(ctx context.Context, f CheckInFilter) ([]Attendee, error)
	// CheckIn marks an approved registrant of the consultation present;
	// any other registration is NotFound.
	CheckIn(ctx context.Context, consultationID int64, registrationID string, byUserID int64, at time.Time) error
	UndoCheckIn(ctx context.Context, consultationID int64, registrationID string) error
}

// SetPresent checks an approved registrant in, or undoes it, recording
// who and when.
func SetPresent(ctx context.Context, st CheckInStore, now time.Time, consultationID int64, registrationID string,
	byUserID int64, present bool) (err error) {
	defer errs.Wrap(&err, "live.SetPresent(%d, %q, %v)", consultationID, registrationID, present)
	if present {
		return st.CheckIn(ctx, consultationID, registrationID, byUserID, now.UTC())
	}
	return st.UndoCheckIn(ctx, consultationID, registrationID)
}
