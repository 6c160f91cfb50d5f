package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/live"
)

// Manual check-in (live.CheckInStore): one row per registrant checked in,
// with who and when; undoing deletes it.

// Attendees lists a consultation's approved registrants for the check-in
// page, by name.
func (db *DB) Attendees(ctx context.Context, f live.CheckInFilter) (list []live.Attendee, err error) {
	defer errs.Wrap(&err, "store.Attendees(%d)", f.ConsultationID)
	if err := f.Normalise(); err != nil {
		return nil, err
	}
	where := []string{"r.consultation_id=$1", "r.status='approved'"}
	args := []any{f.ConsultationID}
	if f.Search != "" {
		args = append(args, "%"+likeEscape(strings.ToLower(f.Search))+"%")
		n := "$" + strconv.Itoa(len(args))
		where = append(where, "(LOWER(r.given_name || ' ' || r.family_name) LIKE "+n+" ESCAPE '\\' OR LOWER(r.organization) LIKE "+
			n+" ESCAPE '\\')")
	}
	if f.StakeholderGroup != "" {
		args = append(args, f.StakeholderGroup)
		where = append(where, "r.stakeholder_group=$"+strconv.Itoa(len(args)))
	}
	switch f.Presence {
	case live.Present:
		where = append(where, "(r.first_joined_at IS NOT NULL OR k.registration_id IS NOT NULL)")
	case live.Absent:
		where = append(where, "r.first_joined_at IS NULL AND k.registration_id IS NULL")
	}
	args = append(args, f.Limit)
	rows, err := db.read.QueryContext(ctx, `SELECT r.id, r.given_name || ' ' || r.family_name, r.organization,
		r.stakeholder_group, r.country, r.first_joined_at, k.checked_in_at, COALESCE(NULLIF(u.name, ''), u.email, '')
		FROM registrations r LEFT JOIN live_checkins k ON k.registration_id = r.id
		LEFT JOIN users u ON u.id = k.checked_in_by
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY LOWER(r.family_name), LOWER(r.given_name), r.id LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a live.Attendee
		var joined, checked sql.NullTime
		if err := rows.Scan(&a.RegistrationID, &a.Name, &a.Organization, &a.StakeholderGroup, &a.Country, &joined,
			&checked, &a.CheckedInBy); err != nil {
			return nil, err
		}
		a.JoinedAt, a.CheckedInAt = timePtr(joined), timePtr(checked)
		list = append(list, a)
	}
	return list, rows.Err()
}

// likeEscape escapes LIKE's wildcards (and its escape character) in s.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// CheckIn marks an approved registrant present; checking in twice keeps
// the first check-in. Any registration that is not an approved one of the
// consultation is NotFound.
func (db *DB) CheckIn(ctx context.Context, consultationID int64, registrationID string, byUserID int64, at time.Time) (err error) {
	defer errs.Wrap(&err, "store.CheckIn(%d, %q)", consultationID, registrationID)
	res, err := db.write.ExecContext(ctx, `INSERT INTO live_checkins (registration_id, consultation_id, checked_in_by, checked_in_at)
		SELECT id, consultation_id, $3, $4 FROM registrations WHERE id=$1 AND consultation_id=$2 AND status='approved'
		ON CONFLICT (registration_id) DO NOTHING`, registrationID, consultationID, nullID(byUserID), at.UTC())
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	// Nothing inserted: checked in already, or not an approved registrant.
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM live_checkins k JOIN registrations r ON r.id = k.registration_id
		WHERE k.registration_id=$1 AND k.consultation_id=$2 AND r.status='approved'`, registrationID, consultationID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errs.E(errs.NotFound, "registration.not_found")
	}
	return nil
}

// UndoCheckIn takes a check-in back; one that is not there is no error.
func (db *DB) UndoCheckIn(ctx context.Context, consultationID int64, registrationID string) (err error) {
	defer errs.Wrap(&err, "store.UndoCheckIn(%d, %q)", consultationID, registrationID)
	_, err = db.write.ExecContext(ctx, `DELETE FROM live_checkins WHERE registration_id=$1 AND consultation_id=$2`,
		registrationID, consultationID)
	return err
}
