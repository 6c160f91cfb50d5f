package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
)

// A place is held by a confirmed registration, and only by one. The places
// held are consultations.places_taken, moved in the transaction of the
// status change that moves it (confirm: +1, cancel of a confirmed one: -1),
// so reading it never counts registrations. A pending registration holds
// none: cancelling it, re-registering after a cancellation and purging it
// when it expires leave the counter alone.

// ConfirmRegistration marks a pending registration confirmed and takes its
// place. When every place is held meanwhile, nothing changes: the
// registration stays pending (a Closed error "registration.full_at_confirm"),
// and its link confirms it if a place is freed before it expires.
// Confirming twice is not an error; confirming a cancelled one is.
func (db *DB) ConfirmRegistration(ctx context.Context, id string, now time.Time) (r *registration.Registration, err error) {
	defer errs.Wrap(&err, "store.ConfirmRegistration")
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		var consultationID int64
		err := tx.QueryRowContext(ctx, `UPDATE registrations SET status='confirmed', confirmed_at=$2
			WHERE id=$1 AND status='pending_confirmation' RETURNING consultation_id`, id, now.UTC()).Scan(&consultationID)
		switch {
		case errors.Is(err, sql.ErrNoRows): // not pending: confirmed before, cancelled or gone
		case err != nil:
			return err
		default:
			if err := takePlace(ctx, tx, consultationID); err != nil {
				return err
			}
		}
		r, err = registrationIn(ctx, tx, id)
		return err
	})
	return wantStatus(r, err, registration.Confirmed)
}

// takePlace adds one to the places held unless they are all held. The
// UPDATE locks the consultation's row on PostgreSQL and re-checks the
// condition on the row it waited for, so two instances cannot both take
// the last place; SQLite transactions are serialised by BEGIN IMMEDIATE.
func takePlace(ctx context.Context, tx *sql.Tx, consultationID int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE consultations SET places_taken = places_taken + 1
		WHERE id=$1 AND (capacity = 0 OR places_taken < capacity)`, consultationID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	return errs.E(errs.Closed, "registration.full_at_confirm")
}

// CancelRegistration cancels a registration and, if it was confirmed,
// frees its place. Cancelling twice is not an error.
func (db *DB) CancelRegistration(ctx context.Context, id string, now time.Time) (r *registration.Registration, err error) {
	defer errs.Wrap(&err, "store.CancelRegistration")
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		// RETURNING gives the row after the update; confirmed_at, set only
		// by confirmation and kept by cancellation, tells whether it held a
		// place.
		var consultationID int64
		var confirmed sql.NullTime
		err := tx.QueryRowContext(ctx, `UPDATE registrations SET status='cancelled', cancelled_at=$2
			WHERE id=$1 AND status <> 'cancelled' RETURNING consultation_id, confirmed_at`, id, now.UTC()).
			Scan(&consultationID, &confirmed)
		switch {
		case errors.Is(err, sql.ErrNoRows): // cancelled before, or gone
		case err != nil:
			return err
		case confirmed.Valid:
			if _, err := tx.ExecContext(ctx, `UPDATE consultations SET places_taken = places_taken - 1 WHERE id=$1`,
				consultationID); err != nil {
				return err
			}
		}
		r, err = registrationIn(ctx, tx, id)
		return err
	})
	return wantStatus(r, err, registration.Cancelled)
}

func registrationIn(ctx context.Context, tx *sql.Tx, id string) (*registration.Registration, error) {
	r, err := scanRegistration(tx.QueryRowContext(ctx, `SELECT `+registrationCols+` FROM registrations WHERE id=$1`, id))
	return r, notFound(err, "registration.not_found")
}

// wantStatus turns a registration that a status change left in another
// status (only a cancelled one can be) into the error that says so.
func wantStatus(r *registration.Registration, err error, want registration.Status) (*registration.Registration, error) {
	if err == nil && r.Status != want {
		return r, errs.E(errs.Closed, "registration.cancelled")
	}
	return r, err
}

// PurgeUnconfirmed deletes the registrations still pending confirmation
// that were created before before, batch rows per transaction so the writer
// is never held long, and returns how many it deleted. They hold no place,
// so the counter does not move. Running it twice, or on two instances at
// once, deletes each row once.
func (db *DB) PurgeUnconfirmed(ctx context.Context, before time.Time, batch int) (total int, err error) {
	defer errs.Wrap(&err, "store.PurgeUnconfirmed(%s)", before)
	for {
		n, err := db.purgeBatch(ctx, before.UTC(), batch)
		total += n
		if err != nil || n < batch {
			return total, err
		}
	}
}

// purgeBatch repeats the condition outside the subquery: on PostgreSQL a
// registration confirmed while the DELETE waited for its row is re-checked
// against it and kept.
func (db *DB) purgeBatch(ctx context.Context, before time.Time, batch int) (n int, err error) {
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM registrations
			WHERE status='pending_confirmation' AND created_at < $1 AND id IN (
				SELECT id FROM registrations WHERE status='pending_confirmation' AND created_at < $1 LIMIT $2)`,
			before, batch)
		if err != nil {
			return err
		}
		k, err := res.RowsAffected()
		n = int(k)
		return err
	})
	return n, err
}
