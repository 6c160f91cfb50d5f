package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/consulta/consulta/internal/errs"
)

// Delivery is one email job as River keeps it, with its recipient's
// address: what the admin's deliveries page lists. No body, no other
// personal data.
type Delivery struct {
	JobID                int64
	Kind, State          string // River's kind and state (available, scheduled, running, retryable, completed, discarded, cancelled)
	To                   string // the registration's address, or the address the job names
	Recipients           int    // registrations of a batch of confirmations (To is then ""), 0 otherwise
	Attempt, MaxAttempts int
	LastError            string // the last failed attempt's message, "" if none failed
	CreatedAt            time.Time
	ScheduledAt          time.Time
	AttemptedAt          *time.Time
	FinalizedAt          *time.Time
}

// DeliveryFilter selects deliveries: in any of River's States (none: all)
// and of Kind ("": any), a page of Limit from Offset, newest first.
type DeliveryFilter struct {
	States        []string
	Kind          string
	Limit, Offset int
}

// emailJob says which River jobs are emails: each names its recipient, a
// registration or an address, or its recipients, a batch of registrations
// (internal/messages); other jobs (opinion maps, the purge) name neither.
const emailJob = `((j.args ->> 'registration_id') IS NOT NULL OR (j.args ->> 'email') IS NOT NULL
	OR (j.args -> 'registration_ids') IS NOT NULL)`

// Deliveries lists email jobs, newest first.
func (db *DB) Deliveries(ctx context.Context, f DeliveryFilter) (list []Delivery, err error) {
	defer errs.Wrap(&err, "store.Deliveries")
	args := []any{f.Kind, f.Limit, f.Offset}
	states := ""
	for i, st := range f.States {
		if i > 0 {
			states += ","
		}
		states += "$" + strconv.Itoa(len(args)+1)
		args = append(args, st)
	}
	if states != "" {
		states = " AND j.state IN (" + states + ")"
	}
	rows, err := db.read.QueryContext(ctx, `SELECT j.id, j.kind, j.state, COALESCE(r.email, j.args ->> 'email', ''),
		COALESCE(`+db.dialect.jobRecipients+`, 0), j.attempt, j.max_attempts, COALESCE(`+db.dialect.lastJobError+`, ''), j.created_at, j.scheduled_at,
		j.attempted_at, j.finalized_at
		FROM river_job j LEFT JOIN registrations r ON r.id = (j.args ->> 'registration_id')
		WHERE `+emailJob+` AND ($1 = '' OR j.kind = $1)`+states+`
		ORDER BY j.id DESC LIMIT $2 OFFSET $3`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d Delivery
		var attempted, finalized sql.NullTime
		if err := rows.Scan(&d.JobID, &d.Kind, &d.State, &d.To, &d.Recipients, &d.Attempt, &d.MaxAttempts, &d.LastError,
			&d.CreatedAt, &d.ScheduledAt, &attempted, &finalized); err != nil {
			return nil, err
		}
		d.CreatedAt, d.ScheduledAt = d.CreatedAt.UTC(), d.ScheduledAt.UTC()
		d.AttemptedAt, d.FinalizedAt = utcOrNil(attempted), utcOrNil(finalized)
		list = append(list, d)
	}
	return list, rows.Err()
}

// DeliveryKinds lists the kinds of email jobs there are, for the filter.
func (db *DB) DeliveryKinds(ctx context.Context) (kinds []string, err error) {
	defer errs.Wrap(&err, "store.DeliveryKinds")
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT j.kind FROM river_job j WHERE `+emailJob+` ORDER BY j.kind`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		kinds = append(kinds, k)
	}
	return kinds, rows.Err()
}

func utcOrNil(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}
