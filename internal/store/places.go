package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
)

// A place is held by an approved registration, and only by one. The places
// held are consultations.places_taken, moved in the transaction of the
// status change that moves it (approval: +1; cancellation, rejection or
// moving back of an approved one: -1), so reading it never counts
// registrations. When every place is held, a registrant who would be
// approved is waitlisted instead, and each place freed goes to the one
// waitlisted first, in the same transaction as the change that freed it.
//
// Races for a place are settled on the consultation's row: the conditional
// UPDATE in takePlace locks it on PostgreSQL (a second instance waits, then
// re-checks the condition on the row it waited for) and SQLite's single
// writer serialises the transactions.

// ConfirmRegistration is the registrant's double opt-in: a pending
// registration becomes confirmed where the secretariat approves, approved
// where it does not and a place is free, and waitlisted when every place is
// held. Confirming twice changes nothing; confirming a cancelled
// registration is an error.
func (db *DB) ConfirmRegistration(ctx context.Context, id string, now time.Time) (ch registration.Change, err error) {
	defer errs.Wrap(&err, "store.ConfirmRegistration")
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if ch, err = db.beginChange(ctx, tx, id); err != nil || ch.From != registration.PendingConfirmation {
			return err
		}
		var approval bool
		if err := tx.QueryRowContext(ctx, `SELECT approval_required FROM consultations WHERE id=$1`,
			ch.Reg.ConsultationID).Scan(&approval); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET confirmed_at=$2 WHERE id=$1`, id, now.UTC()); err != nil {
			return err
		}
		to := registration.Confirmed
		if !approval {
			if to, err = placeOrWaitlist(ctx, tx, ch.Reg.ConsultationID); err != nil {
				return err
			}
		}
		return db.finishChange(ctx, tx, &ch, to, now)
	})
	if err == nil && ch.Reg.Status == registration.Cancelled {
		err = errs.E(errs.Closed, "registration.cancelled")
	}
	return ch, err
}

// ApproveRegistration is the secretariat's approval of a confirmed,
// waitlisted or rejected registration of consultation consultationID: it
// takes a place, or waitlists the registrant when every place is held.
// Approving an approved registration changes nothing; a pending or
// cancelled one cannot be approved (Conflict).
func (db *DB) ApproveRegistration(ctx context.Context, consultationID int64, id string, now time.Time) (ch registration.Change, err error) {
	defer errs.Wrap(&err, "store.ApproveRegistration(%q)", id)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if ch, err = db.beginChangeOf(ctx, tx, consultationID, id); err != nil {
			return err
		}
		switch ch.From {
		case registration.Approved:
			return nil
		case registration.Confirmed, registration.Waitlisted, registration.Rejected:
		default:
			return errs.E(errs.Conflict, "adminregs.approve.not_confirmed")
		}
		to, err := placeOrWaitlist(ctx, tx, consultationID)
		if err != nil || (to == registration.Waitlisted && ch.From == registration.Waitlisted) {
			return err
		}
		return db.finishChange(ctx, tx, &ch, to, now)
	})
	return ch, err
}

// RejectRegistration is the secretariat's refusal, with its reason, of a
// registration that stands (confirmed, waitlisted or approved). A place it
// held goes to the first waitlisted. Rejecting twice changes nothing.
func (db *DB) RejectRegistration(ctx context.Context, consultationID int64, id, reason string, now time.Time) (ch registration.Change, err error) {
	defer errs.Wrap(&err, "store.RejectRegistration(%q)", id)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if ch, err = db.beginChangeOf(ctx, tx, consultationID, id); err != nil {
			return err
		}
		switch ch.From {
		case registration.Rejected:
			return nil
		case registration.Confirmed, registration.Waitlisted, registration.Approved:
		default:
			return errs.E(errs.Conflict, "adminregs.reject.not_standing")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET reject_reason=$2 WHERE id=$1`, id, reason); err != nil {
			return err
		}
		return db.finishChange(ctx, tx, &ch, registration.Rejected, now)
	})
	return ch, err
}

// UnapproveRegistration moves an approved registration back to confirmed
// (awaiting approval): its place goes to the first waitlisted and its join
// link stops working. Other statuses are left alone.
func (db *DB) UnapproveRegistration(ctx context.Context, consultationID int64, id string, now time.Time) (ch registration.Change, err error) {
	defer errs.Wrap(&err, "store.UnapproveRegistration(%q)", id)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if ch, err = db.beginChangeOf(ctx, tx, consultationID, id); err != nil || ch.From != registration.Approved {
			return err
		}
		return db.finishChange(ctx, tx, &ch, registration.Confirmed, now)
	})
	return ch, err
}

// CancelRegistration is the registrant's withdrawal; a place it held goes
// to the first waitlisted. Cancelling twice is not an error.
func (db *DB) CancelRegistration(ctx context.Context, id string, now time.Time) (ch registration.Change, err error) {
	defer errs.Wrap(&err, "store.CancelRegistration")
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if ch, err = db.beginChange(ctx, tx, id); err != nil || ch.From == registration.Cancelled {
			return err
		}
		return db.finishChange(ctx, tx, &ch, registration.Cancelled, now)
	})
	return ch, err
}

// PromoteWaitlisted gives free places to the waitlisted, first come first
// served (after a raised capacity), and returns whom it promoted.
func (db *DB) PromoteWaitlisted(ctx context.Context, consultationID int64, now time.Time) (promoted []*registration.Registration, err error) {
	defer errs.Wrap(&err, "store.PromoteWaitlisted(%d)", consultationID)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		promoted, err = db.promote(ctx, tx, consultationID, now)
		return err
	})
	return promoted, err
}

// beginChange locks the consultation's row, then reads registration id
// and the consultation's link version. Every status change takes the
// consultation's row first, so changes of one consultation run one at a
// time on PostgreSQL too, in one lock order (no deadlock), and a
// promotion never picks a registrant another change is moving.
func (db *DB) beginChange(ctx context.Context, tx *sql.Tx, id string) (registration.Change, error) {
	var ch registration.Change
	err := tx.QueryRowContext(ctx, `SELECT link_version FROM consultations
		WHERE id = (SELECT consultation_id FROM registrations WHERE id=$1)`+db.dialect.forUpdate, id).Scan(&ch.LinkVersion)
	if err != nil {
		return ch, notFound(err, "registration.not_found")
	}
	if ch.Reg, err = registrationIn(ctx, tx, id); err != nil {
		return ch, err
	}
	ch.From = ch.Reg.Status
	return ch, nil
}

// beginChangeOf is beginChange for a registration that must belong to
// consultationID (the secretariat acts through a consultation's list).
func (db *DB) beginChangeOf(ctx context.Context, tx *sql.Tx, consultationID int64, id string) (registration.Change, error) {
	ch, err := db.beginChange(ctx, tx, id)
	if err == nil && ch.Reg.ConsultationID != consultationID {
		return ch, errs.E(errs.NotFound, "registration.not_found")
	}
	return ch, err
}

// finishChange moves ch.Reg to status to, frees its place when it leaves
// approved (promoting the first waitlisted into it) and reloads it.
func (db *DB) finishChange(ctx context.Context, tx *sql.Tx, ch *registration.Change, to registration.Status, now time.Time) error {
	stamp := map[registration.Status]string{registration.Approved: "approved_at", registration.Waitlisted: "waitlisted_at",
		registration.Rejected: "rejected_at", registration.Cancelled: "cancelled_at"}[to]
	q := `UPDATE registrations SET status=$2 WHERE id=$1 AND status=$3`
	args := []any{ch.Reg.ID, string(to), string(ch.From)}
	if stamp != "" {
		q = `UPDATE registrations SET status=$2, ` + stamp + `=$4 WHERE id=$1 AND status=$3`
		args = append(args, now.UTC())
	}
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		// Another request changed it since beginChange read it.
		return cmpErr(err, errs.E(errs.Conflict, "registration.changed"))
	}
	if ch.From == registration.Approved {
		if err := freePlace(ctx, tx, ch.Reg.ConsultationID); err != nil {
			return err
		}
		if ch.Promoted, err = db.promote(ctx, tx, ch.Reg.ConsultationID, now); err != nil {
			return err
		}
	}
	ch.Reg, err = registrationIn(ctx, tx, ch.Reg.ID)
	return err
}

// placeOrWaitlist takes a place for a registrant about to be approved, or
// says they wait.
func placeOrWaitlist(ctx context.Context, tx *sql.Tx, consultationID int64) (registration.Status, error) {
	ok, err := takePlace(ctx, tx, consultationID)
	if err != nil || !ok {
		return registration.Waitlisted, err
	}
	return registration.Approved, nil
}

// takePlace adds one to the places held unless they are all held, and
// reports whether it did. The UPDATE holds the consultation's row until the
// transaction ends.
func takePlace(ctx context.Context, tx *sql.Tx, consultationID int64) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE consultations SET places_taken = places_taken + 1
		WHERE id=$1 AND (capacity = 0 OR places_taken < capacity)`, consultationID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func freePlace(ctx context.Context, tx *sql.Tx, consultationID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE consultations SET places_taken = places_taken - 1 WHERE id=$1`, consultationID)
	return err
}

// promote approves the waitlisted in order while places are free. The
// place is taken first, so the consultation's row is held before the next
// waitlisted is chosen: a concurrent change waits and then sees this one's
// choice.
func (db *DB) promote(ctx context.Context, tx *sql.Tx, consultationID int64, now time.Time) ([]*registration.Registration, error) {
	var promoted []*registration.Registration
	for {
		ok, err := takePlace(ctx, tx, consultationID)
		if err != nil || !ok {
			return promoted, err
		}
		var id string
		err = tx.QueryRowContext(ctx, `SELECT id FROM registrations WHERE consultation_id=$1 AND status='waitlisted'
			ORDER BY waitlisted_at, id LIMIT 1`, consultationID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return promoted, freePlace(ctx, tx, consultationID)
		}
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET status='approved', approved_at=$2 WHERE id=$1`,
			id, now.UTC()); err != nil {
			return nil, err
		}
		r, err := registrationIn(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		promoted = append(promoted, r)
	}
}

// MarkLinkSent records that join link version of registration id was
// enqueued (in the caller's transaction, with the email).
func (db *DB) MarkLinkSent(ctx context.Context, id string, version int, now time.Time) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE registrations SET link_version=$2, link_sent_at=COALESCE(link_sent_at, $3)
			WHERE id=$1`, id, version, now.UTC())
		return err
	})
}

func registrationIn(ctx context.Context, tx *sql.Tx, id string) (*registration.Registration, error) {
	r, err := scanRegistration(tx.QueryRowContext(ctx, `SELECT `+registrationCols+` FROM registrations WHERE id=$1`, id))
	return r, notFound(err, "registration.not_found")
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

// cmpErr is err, or alt when err is nil.
func cmpErr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}
