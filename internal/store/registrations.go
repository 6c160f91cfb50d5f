package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/privacy"
	"github.com/consulta/consulta/internal/registration"
)

const registrationCols = `id, consultation_id, given_name, family_name, email, organization, stakeholder_group, country,
	language, job_title, gender, accessibility_needs, consent_at, status, created_at, confirmed_at, cancelled_at, approved_at,
	waitlisted_at, rejected_at, reject_reason, link_version, link_sent_at, first_joined_at, last_joined_at`

// insertRegistrationCols are the columns a new registration fills; the
// others start NULL or at their defaults.
const insertRegistrationCols = `id, consultation_id, given_name, family_name, email, organization, stakeholder_group,
	country, language, job_title, gender, accessibility_needs, consent_at, status, created_at`

// Register stores r for c unless registration is closed or every place is
// held by a confirmed registration (a Closed error, nothing stored) or the
// address is already registered and not cancelled (outcome Existing,
// nothing stored). A pending registration holds no place, so scripted posts
// of addresses nobody confirms cannot fill a consultation. A c with only its
// slug (the public forms) is found by it in the transaction, and one that
// is not public is not found; r gets its consultation's id. It joins the
// transaction of ctx (WithTx).
func (db *DB) Register(ctx context.Context, c *consultation.Consultation, r *registration.Registration,
	now time.Time) (out registration.Outcome, err error) {
	defer errs.Wrap(&err, "store.Register(%q)", c.Slug)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		c, taken, err := readRules(ctx, tx, c)
		if err != nil {
			return err
		}
		if st := c.RegistrationState(now, taken); !st.Open {
			return errs.E(errs.Closed, st.Reason)
		}
		r.ConsultationID = c.ID
		out, err = insertOrFindRegistration(ctx, tx, r)
		return err
	})
	return out, err
}

// readRules re-reads, inside the transaction, what decides whether
// registration is open (the caller's copy may be stale) and the places
// taken, and returns c with it. Nothing is locked: a pending registration
// takes no place, so the race for the last place is run at confirmation
// (takePlace). A c without an id is the public path's: the consultation is
// found by its slug here, in the same statement, instead of by a read
// before the transaction, and one that is not public is not found.
func readRules(ctx context.Context, tx *sql.Tx, c *consultation.Consultation) (*consultation.Consultation, int, error) {
	key := rulesKey{id: c.ID}
	if c.ID == 0 {
		key.slug = c.Slug
	}
	memo, _ := ctx.Value(rulesMemoKey{}).(rulesMemo)
	got, found := memo[key]
	if !found {
		where, arg := "id=$1", any(c.ID)
		if c.ID == 0 {
			where, arg = "slug=$1", c.Slug
		}
		err := tx.QueryRowContext(ctx, `SELECT id, status, capacity, registration_opens, registration_ends, ends_at,
			places_taken FROM consultations WHERE `+where, arg).Scan(&got.id, &got.status, &got.capacity, &got.opens,
			&got.end, &got.endsAt, &got.taken)
		if err != nil {
			return nil, 0, notFound(err, "consultation.not_found")
		}
		if memo != nil {
			memo[key] = got
		}
	}
	fresh := *c
	fresh.ID, fresh.Status, fresh.Capacity, fresh.EndsAt = got.id, consultation.Status(got.status), got.capacity, got.endsAt
	if c.ID == 0 && !fresh.Public() {
		return nil, 0, errs.E(errs.NotFound, "consultation.not_found")
	}
	fresh.RegistrationOpens, fresh.RegistrationEnds = timePtr(got.opens), timePtr(got.end)
	return &fresh, got.taken, nil
}

// insertOrFindRegistration stores r unless its address has a registration
// that is not cancelled; the common case (a new address) costs one
// statement. A cancelled registration stays as history under its own id,
// and r is a new one with its own id and confirmation email, so the old
// links (signed over the old id) do not act on it.
func insertOrFindRegistration(ctx context.Context, tx *sql.Tx, r *registration.Registration) (registration.Outcome, error) {
	inserted, err := insertRegistration(ctx, tx, r)
	if err != nil || inserted {
		return registration.Outcome{Created: inserted}, err
	}
	prev, err := scanRegistration(tx.QueryRowContext(ctx, `SELECT `+registrationCols+` FROM registrations
		WHERE consultation_id=$1 AND email=$2 AND status <> 'cancelled'`, r.ConsultationID, r.Email))
	if err != nil {
		return registration.Outcome{}, err
	}
	return registration.Outcome{Existing: prev}, nil
}

// insertRegistration inserts r and reports false when the address already
// has a registration that is not cancelled for the consultation. The
// conflict target names the partial unique index registrations_active_email.
func insertRegistration(ctx context.Context, tx *sql.Tx, r *registration.Registration) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO registrations (`+insertRegistrationCols+`, privacy_version)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
		ON CONFLICT (consultation_id, email) WHERE status <> 'cancelled' DO NOTHING`,
		r.ID, r.ConsultationID, r.GivenName, r.FamilyName, r.Email, r.Organization, string(r.StakeholderGroup), r.Country,
		r.Language, r.JobTitle, r.Gender, r.AccessibilityNeeds, r.ConsentAt.UTC(), string(r.Status), r.CreatedAt.UTC(),
		privacy.NoticeVersion) // the notice the registrant consented to
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// TakenPlaces is the number of places held (confirmed registrations), read
// from the consultation's counter: O(1) whatever the registrations.
func (db *DB) TakenPlaces(ctx context.Context, consultationID int64) (n int, err error) {
	defer errs.Wrap(&err, "store.TakenPlaces(%d)", consultationID)
	err = db.read.QueryRowContext(ctx, `SELECT places_taken FROM consultations WHERE id=$1`, consultationID).Scan(&n)
	return n, notFound(err, "consultation.not_found")
}

type rowScanner interface{ Scan(dst ...any) error }

func scanRegistration(row rowScanner) (*registration.Registration, error) {
	r := &registration.Registration{}
	var group, status string
	var confirmed, cancelled, approved, waitlisted, rejected, linkSent, firstJoined, lastJoined sql.NullTime
	err := row.Scan(&r.ID, &r.ConsultationID, &r.GivenName, &r.FamilyName, &r.Email, &r.Organization, &group, &r.Country,
		&r.Language, &r.JobTitle, &r.Gender, &r.AccessibilityNeeds, &r.ConsentAt, &status, &r.CreatedAt, &confirmed, &cancelled,
		&approved, &waitlisted, &rejected, &r.RejectReason, &r.LinkVersion, &linkSent, &firstJoined, &lastJoined)
	if err != nil {
		return nil, err
	}
	r.StakeholderGroup, r.Status = stakeholderGroup(group), registration.Status(status)
	r.ConfirmedAt, r.CancelledAt, r.ApprovedAt = timePtr(confirmed), timePtr(cancelled), timePtr(approved)
	r.WaitlistedAt, r.RejectedAt, r.LinkSentAt = timePtr(waitlisted), timePtr(rejected), timePtr(linkSent)
	r.FirstJoinedAt, r.LastJoinedAt = timePtr(firstJoined), timePtr(lastJoined)
	r.ConsentAt, r.CreatedAt = r.ConsentAt.UTC(), r.CreatedAt.UTC()
	return r, nil
}

// RegistrationByID loads one registration.
func (db *DB) RegistrationByID(ctx context.Context, id string) (r *registration.Registration, err error) {
	defer errs.Wrap(&err, "store.RegistrationByID")
	r, err = scanRegistration(db.read.QueryRowContext(ctx, `SELECT `+registrationCols+` FROM registrations WHERE id=$1`, id))
	return r, notFound(err, "registration.not_found")
}

// RegistrationFilter selects registrations for the admin list and exports.
type RegistrationFilter struct {
	ConsultationID   int64
	Status           string
	StakeholderGroup string
	Countries        []string // any of these; nil = all
	Limit, Offset    int      // Limit 0 = all
}

func (f RegistrationFilter) where() (string, []any) {
	conds, args := []string{"consultation_id=$1"}, []any{f.ConsultationID}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Status != "" {
		add("status=?", f.Status)
	}
	if f.StakeholderGroup != "" {
		add("stakeholder_group=?", f.StakeholderGroup)
	}
	if f.Countries != nil {
		in := []string{"''"}
		for _, c := range f.Countries {
			args = append(args, c)
			in = append(in, "$"+strconv.Itoa(len(args)))
		}
		conds = append(conds, "country IN ("+strings.Join(in, ",")+")")
	}
	return strings.Join(conds, " AND "), args
}

// Registrations lists registrations matching f, newest first, and the
// total number matching.
func (db *DB) Registrations(ctx context.Context, f RegistrationFilter) (list []*registration.Registration, total int, err error) {
	defer errs.Wrap(&err, "store.Registrations")
	where, args := f.where()
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM registrations WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := `SELECT ` + registrationCols + ` FROM registrations WHERE ` + where + ` ORDER BY created_at DESC, id`
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit) + " OFFSET " + strconv.Itoa(f.Offset)
	}
	if list, err = queryRegistrations(ctx, db.read, q, args...); err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

// queryRegistrations runs query, which selects registrationCols, on ex.
func queryRegistrations(ctx context.Context, ex querier, query string, args ...any) ([]*registration.Registration, error) {
	rows, err := ex.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*registration.Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, rows.Err()
}

// Balance counts the registrations that hold a place by stakeholder group,
// country and gender ("" = not given).
type Balance struct {
	Total     int
	ByGroup   map[string]int
	ByCountry map[string]int
	ByGender  map[string]int
}

// RegistrationBalance computes the live balance figures for a consultation.
func (db *DB) RegistrationBalance(ctx context.Context, consultationID int64) (b Balance, err error) {
	defer errs.Wrap(&err, "store.RegistrationBalance(%d)", consultationID)
	b = Balance{ByGroup: map[string]int{}, ByCountry: map[string]int{}, ByGender: map[string]int{}}
	rows, err := db.read.QueryContext(ctx, `SELECT stakeholder_group, country, gender, COUNT(*) FROM registrations
		WHERE consultation_id=$1 AND status <> 'cancelled' GROUP BY stakeholder_group, country, gender`, consultationID)
	if err != nil {
		return b, err
	}
	defer rows.Close()
	for rows.Next() {
		var g, c, s string
		var n int
		if err := rows.Scan(&g, &c, &s, &n); err != nil {
			return b, err
		}
		b.Total += n
		b.ByGroup[g] += n
		b.ByCountry[c] += n
		b.ByGender[s] += n
	}
	return b, rows.Err()
}

// RegistrationCount is how many registrations a consultation has in each
// state; AwaitingApproval counts the confirmed ones the secretariat has
// not approved (it matters only where approval is required).
type RegistrationCount struct {
	Pending, Confirmed, Approved, Waitlisted, Rejected, Cancelled int
}

// AwaitingApproval counts the confirmed registrations the secretariat has
// not decided on.
func (c RegistrationCount) AwaitingApproval() int { return c.Confirmed }

// RegistrationCounts counts the registrations of every consultation, by
// consultation ID, in one query (for the dashboard).
func (db *DB) RegistrationCounts(ctx context.Context) (counts map[int64]RegistrationCount, err error) {
	defer errs.Wrap(&err, "store.RegistrationCounts")
	rows, err := db.read.QueryContext(ctx, `SELECT consultation_id, status, COUNT(*)
		FROM registrations GROUP BY consultation_id, status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts = map[int64]RegistrationCount{}
	for rows.Next() {
		var (
			id     int64
			status string
			n      int
		)
		if err := rows.Scan(&id, &status, &n); err != nil {
			return nil, err
		}
		c := counts[id]
		switch registration.Status(status) {
		case registration.PendingConfirmation:
			c.Pending += n
		case registration.Confirmed:
			c.Confirmed += n
		case registration.Approved:
			c.Approved += n
		case registration.Waitlisted:
			c.Waitlisted += n
		case registration.Rejected:
			c.Rejected += n
		case registration.Cancelled:
			c.Cancelled += n
		}
		counts[id] = c
	}
	return counts, rows.Err()
}
