package messages

import (
	"testing"
	"time"
)

// The keys are recorded in the emails table: a job retried after an
// upgrade must find the key its first run wrote, so they never change
// shape. The kinds are River's job kinds in the database, likewise.
func TestKindsAndKeysStayAsStored(t *testing.T) {
	at := time.Date(2024, 12, 3, 14, 59, 59, 0, time.FixedZone("CLT", -3*3600))
	for _, tc := range []struct {
		m          Message
		kind, key  string
		period     time.Duration
		uniqueArgs bool
	}{
		{Confirmation{RegistrationID: "r1"}, "registration_confirmation", "confirm:r1", 0, true},
		{AlreadyRegistered{RegistrationID: "r1"}, "registration_already_registered", "again:r1:2024120317", time.Hour, true},
		{Approved{RegistrationID: "r1"}, "registration_approved", "approved:r1", 0, true},
		{OpinionSignIn{ConsultationID: 7, Email: "a@example.org", Lang: "es"}, "opinion_sign_in",
			"opinions-signin:7-YUBleGFtcGxlLm9yZw:2024120317", time.Hour, true},
	} {
		if got := tc.m.Kind(); got != tc.kind {
			t.Errorf("%T kind %q, want %q", tc.m, got, tc.kind)
		}
		if got := tc.m.Key(at); got != tc.key {
			t.Errorf("%T key %q, want %q", tc.m, got, tc.key)
		}
		u := tc.m.InsertOpts().UniqueOpts
		if u.ByArgs != tc.uniqueArgs || u.ByPeriod != tc.period {
			t.Errorf("%T unique %+v, want by args %v per %v", tc.m, u, tc.uniqueArgs, tc.period)
		}
	}
}
