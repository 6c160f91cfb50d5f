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

// approvedCount is the truth the places_taken counter must equal.
func approvedCount(t *testing.T, db *store.DB, consultationID int64) int {
	t.Helper()
	_, n, err := db.Registrations(context.Background(),
		store.RegistrationFilter{ConsultationID: consultationID, Status: string(registration.Approved)})
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
	if want := approvedCount(t, db, consultationID); taken != want {
		t.Errorf("places_taken = %d, approved registrations = %d", taken, want)
	}
	return taken
}

func statusOf(t *testing.T, db *store.DB, id string) registration.Status {
	t.Helper()
	r, err := db.RegistrationByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r.Status
}

// A pending registration holds no place; confirming approves while places
// are free and waitlists, in order, once they are all held; a place freed
// by a cancellation, a rejection or a moving back goes to the first
// waitlisted, and a raised capacity to the next ones.
func TestWaitlistAndPromotion(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "small", func(c *consultation.Consultation) { c.Capacity = 1 })
		var regs []*registration.Registration
		for i := range 5 {
			r := newRegistration(c, fmt.Sprintf("p%d@example.org", i), now)
			if _, err := db.Register(ctx, c, r, now); err != nil {
				t.Fatalf("register %s: %v", r.Email, err)
			}
			regs = append(regs, r)
		}
		if checkCounter(t, db, c.ID) != 0 {
			t.Error("pending registrations hold places")
		}
		a, b, d, e, f := regs[0].ID, regs[1].ID, regs[2].ID, regs[3].ID, regs[4].ID
		for i, id := range []string{a, b, d, e} {
			ch, err := db.ConfirmRegistration(ctx, id, now.Add(time.Duration(i)*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			want := registration.Waitlisted
			if i == 0 {
				want = registration.Approved
			}
			if ch.Reg.Status != want || ch.From != registration.PendingConfirmation {
				t.Errorf("confirm #%d: %q from %q, want %q", i, ch.Reg.Status, ch.From, want)
			}
		}
		// a cancels: b, waitlisted first, gets the place in the same change.
		ch, err := db.CancelRegistration(ctx, a, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(ch.Promoted) != 1 || ch.Promoted[0].ID != b || statusOf(t, db, b) != registration.Approved {
			t.Errorf("cancellation promoted %v, want %s", ch.Promoted, b)
		}
		// b is rejected: d, next in line, is promoted; e still waits.
		ch, err = db.RejectRegistration(ctx, c.ID, b, "not eligible", now)
		if err != nil || ch.Reg.RejectReason != "not eligible" {
			t.Fatalf("reject: %+v, %v", ch.Reg, err)
		}
		if len(ch.Promoted) != 1 || ch.Promoted[0].ID != d || statusOf(t, db, e) != registration.Waitlisted {
			t.Errorf("rejection promoted %v, want %s", ch.Promoted, d)
		}
		// d is moved back to awaiting approval: e gets the place.
		ch, err = db.UnapproveRegistration(ctx, c.ID, d, now)
		if err != nil || ch.Reg.Status != registration.Confirmed || len(ch.Promoted) != 1 || ch.Promoted[0].ID != e {
			t.Fatalf("unapprove: %q, promoted %v, %v", ch.Reg.Status, ch.Promoted, err)
		}
		// Approving d again, with every place held, waitlists it.
		ch, err = db.ApproveRegistration(ctx, c.ID, d, now)
		if err != nil || ch.Reg.Status != registration.Waitlisted {
			t.Fatalf("approve when full: %q, %v", ch.Reg.Status, err)
		}
		// A raised capacity promotes the waitlisted (d; f is still pending).
		c.Capacity = 5
		if err := db.SaveConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		promoted, err := db.PromoteWaitlisted(ctx, c.ID, now)
		if err != nil || len(promoted) != 1 || promoted[0].ID != d {
			t.Fatalf("promote: %v, %v; want %s", promoted, err, d)
		}
		if statusOf(t, db, f) != registration.PendingConfirmation {
			t.Error("a pending registration was promoted")
		}
		// Rejecting twice and approving an approved one change nothing.
		if ch, err := db.RejectRegistration(ctx, c.ID, b, "again", now); err != nil || ch.Changed() {
			t.Errorf("second rejection: changed %v, %v", ch.Changed(), err)
		}
		if ch, err := db.ApproveRegistration(ctx, c.ID, e, now); err != nil || ch.Changed() {
			t.Errorf("second approval: changed %v, %v", ch.Changed(), err)
		}
		// Pending and cancelled registrations cannot be approved or rejected.
		_, err = db.ApproveRegistration(ctx, c.ID, f, now)
		wantErr(t, err, errs.Conflict, "adminregs.approve.not_confirmed")
		_, err = db.RejectRegistration(ctx, c.ID, a, "x", now)
		wantErr(t, err, errs.Conflict, "adminregs.reject.not_standing")
		if n := checkCounter(t, db, c.ID); n != 2 {
			t.Errorf("places_taken = %d, want 2 (d and e)", n)
		}
	})
}

// Where the secretariat approves, confirming holds no place: the
// registrant awaits approval.
func TestConfirmAwaitsApproval(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "vetted", func(c *consultation.Consultation) { c.ApprovalRequired = true; c.Capacity = 1 })
		r := newRegistration(c, "ada@example.org", now)
		if _, err := db.Register(ctx, c, r, now); err != nil {
			t.Fatal(err)
		}
		ch, err := db.ConfirmRegistration(ctx, r.ID, now)
		if err != nil || ch.Reg.Status != registration.Confirmed || checkCounter(t, db, c.ID) != 0 {
			t.Fatalf("confirm: %q, %v", ch.Reg.Status, err)
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
		t.Errorf("register %d: %v", i, err)
		return
	}
	if _, err := regOf(db.ConfirmRegistration(ctx, r.ID, now)); err != nil && errs.KindOf(err) != errs.Conflict {
		t.Errorf("confirm %d: %v", i, err)
	}
	switch i % 3 {
	case 0:
		if _, err := db.ApproveRegistration(ctx, c.ID, r.ID, now); err != nil && errs.KindOf(err) != errs.Conflict {
			t.Errorf("approve %d: %v", i, err)
		}
	case 1:
		if _, err := db.RejectRegistration(ctx, c.ID, r.ID, "no", now); err != nil && errs.KindOf(err) != errs.Conflict {
			t.Errorf("reject %d: %v", i, err)
		}
		return
	}
	if i%2 == 0 {
		return
	}
	if _, err := regOf(db.CancelRegistration(ctx, r.ID, now)); err != nil {
		t.Errorf("cancel %d: %v", i, err)
	}
	again := newRegistration(c, r.Email, now)
	if out, err := db.Register(ctx, c, again, now); err != nil || !out.Created {
		t.Errorf("register again %d: %+v %v", i, out, err)
		return
	}
	if _, err := regOf(db.ConfirmRegistration(ctx, again.ID, now)); err != nil && errs.KindOf(err) != errs.Conflict {
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
		if _, err := regOf(db.ConfirmRegistration(ctx, first.ID, now)); err != nil {
			t.Fatal(err)
		}
		if _, err := regOf(db.CancelRegistration(ctx, first.ID, now)); err != nil {
			t.Fatal(err)
		}
		second := newRegistration(c, "ada@example.org", now)
		if out, err := db.Register(ctx, c, second, now); err != nil || !out.Created {
			t.Fatalf("register again: %+v, %v", out, err)
		}
		// The old id's confirmation is refused and leaves the new one alone.
		_, err := regOf(db.ConfirmRegistration(ctx, first.ID, now))
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
				if _, err := regOf(db.ConfirmRegistration(ctx, id, old)); err != nil {
					t.Fatal(err)
				}
			},
			"cancelled": func(id string) {
				if _, err := regOf(db.CancelRegistration(ctx, id, old)); err != nil {
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
