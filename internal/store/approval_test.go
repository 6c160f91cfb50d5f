package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

func TestApproveRegistration(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "by-approval", func(c *consultation.Consultation) { c.ApprovalRequired = true })
		other := newConsultation(t, db, rv.ID, "other", nil)
		r := newRegistration(c, "ada@example.org", now)
		if _, err := db.Register(ctx, c, r, now); err != nil {
			t.Fatal(err)
		}
		// Pending: not yet.
		_, err := db.ApproveRegistration(ctx, c.ID, r.ID, now)
		wantErr(t, err, errs.Conflict, "adminregs.approve.not_confirmed")
		if got, _ := db.RegistrationByID(ctx, r.ID); got.ApprovedAt != nil || got.Approved() {
			t.Fatalf("pending registration approved: %+v", got.ApprovedAt)
		}
		if _, err := regOf(db.ConfirmRegistration(ctx, r.ID, now)); err != nil {
			t.Fatal(err)
		}
		// Through another consultation, or an unknown id: not found.
		_, err = db.ApproveRegistration(ctx, other.ID, r.ID, now)
		wantErr(t, err, errs.NotFound, "registration.not_found")
		_, err = db.ApproveRegistration(ctx, c.ID, "nope", now)
		wantErr(t, err, errs.NotFound, "registration.not_found")

		// What runs with the approval (the email's job) is undone with it…
		failing := func(context.Context) error { return errors.New("queue down") }
		if _, err := approveThen(ctx, db, c.ID, r.ID, now, failing); err == nil {
			t.Fatal("approval succeeded although its job could not be enqueued")
		}
		if got, _ := db.RegistrationByID(ctx, r.ID); got.ApprovedAt != nil {
			t.Fatal("approval kept although its job failed")
		}
		// …and runs once: with the approval, not with a second one.
		runs := 0
		then := func(context.Context) error { runs++; return nil }
		at := now.Add(time.Hour)
		got, err := approveThen(ctx, db, c.ID, r.ID, at, then)
		if err != nil {
			t.Fatal(err)
		}
		sameTimePtr(t, "ApprovedAt", got.ApprovedAt, &at)
		if !got.Approved() || got.Status != registration.Approved {
			t.Errorf("an approved registration is %q", got.Status)
		}
		// Approving again keeps the first time; the list reads it back.
		again, err := approveThen(ctx, db, c.ID, r.ID, at.Add(time.Hour), then)
		if err != nil {
			t.Fatal(err)
		}
		if runs != 1 {
			t.Errorf("the approval's job ran %d times, want 1", runs)
		}
		sameTimePtr(t, "ApprovedAt after a second approval", again.ApprovedAt, &at)
		list, _, err := db.Registrations(ctx, store.RegistrationFilter{ConsultationID: c.ID})
		if err != nil || len(list) != 1 {
			t.Fatal(err)
		}
		sameTimePtr(t, "listed ApprovedAt", list[0].ApprovedAt, &at)

		// The dashboard's counts: one approved here; add one awaiting
		// approval, one pending, one cancelled.
		for i, step := range []func(id string) error{
			func(id string) error { _, err := regOf(db.ConfirmRegistration(ctx, id, now)); return err },
			func(string) error { return nil },
			func(id string) error { _, err := regOf(db.CancelRegistration(ctx, id, now)); return err },
		} {
			more := newRegistration(c, fmt.Sprintf("more%d@example.org", i), now)
			if _, err := db.Register(ctx, c, more, now); err != nil {
				t.Fatal(err)
			}
			if err := step(more.ID); err != nil {
				t.Fatal(err)
			}
		}
		counts, err := db.RegistrationCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := store.RegistrationCount{Pending: 1, Confirmed: 1, Approved: 1, Cancelled: 1}
		if got := counts[c.ID]; got != want {
			t.Errorf("counts %+v, want %+v", got, want)
		}
		if got := counts[other.ID]; got != (store.RegistrationCount{}) {
			t.Errorf("the other consultation counts %+v, want none", got)
		}
	})
}
