package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// Manual check-in: an approved registrant checked in counts in the
// attendance, once even if they also used their join link; undoing takes
// them out; anyone else cannot be checked in.
func TestLiveCheckIn(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newLiveFixture(t, db)
		ctx := context.Background()
		bob := newRegistration(f.c, "bob@example.org", base)
		bob.GivenName, bob.FamilyName, bob.Organization, bob.Country = "Bob", "Castro", "Universidad de Chile", "CL"
		pending := newRegistration(f.c, "pending@example.org", base)
		pending.GivenName = "Pat"
		if err := db.InsertRegistrations(ctx, []*registration.Registration{bob, pending}); err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(ctx, `UPDATE registrations SET status='approved' WHERE id=$1`, bob.ID); err != nil {
			t.Fatal(err)
		}
		mod := &store.User{Email: "mod@example.org", Name: "Maria Moderator", Role: "moderator"}
		if err := db.CreateUser(ctx, mod); err != nil {
			t.Fatal(err)
		}
		at := base.Add(time.Hour)
		count := func() int {
			t.Helper()
			att, err := db.Attendance(ctx, f.c.ID)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, a := range att {
				n += a.N
			}
			return n
		}
		if n := count(); n != 0 {
			t.Fatalf("attendance before = %d", n)
		}
		// Ada joins by her link and is checked in too; Bob is checked in.
		if err := db.Exec(ctx, `UPDATE registrations SET first_joined_at=$1 WHERE id=$2`, at, f.reg.ID); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{f.reg.ID, bob.ID, bob.ID} {
			if err := live.SetPresent(ctx, db, at, f.c.ID, id, mod.ID, true); err != nil {
				t.Fatalf("check in %s: %v", id, err)
			}
		}
		if n := count(); n != 2 {
			t.Fatalf("attendance = %d, want 2 (Ada once, Bob)", n)
		}
		// Not approved, unknown, or of another consultation: NotFound.
		for _, id := range []string{pending.ID, "no-such-id"} {
			if err := live.SetPresent(ctx, db, at, f.c.ID, id, mod.ID, true); !errs.Is(err, errs.NotFound) {
				t.Errorf("check in %s = %v, want NotFound", id, err)
			}
		}
		if err := live.SetPresent(ctx, db, at, f.c.ID+1000, bob.ID, mod.ID, true); !errs.Is(err, errs.NotFound) {
			t.Errorf("check in on another consultation = %v, want NotFound", err)
		}
		// The list: approved only, who and when; search and filters.
		list, err := db.Attendees(ctx, live.CheckInFilter{ConsultationID: f.c.ID})
		if err != nil || len(list) != 2 {
			t.Fatalf("attendees = %+v, %v", list, err)
		}
		b := list[0] // Castro before Lovelace
		if b.RegistrationID != bob.ID || b.CheckedInAt == nil || !b.CheckedInAt.Equal(at) || b.CheckedInBy != "Maria Moderator" ||
			b.JoinedAt != nil || !b.Present() {
			t.Fatalf("Bob = %+v", b)
		}
		for _, tc := range []struct {
			f    live.CheckInFilter
			want int
		}{
			{live.CheckInFilter{Search: "universidad"}, 1},
			{live.CheckInFilter{Search: "ADA LOVE"}, 1},
			{live.CheckInFilter{Search: "50%"}, 0},
			{live.CheckInFilter{StakeholderGroup: "civil_society"}, 2},
			{live.CheckInFilter{StakeholderGroup: "private_sector"}, 0},
			{live.CheckInFilter{Presence: live.Absent}, 0},
		} {
			tc.f.ConsultationID = f.c.ID
			if got, err := db.Attendees(ctx, tc.f); err != nil || len(got) != tc.want {
				t.Errorf("Attendees(%+v) = %d, %v; want %d", tc.f, len(got), err, tc.want)
			}
		}
		// Undo: Bob is absent again; Ada still joined by her link.
		if err := live.SetPresent(ctx, db, at, f.c.ID, bob.ID, mod.ID, false); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 1 {
			t.Fatalf("attendance after undo = %d, want 1", n)
		}
		if got, err := db.Attendees(ctx, live.CheckInFilter{ConsultationID: f.c.ID, Presence: live.Absent}); err != nil ||
			len(got) != 1 || got[0].RegistrationID != bob.ID || got[0].CheckedInAt != nil {
			t.Fatalf("absent = %+v, %v", got, err)
		}
	})
}

// A moderator or rapporteur can be limited to one consultation; admin and
// secretariat cannot.
func TestUserScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newLiveFixture(t, db)
		ctx := context.Background()
		rap := &store.User{Email: "rap@example.org", Role: "rapporteur", ConsultationID: f.c.ID}
		if err := db.CreateUser(ctx, rap); err != nil {
			t.Fatal(err)
		}
		u, err := db.UserByEmail(ctx, "rap@example.org")
		if err != nil || u.ConsultationID != f.c.ID || u.Consultation != f.c.Slug || !u.Limited() {
			t.Fatalf("limited user = %+v, %v", u, err)
		}
		if err := db.SetUserScope(ctx, rap.ID, 0); err != nil {
			t.Fatal(err)
		}
		if u, err = db.UserByID(ctx, rap.ID); err != nil || u.Limited() || u.Consultation != "" {
			t.Fatalf("unlimited user = %+v, %v", u, err)
		}
		sec := &store.User{Email: "sec@example.org", Role: "secretariat", ConsultationID: f.c.ID}
		if err := db.CreateUser(ctx, sec); !errs.Is(err, errs.Invalid) {
			t.Fatalf("limited secretariat = %v, want Invalid", err)
		}
		sec.ConsultationID = 0
		if err := db.CreateUser(ctx, sec); err != nil {
			t.Fatal(err)
		}
		if err := db.SetUserScope(ctx, sec.ID, f.c.ID); !errs.Is(err, errs.Invalid) {
			t.Fatalf("SetUserScope(secretariat) = %v, want Invalid", err)
		}
		if err := db.SetUserScope(ctx, rap.ID, f.c.ID+1000); err == nil {
			t.Fatal("limited to a consultation that does not exist")
		}
		list, err := db.Users(ctx)
		if err != nil || len(list) != 2 || list[0].Email != "rap@example.org" {
			t.Fatalf("users = %+v, %v", list, err)
		}
	})
}
