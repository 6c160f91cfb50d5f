package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/store"
)

func TestApproveRegistration(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rv := newReview(t, db, "wsis")
		c := newConsultation(t, db, rv.ID, "by-approval", func(c *consultation.Consultation) { c.ApprovalRequired = true })
		other := newConsultation(t, db, rv.ID, "other", nil)
		r := newRegistration(c, "ada@example.org", now)
		if _, err := db.Register(ctx, c, r, now, nop); err != nil {
			t.Fatal(err)
		}
		// Pending: not yet.
		_, err := db.ApproveRegistration(ctx, c.ID, r.ID, now)
		wantErr(t, err, errs.Conflict, "adminregs.approve.not_confirmed")
		if got, _ := db.RegistrationByID(ctx, r.ID); got.ApprovedAt != nil || got.Approved(true) {
			t.Fatalf("pending registration approved: %+v", got.ApprovedAt)
		}
		if _, err := db.ConfirmRegistration(ctx, r.ID, now); err != nil {
			t.Fatal(err)
		}
		// Through another consultation, or an unknown id: not found.
		_, err = db.ApproveRegistration(ctx, other.ID, r.ID, now)
		wantErr(t, err, errs.NotFound, "registration.not_found")
		_, err = db.ApproveRegistration(ctx, c.ID, "nope", now)
		wantErr(t, err, errs.NotFound, "registration.not_found")

		at := now.Add(time.Hour)
		got, err := db.ApproveRegistration(ctx, c.ID, r.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		sameTimePtr(t, "ApprovedAt", got.ApprovedAt, &at)
		if !got.Approved(true) {
			t.Error("an approved, confirmed registration is not Approved")
		}
		// Approving again keeps the first time; the list reads it back.
		again, err := db.ApproveRegistration(ctx, c.ID, r.ID, at.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		sameTimePtr(t, "ApprovedAt after a second approval", again.ApprovedAt, &at)
		list, _, err := db.Registrations(ctx, store.RegistrationFilter{ConsultationID: c.ID})
		if err != nil || len(list) != 1 {
			t.Fatal(err)
		}
		sameTimePtr(t, "listed ApprovedAt", list[0].ApprovedAt, &at)
	})
}
