package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// confirmedCount is the truth the places_taken counter must equal.
func confirmedCount(t *testing.T, db *store.DB, consultationID int64) int {
	t.Helper()
	_, n, err := db.Registrations(context.Background(),
		store.RegistrationFilter{ConsultationID: consultationID, Status: string(registration.Confirmed)})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func checkCounter(t *testing.T, db *store.DB, consultationID int64) int {
	t.Helper()
	taken, err := db.TakenPlaces(context.Background(), consultationID)
	if err != nil {
		t.Fatal(err)
	}
	if want := confirmedCount(t, db, consultationID); taken != want {
		t.Errorf("places_taken = %d, confirmed registrations = %d", taken, want)
	}
	return taken
}

// A pending registration holds no place: it does not count, and it does
// not stop anyone registering; only confirmed ones fill the consultation.
func TestPendingHoldsNoPlace(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "small", func(c *consultation.Consultation) { c.Capacity = 1 })
		a, b := newRegistration(c, "a@example.org", now), newRegistration(c, "b@example.org", now)
		for _, r := range []*registration.Registration{a, b} {
			if _, err := db.Register(ctx, c, r, now); err != nil {
				t.Fatalf("register %s with no place held: %v", r.Email, err)
			}
		}
		if checkCounter(t, db, c.ID) != 0 {
			t.Error("pending registrations hold places")
		}
		if _, err := db.ConfirmRegistration(ctx, a.ID, now); err != nil {
			t.Fatal(err)
		}
		// b confirmed its address too late: refused, kept pending.
		_, err := db.ConfirmRegistration(ctx, b.ID, now)
		wantErr(t, err, errs.Closed, "registration.full_at_confirm")
		if got, _ := db.RegistrationByID(ctx, b.ID); got.Status != registration.PendingConfirmation || got.ConfirmedAt != nil {
			t.Errorf("refused confirmation left %q %v, want pending", got.Status, got.ConfirmedAt)
		}
		_, err = db.Register(ctx, c, newRegistration(c, "c@example.org", now), now)
		wantErr(t, err, errs.Closed, "registration.full")
		// a cancels: the place is free, and b's link now confirms.
		if _, err := db.CancelRegistration(ctx, a.ID, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ConfirmRegistration(ctx, b.ID, now); err != nil {
			t.Errorf("confirm into the freed place: %v", err)
		}
		// Cancelling a pending registration frees nothing.
		p := newRegistration(c, "p@example.org", now)
		c.Capacity = 2
		if err := db.SaveConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Register(ctx, c, p, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CancelRegistration(ctx, p.ID, now); err != nil {
			t.Fatal(err)
		}
		if n := checkCounter(t, db, c.ID); n != 1 {
			t.Errorf("places_taken = %d, want 1", n)
		}
	})
}

// Registrations, confirmations, cancellations (of pending and confirmed
// ones), re-registrations and approvals run at once: the counter ends equal
// to the confirmed registrations, and never above the capacity.
func TestPlacesCounterUnderConcurrency(t *testing.T) {
	const people, capacity = 24, 10
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "busy", func(c *consultation.Consultation) { c.Capacity = capacity })
		var wg sync.WaitGroup
		for i := range people {
			wg.Go(func() { churn(ctx, t, db, c, i) })
		}
		wg.Wait()
		if n := checkCounter(t, db, c.ID); n > capacity || n == 0 {
			t.Errorf("places_taken = %d, want 1..%d", n, capacity)
		}
	})
}

// churn is one person's busy life: register, confirm, maybe get approved,
// maybe cancel and register again and confirm again.
func churn(ctx context.Context, t *testing.T, db *store.DB, c *consultation.Consultation, i int) {
	r := newRegistration(c, fmt.Sprintf("p%02d@example.org", i), now)
	if _, err := db.Register(ctx, c, r, now); err != nil {
		if errs.CodeOf(err) != "registration.full" {
			t.Errorf("register %d: %v", i, err)
		}
		return
	}
	if _, err := db.ConfirmRegistration(ctx, r.ID, now); err != nil && errs.CodeOf(err) != "registration.full_at_confirm" {
		t.Errorf("confirm %d: %v", i, err)
	}
	if i%3 == 0 {
		if _, _, err := db.ApproveRegistration(ctx, c.ID, r.ID, now); err != nil && errs.KindOf(err) != errs.Conflict {
			t.Errorf("approve %d: %v", i, err)
		}
	}
	if i%2 == 0 {
		return
	}
	if _, err := db.CancelRegistration(ctx, r.ID, now); err != nil {
		t.Errorf("cancel %d: %v", i, err)
	}
	again := newRegistration(c, r.Email, now)
	if _, err := db.Register(ctx, c, again, now); err != nil && errs.CodeOf(err) != "registration.full" {
		t.Errorf("register again %d: %v", i, err)
		return
	}
	if _, err := db.ConfirmRegistration(ctx, again.ID, now); err != nil && errs.KindOf(err) != errs.Closed &&
		errs.KindOf(err) != errs.NotFound {
		t.Errorf("confirm again %d: %v", i, err)
	}
}

// After cancelling, a new registration of the address has a new id; the
// old one stays cancelled, so its links act on nothing new, and an address
// still has at most one registration that is not cancelled.
func TestRegisterAgainAfterCancelIsNew(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "open", nil)
		first := newRegistration(c, "ada@example.org", now)
		if _, err := db.Register(ctx, c, first, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ConfirmRegistration(ctx, first.ID, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CancelRegistration(ctx, first.ID, now); err != nil {
			t.Fatal(err)
		}
		second := newRegistration(c, "ada@example.org", now)
		if out, err := db.Register(ctx, c, second, now); err != nil || !out.Created {
			t.Fatalf("register again: %+v, %v", out, err)
		}
		// The old id's confirmation is refused and leaves the new one alone.
		_, err := db.ConfirmRegistration(ctx, first.ID, now)
		wantErr(t, err, errs.Closed, "registration.cancelled")
		if got, _ := db.RegistrationByID(ctx, second.ID); got.Status != registration.PendingConfirmation {
			t.Errorf("new registration %q after the old link, want pending", got.Status)
		}
		// A third attempt finds the new one.
		out, err := db.Register(ctx, c, newRegistration(c, "ada@example.org", now), now)
		if err != nil || out.Created || out.Existing == nil || out.Existing.ID != second.ID {
			t.Fatalf("third: %+v, %v; want Existing %s", out, err, second.ID)
		}
		if n := checkCounter(t, db, c.ID); n != 0 {
			t.Errorf("places_taken = %d, want 0", n)
		}
	})
}

// The purge deletes pending registrations older than the cut-off, in
// batches, and nothing else; running it again deletes nothing.
func TestPurgeUnconfirmed(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "open", nil)
		cutoff := now.Add(-48 * time.Hour)
		old, recent := cutoff.Add(-time.Minute), cutoff.Add(time.Minute)
		var stale []string
		for i := range 7 {
			r := newRegistration(c, fmt.Sprintf("stale%d@example.org", i), old)
			if _, err := db.Register(ctx, c, r, now); err != nil {
				t.Fatal(err)
			}
			stale = append(stale, r.ID)
		}
		keep := map[string]func(id string){
			"fresh": func(string) {},
			"confirmed": func(id string) {
				if _, err := db.ConfirmRegistration(ctx, id, old); err != nil {
					t.Fatal(err)
				}
			},
			"cancelled": func(id string) {
				if _, err := db.CancelRegistration(ctx, id, old); err != nil {
					t.Fatal(err)
				}
			},
		}
		var kept []string
		for name, then := range keep {
			at := old
			if name == "fresh" {
				at = recent
			}
			r := newRegistration(c, name+"@example.org", at)
			if _, err := db.Register(ctx, c, r, now); err != nil {
				t.Fatal(err)
			}
			then(r.ID)
			kept = append(kept, r.ID)
		}

		if n, err := db.PurgeUnconfirmed(ctx, cutoff, 3); err != nil || n != len(stale) {
			t.Fatalf("PurgeUnconfirmed = %d, %v; want %d", n, err, len(stale))
		}
		for _, id := range stale {
			if _, err := db.RegistrationByID(ctx, id); errs.KindOf(err) != errs.NotFound {
				t.Errorf("stale %s not purged: %v", id, err)
			}
		}
		for _, id := range kept {
			if _, err := db.RegistrationByID(ctx, id); err != nil {
				t.Errorf("%s purged: %v", id, err)
			}
		}
		if n, err := db.PurgeUnconfirmed(ctx, cutoff, 3); err != nil || n != 0 {
			t.Errorf("second purge = %d, %v; want 0", n, err)
		}
		if n := checkCounter(t, db, c.ID); n != 1 {
			t.Errorf("places_taken = %d, want 1", n)
		}
	})
}
