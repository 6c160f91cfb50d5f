package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// now is inside every test consultation's registration window.
var now = base.Add(-24 * time.Hour)

func countRegistrations(t *testing.T, db *store.DB, consultationID int64) int {
	t.Helper()
	_, total, err := db.Registrations(context.Background(), store.RegistrationFilter{ConsultationID: consultationID})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

func TestRegister(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "open", nil)

		// A new address is stored pending, every field kept.
		r := newRegistration(c, "ada@example.org", now)
		r.JobTitle, r.Gender, r.AccessibilityNeeds = "Countess", "woman", "Captions"
		var seen registration.Outcome
		out, err := registerThen(ctx, db, c, r, now, func(ctx context.Context, o registration.Outcome) error {
			seen = o
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !out.Created || out.Existing != nil || !seen.Created {
			t.Fatalf("outcome %+v (after saw %+v), want Created", out, seen)
		}
		got, err := db.RegistrationByID(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != registration.PendingConfirmation {
			t.Errorf("status %q, want pending", got.Status)
		}
		checkRegistration(t, got, r)

		// The same address again: Existing, nothing new stored, even with
		// different case-preserved details.
		again := newRegistration(c, "ada@example.org", now.Add(time.Minute))
		again.GivenName = "Augusta"
		out, err = registerThen(ctx, db, c, again, now, func(ctx context.Context, o registration.Outcome) error {
			seen = o
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if out.Created || out.Existing == nil || out.Existing.ID != r.ID || seen.Existing == nil {
			t.Fatalf("duplicate: outcome %+v, want Existing %s", out, r.ID)
		}
		if n := countRegistrations(t, db, c.ID); n != 1 {
			t.Errorf("after duplicate: %d registrations, want 1", n)
		}
		if _, err := db.RegistrationByID(ctx, again.ID); errs.KindOf(err) != errs.NotFound {
			t.Errorf("duplicate's id was stored: %v", err)
		}

		// After cancelling, registering again stores a new registration
		// under a new id; the cancelled one stays as history.
		if _, err := regOf(db.CancelRegistration(ctx, r.ID, now.Add(time.Hour))); err != nil {
			t.Fatal(err)
		}
		back := newRegistration(c, "ada@example.org", now.Add(2*time.Hour))
		back.Organization = "New Org"
		out, err = db.Register(ctx, c, back, now.Add(2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if !out.Created || back.ID == r.ID {
			t.Fatalf("re-register: outcome %+v, id %s, want Created under a new id", out, back.ID)
		}
		got, err = db.RegistrationByID(ctx, back.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkRegistration(t, got, back)
		if old, err := db.RegistrationByID(ctx, r.ID); err != nil || old.Status != registration.Cancelled {
			t.Errorf("the cancelled registration: %+v, %v; want kept cancelled", old, err)
		}
		if n := countRegistrations(t, db, c.ID); n != 2 {
			t.Errorf("after re-register: %d registrations, want 2 (the cancelled and the new)", n)
		}

		_, err = db.RegistrationByID(ctx, "no-such-id")
		wantErr(t, err, errs.NotFound, "registration.not_found")
	})
}

func checkRegistration(t *testing.T, got, want *registration.Registration) {
	t.Helper()
	sameTime(t, "ConsentAt", got.ConsentAt, want.ConsentAt)
	sameTime(t, "CreatedAt", got.CreatedAt, want.CreatedAt)
	sameTimePtr(t, "ConfirmedAt", got.ConfirmedAt, want.ConfirmedAt)
	sameTimePtr(t, "CancelledAt", got.CancelledAt, want.CancelledAt)
	g, w := *got, *want
	g.ConsentAt, g.CreatedAt, g.ConfirmedAt, g.CancelledAt = time.Time{}, time.Time{}, nil, nil
	w.ConsentAt, w.CreatedAt, w.ConfirmedAt, w.CancelledAt = time.Time{}, time.Time{}, nil, nil
	if !reflect.DeepEqual(g, w) {
		t.Errorf("registration mismatch:\n got %#v\nwant %#v", g, w)
	}
}

func TestRegisterRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		full := newConsultation(t, db, rv.ID, "full", func(c *consultation.Consultation) { c.Capacity = 1 })
		first := newRegistration(full, "first@example.org", now)
		if _, err := db.Register(ctx, full, first, now); err != nil {
			t.Fatal(err)
		}
		if _, err := regOf(db.ConfirmRegistration(ctx, first.ID, now)); err != nil {
			t.Fatal(err)
		}
		windowEnded := newConsultation(t, db, rv.ID, "window-ended", func(c *consultation.Consultation) {
			c.RegistrationEnds = ptr(now.Add(-time.Second))
		})
		notYet := newConsultation(t, db, rv.ID, "not-yet", func(c *consultation.Consultation) {
			c.RegistrationOpens = ptr(now.Add(time.Second))
		})
		over := newConsultation(t, db, rv.ID, "over", func(c *consultation.Consultation) {
			c.StartsAt, c.EndsAt = now.Add(-2*time.Hour), now.Add(-time.Hour)
		})
		draft := newConsultation(t, db, rv.ID, "draft", func(c *consultation.Consultation) { c.Status = consultation.Draft })

		for _, tc := range []struct {
			name string
			c    *consultation.Consultation
			code string
		}{
			{"window ended", windowEnded, "registration.closed"},
			{"not open yet", notYet, "registration.not_open_yet"},
			{"meeting over", over, "registration.closed"},
			{"draft", draft, "registration.closed"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := countRegistrations(t, db, tc.c.ID)
				called := false
				r := newRegistration(tc.c, "late@example.org", now)
				_, err := registerThen(ctx, db, tc.c, r, now, func(context.Context, registration.Outcome) error {
					called = true
					return nil
				})
				wantErr(t, err, errs.Closed, tc.code)
				if called {
					t.Error("after was called for a refused registration")
				}
				if n := countRegistrations(t, db, tc.c.ID); n != before {
					t.Errorf("%d registrations, want %d", n, before)
				}
				if _, err := db.RegistrationByID(ctx, r.ID); errs.KindOf(err) != errs.NotFound {
					t.Errorf("refused registration stored: %v", err)
				}
			})
		}

		// A cancelled registration frees its place.
		list, _, err := db.Registrations(ctx, store.RegistrationFilter{ConsultationID: full.ID})
		if err != nil || len(list) != 1 {
			t.Fatalf("Registrations = %v, %v", list, err)
		}
		if _, err := regOf(db.CancelRegistration(ctx, list[0].ID, now)); err != nil {
			t.Fatal(err)
		}
		if n, err := db.TakenPlaces(ctx, full.ID); err != nil || n != 0 {
			t.Errorf("TakenPlaces after cancel = %d, %v", n, err)
		}
		if _, err := db.Register(ctx, full, newRegistration(full, "second@example.org", now), now); err != nil {
			t.Errorf("register into freed place: %v", err)
		}
	})
}

func TestRegisterAfterErrorRollsBack(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "open", nil)
		boom := errors.New("enqueue failed")

		r := newRegistration(c, "ada@example.org", now)
		_, err := registerThen(ctx, db, c, r, now, func(ctx context.Context, o registration.Outcome) error {
			// The row is visible inside the transaction ...
			tx, _ := store.TxFrom(ctx)
			var n int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM registrations WHERE id=$1`, r.ID).Scan(&n); err != nil || n != 1 {
				t.Errorf("inside tx: count %d, %v", n, err)
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want %v", err, boom)
		}
		// ... and gone after the rollback.
		if n := countRegistrations(t, db, c.ID); n != 0 {
			t.Errorf("%d registrations after rollback, want 0", n)
		}

		// Rolling back a re-registration keeps the cancelled original.
		if _, err := db.Register(ctx, c, r, now); err != nil {
			t.Fatal(err)
		}
		if _, err := regOf(db.CancelRegistration(ctx, r.ID, now)); err != nil {
			t.Fatal(err)
		}
		_, err = registerThen(ctx, db, c, newRegistration(c, "ada@example.org", now), now,
			func(context.Context, registration.Outcome) error { return boom })
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want %v", err, boom)
		}
		got, err := db.RegistrationByID(ctx, r.ID)
		if err != nil || got.Status != registration.Cancelled {
			t.Errorf("after rolled-back re-register: %+v, %v", got, err)
		}
	})
}

// Pending registrations take no place: all are accepted. The race for
// the places is run by the confirmations: exactly capacity of them are
// approved, and the others waitlisted.
func TestConfirmConcurrentCapacity(t *testing.T) {
	const capacity, attempts = 5, 20
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "popular", func(c *consultation.Consultation) { c.Capacity = capacity })
		ids := make([]string, attempts)
		for i := range attempts {
			r := newRegistration(c, fmt.Sprintf("p%02d@example.org", i), now)
			if _, err := db.Register(ctx, c, r, now); err != nil {
				t.Fatalf("register %d: %v", i, err)
			}
			ids[i] = r.ID
		}

		var wg sync.WaitGroup
		results := make([]error, attempts)
		start := make(chan struct{})
		for i := range attempts {
			wg.Go(func() {
				<-start
				_, results[i] = regOf(db.ConfirmRegistration(ctx, ids[i], now))
			})
		}
		close(start)
		wg.Wait()

		approved := 0
		for i, err := range results {
			if err != nil {
				t.Errorf("attempt %d: unexpected error %v", i, err)
				continue
			}
			switch r, _ := db.RegistrationByID(ctx, ids[i]); r.Status {
			case registration.Approved:
				approved++
			case registration.Waitlisted:
			default:
				t.Errorf("confirmation %d left status %q", i, r.Status)
			}
		}
		if approved != capacity {
			t.Errorf("%d confirmations approved, want %d (the others waitlisted)", approved, capacity)
		}
		if n, err := db.TakenPlaces(ctx, c.ID); err != nil || n != capacity {
			t.Errorf("TakenPlaces = %d, %v; want %d", n, err, capacity)
		}
	})
}

// The same address submitted many times at once is stored once; every
// other attempt sees it as Existing.
func TestRegisterConcurrentSameEmail(t *testing.T) {
	const attempts = 10
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "popular", nil)
		var wg sync.WaitGroup
		outs := make([]registration.Outcome, attempts)
		results := make([]error, attempts)
		for i := range attempts {
			wg.Go(func() {
				outs[i], results[i] = db.Register(ctx, c, newRegistration(c, "same@example.org", now), now)
			})
		}
		wg.Wait()
		created := 0
		for i := range attempts {
			switch {
			case results[i] != nil:
				t.Errorf("attempt %d: %v", i, results[i])
			case outs[i].Created:
				created++
			case outs[i].Existing == nil:
				t.Errorf("attempt %d: outcome %+v", i, outs[i])
			}
		}
		if created != 1 {
			t.Errorf("%d created, want 1", created)
		}
		if n := countRegistrations(t, db, c.ID); n != 1 {
			t.Errorf("%d stored, want 1", n)
		}
	})
}

func TestConfirmAndCancel(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "open", nil)
		r := newRegistration(c, "ada@example.org", now)
		if _, err := db.Register(ctx, c, r, now); err != nil {
			t.Fatal(err)
		}

		confirmedAt := now.Add(time.Hour)
		got, err := regOf(db.ConfirmRegistration(ctx, r.ID, confirmedAt))
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != registration.Approved {
			t.Errorf("status %q, want approved (no approval required)", got.Status)
		}
		sameTimePtr(t, "ConfirmedAt", got.ConfirmedAt, &confirmedAt)

		// Confirming twice is fine and keeps the first time.
		got, err = regOf(db.ConfirmRegistration(ctx, r.ID, confirmedAt.Add(time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != registration.Approved {
			t.Errorf("status %q, want approved (no approval required)", got.Status)
		}
		sameTimePtr(t, "ConfirmedAt after second confirm", got.ConfirmedAt, &confirmedAt)

		cancelledAt := now.Add(3 * time.Hour)
		got, err = regOf(db.CancelRegistration(ctx, r.ID, cancelledAt))
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != registration.Cancelled {
			t.Errorf("status %q, want cancelled", got.Status)
		}
		sameTimePtr(t, "CancelledAt", got.CancelledAt, &cancelledAt)

		// Cancelling twice keeps the first time; confirming after is refused.
		got, err = regOf(db.CancelRegistration(ctx, r.ID, cancelledAt.Add(time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		sameTimePtr(t, "CancelledAt after second cancel", got.CancelledAt, &cancelledAt)
		got, err = regOf(db.ConfirmRegistration(ctx, r.ID, cancelledAt.Add(time.Hour)))
		wantErr(t, err, errs.Closed, "registration.cancelled")
		if got == nil || got.Status != registration.Cancelled {
			t.Errorf("confirm after cancel returned %+v", got)
		}

		_, err = regOf(db.ConfirmRegistration(ctx, "no-such-id", now))
		wantErr(t, err, errs.NotFound, "registration.not_found")
		_, err = regOf(db.CancelRegistration(ctx, "no-such-id", now))
		wantErr(t, err, errs.NotFound, "registration.not_found")
	})
}

func TestRegistrationsFilterAndBalance(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "open", nil)
		otherC := newConsultation(t, db, rv.ID, "other", nil)
		if _, err := db.Register(ctx, otherC, newRegistration(otherC, "x@example.org", now), now); err != nil {
			t.Fatal(err)
		}

		type person struct {
			email, group, country, gender string
			status                        registration.Status
		}
		people := []person{ // created one minute apart, in this order
			{"a@example.org", "government", "CH", "woman", registration.Confirmed},
			{"b@example.org", "civil_society", "KE", "man", registration.PendingConfirmation},
			{"c@example.org", "civil_society", "CH", "", registration.Confirmed},
			{"d@example.org", "academia", "BR", "woman", registration.Cancelled},
			{"e@example.org", "civil_society", "BR", "non_binary", registration.PendingConfirmation},
		}
		ids := map[string]string{}
		for i, p := range people {
			at := now.Add(time.Duration(i) * time.Minute)
			r := newRegistration(c, p.email, at)
			r.StakeholderGroup, r.Country, r.Gender = stakeholderGroup(p.group), p.country, p.gender
			if _, err := db.Register(ctx, c, r, at); err != nil {
				t.Fatal(err)
			}
			ids[p.email] = r.ID
			switch p.status {
			case registration.Confirmed:
				_, err := regOf(db.ConfirmRegistration(ctx, r.ID, at))
				if err != nil {
					t.Fatal(err)
				}
			case registration.Cancelled:
				if _, err := regOf(db.CancelRegistration(ctx, r.ID, at)); err != nil {
					t.Fatal(err)
				}
			}
		}

		for _, tc := range []struct {
			name  string
			f     store.RegistrationFilter
			want  []string // emails, newest first
			total int
		}{
			{"all", store.RegistrationFilter{}, []string{"e", "d", "c", "b", "a"}, 5},
			{"approved", store.RegistrationFilter{Status: "approved"}, []string{"c", "a"}, 2},
			{"cancelled", store.RegistrationFilter{Status: "cancelled"}, []string{"d"}, 1},
			{"group", store.RegistrationFilter{StakeholderGroup: "civil_society"}, []string{"e", "c", "b"}, 3},
			{"countries", store.RegistrationFilter{Countries: []string{"CH", "KE"}}, []string{"c", "b", "a"}, 3},
			{"one country", store.RegistrationFilter{Countries: []string{"BR"}}, []string{"e", "d"}, 2},
			{"no countries", store.RegistrationFilter{Countries: []string{}}, nil, 0},
			{"combined", store.RegistrationFilter{Status: "pending_confirmation", StakeholderGroup: "civil_society",
				Countries: []string{"KE", "BR"}}, []string{"e", "b"}, 2},
			{"limit", store.RegistrationFilter{Limit: 2}, []string{"e", "d"}, 5},
			{"limit offset", store.RegistrationFilter{Limit: 2, Offset: 2}, []string{"c", "b"}, 5},
			{"offset past end", store.RegistrationFilter{Limit: 2, Offset: 10}, nil, 5},
			{"filtered page", store.RegistrationFilter{StakeholderGroup: "civil_society", Limit: 1, Offset: 1}, []string{"c"}, 3},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f := tc.f
				f.ConsultationID = c.ID
				list, total, err := db.Registrations(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, r := range list {
					got = append(got, r.Email[:1])
					if r.ConsultationID != c.ID {
						t.Errorf("registration of consultation %d listed", r.ConsultationID)
					}
				}
				if !reflect.DeepEqual(got, tc.want) || total != tc.total {
					t.Errorf("got %v total %d, want %v total %d", got, total, tc.want, tc.total)
				}
			})
		}

		b, err := db.RegistrationBalance(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Balance{ // d is cancelled and not counted
			Total:     4,
			ByGroup:   map[string]int{"government": 1, "civil_society": 3},
			ByCountry: map[string]int{"CH": 2, "KE": 1, "BR": 1},
			ByGender:  map[string]int{"woman": 1, "man": 1, "": 1, "non_binary": 1},
		}
		if !reflect.DeepEqual(b, want) {
			t.Errorf("balance = %+v, want %+v", b, want)
		}
		if n, err := db.TakenPlaces(ctx, c.ID); err != nil || n != 2 { // the confirmed a and c
			t.Errorf("TakenPlaces = %d, %v; want 2", n, err)
		}
		empty, err := db.RegistrationBalance(ctx, 999999)
		if err != nil || empty.Total != 0 || empty.ByGroup == nil {
			t.Errorf("empty balance = %+v, %v", empty, err)
		}
	})
}

// The public forms name the consultation by its slug only: Register finds
// it by the slug in its transaction, gives the registration its id, and
// does not find a consultation that is not public (nothing stored).
func TestRegisterBySlug(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		open := newConsultation(t, db, rv.ID, "open", nil)
		draft := newConsultation(t, db, rv.ID, "draft", func(c *consultation.Consultation) { c.Status = consultation.Draft })

		r := newRegistration(&consultation.Consultation{}, "ada@example.org", now)
		out, err := db.Register(ctx, &consultation.Consultation{Slug: "open"}, r, now)
		if err != nil || !out.Created {
			t.Fatalf("by slug: %+v, %v", out, err)
		}
		if r.ConsultationID != open.ID {
			t.Errorf("consultation id %d, want %d", r.ConsultationID, open.ID)
		}
		if got, err := db.RegistrationByID(ctx, r.ID); err != nil || got.ConsultationID != open.ID {
			t.Errorf("stored %+v, %v", got, err)
		}
		for _, slug := range []string{"draft", "no-such-consultation"} {
			_, err := db.Register(ctx, &consultation.Consultation{Slug: slug}, newRegistration(&consultation.Consultation{}, "bob@example.org", now), now)
			if !errs.Is(err, errs.NotFound) {
				t.Errorf("%s: %v, want not found", slug, err)
			}
		}
		if n := countRegistrations(t, db, draft.ID); n != 0 {
			t.Errorf("%d registrations stored for the draft", n)
		}
	})
}
