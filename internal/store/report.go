package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/synthesis"
)

// The synthesis report (internal/report): what it reads of a review, and
// the reports table (curation, the generation's state, the generated and
// the published report). Generating a report is not a hot path: the
// figures are plain GROUP BY queries.

// ReportConsultations are the review's consultations by start.
func (db *DB) ReportConsultations(ctx context.Context, reviewID int64) ([]*consultation.Consultation, error) {
	return db.Consultations(ctx, ConsultationFilter{ReviewID: reviewID})
}

// ReportInputs are every input of the review: the public ones in their
// published version, the others in their latest.
func (db *DB) ReportInputs(ctx context.Context, reviewID int64) (list []*inputs.Input, err error) {
	defer errs.Wrap(&err, "store.ReportInputs(%d)", reviewID)
	public, _, _, err := db.Inputs(ctx, InputFilter{Public: true, ReviewID: reviewID})
	if err != nil {
		return nil, err
	}
	all, _, _, err := db.Inputs(ctx, InputFilter{ReviewID: reviewID})
	if err != nil {
		return nil, err
	}
	shown := map[int64]*inputs.Input{}
	for _, h := range public {
		shown[h.ID] = h.Input
	}
	for _, h := range all {
		if p := shown[h.ID]; p != nil {
			list = append(list, p)
		} else {
			list = append(list, h.Input)
		}
	}
	return list, nil
}

// tallyQueries count registrations, inputs and interventions, each
// grouped the same way; $1 is the review.
var tallyQueries = []string{
	`SELECT r.consultation_id, r.stakeholder_group, r.country, '', r.gender,
		SUM(CASE WHEN r.confirmed_at IS NOT NULL THEN 1 ELSE 0 END),
		SUM(CASE WHEN r.status = 'approved' THEN 1 ELSE 0 END),
		SUM(CASE WHEN r.first_joined_at IS NOT NULL
			OR r.id IN (SELECT k.registration_id FROM live_checkins k WHERE k.consultation_id = r.consultation_id)
			THEN 1 ELSE 0 END), 0, 0
	FROM registrations r JOIN consultations c ON c.id = r.consultation_id WHERE c.review_id = $1
	GROUP BY r.consultation_id, r.stakeholder_group, r.country, r.gender`,
	// Rejected, hidden and unverified inputs are not counted: the report
	// reads inputs received and kept.
	`SELECT COALESCE(i.consultation_id, 0), i.stakeholder_group, i.country, i.region, '', 0, 0, 0, COUNT(*), 0
	FROM inputs i WHERE i.review_id = $1 AND i.status IN ('submitted', 'published')
	GROUP BY COALESCE(i.consultation_id, 0), i.stakeholder_group, i.country, i.region`,
	`SELECT iv.consultation_id, iv.stakeholder_group, iv.country, '', COALESCE(r.gender, ''), 0, 0, 0, 0, COUNT(*)
	FROM interventions iv JOIN consultations c ON c.id = iv.consultation_id
	LEFT JOIN registrations r ON r.id = iv.registration_id WHERE c.review_id = $1
	GROUP BY iv.consultation_id, iv.stakeholder_group, iv.country, COALESCE(r.gender, '')`,
}

// ReportTallies are the participation counts of the review.
func (db *DB) ReportTallies(ctx context.Context, reviewID int64) (list []report.Tally, err error) {
	defer errs.Wrap(&err, "store.ReportTallies(%d)", reviewID)
	for _, q := range tallyQueries {
		rows, err := db.read.QueryContext(ctx, q, reviewID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var t report.Tally
			if err := rows.Scan(&t.Consultation, &t.Group, &t.Country, &t.Region, &t.Gender,
				&t.Registrations, &t.Approved, &t.Attended, &t.Inputs, &t.Interventions); err != nil {
				rows.Close()
				return nil, err
			}
			list = append(list, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// changeColumns are the times that say when a review's data last changed;
// each is read as the latest of its column ($1 is the review), so that
// both engines hand back a typed time.
var changeColumns = []struct{ col, from string }{
	{`r.updated_at`, `reviews r WHERE r.id = $1`},
	{`c.updated_at`, `consultations c WHERE c.review_id = $1`},
	{`i.updated_at`, `inputs i WHERE i.review_id = $1`},
	{`l.at`, `input_log l JOIN inputs i ON i.id = l.input_id WHERE i.review_id = $1`},
	{`iv.recorded_at`, `interventions iv JOIN consultations c ON c.id = iv.consultation_id WHERE c.review_id = $1`},
	{`s.record_published_at`, `live_sessions s JOIN consultations c ON c.id = s.consultation_id WHERE c.review_id = $1`},
	{`g.created_at`, `registrations g JOIN consultations c ON c.id = g.consultation_id WHERE c.review_id = $1`},
	{`g.confirmed_at`, `registrations g JOIN consultations c ON c.id = g.consultation_id WHERE c.review_id = $1`},
	{`g.approved_at`, `registrations g JOIN consultations c ON c.id = g.consultation_id WHERE c.review_id = $1`},
	{`g.cancelled_at`, `registrations g JOIN consultations c ON c.id = g.consultation_id WHERE c.review_id = $1`},
	{`g.first_joined_at`, `registrations g JOIN consultations c ON c.id = g.consultation_id WHERE c.review_id = $1`},
}

// ReportDataChanged is the latest of the review's change times.
func (db *DB) ReportDataChanged(ctx context.Context, reviewID int64) (latest time.Time, err error) {
	defer errs.Wrap(&err, "store.ReportDataChanged(%d)", reviewID)
	for _, c := range changeColumns {
		var t time.Time
		err := db.read.QueryRowContext(ctx, `SELECT `+c.col+` FROM `+c.from+` AND `+c.col+
			` IS NOT NULL ORDER BY `+c.col+` DESC LIMIT 1`, reviewID).Scan(&t)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return time.Time{}, err
		}
		if t.After(latest) {
			latest = t
		}
	}
	return latest.UTC(), nil
}

// ensureReport creates the review's row of the reports table if missing.
func ensureReport(ctx context.Context, tx *sql.Tx, reviewID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO reports (review_id) VALUES ($1) ON CONFLICT (review_id) DO NOTHING`, reviewID)
	return err
}

// reportUpdate sets columns of the review's row, creating it first, in the
// transaction of ctx or one of its own.
func (db *DB) reportUpdate(ctx context.Context, reviewID int64, set string, args ...any) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := ensureReport(ctx, tx, reviewID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE reports SET `+set+` WHERE review_id=$1`, append([]any{reviewID}, args...)...)
		return err
	})
}

// ReportState is the review's row; a review never generated has an empty one.
func (db *DB) ReportState(ctx context.Context, reviewID int64) (s *report.Stored, err error) {
	defer errs.Wrap(&err, "store.ReportState(%d)", reviewID)
	s = &report.Stored{ReviewID: reviewID, Lang: "en"}
	var curation, generated, published string
	var requested, generatedAt, publishedAt sql.NullTime
	err = db.liveReader(ctx).QueryRowContext(ctx, `SELECT curation, lang, status, progress_done, progress_total, error,
		requested_at, report, generated_at, published, published_at, generation FROM reports WHERE review_id=$1`, reviewID).
		Scan(&curation, &s.Lang, &s.Status, &s.Done, &s.Total, &s.Error, &requested, &generated, &generatedAt,
			&published, &publishedAt, &s.Generation)
	if err == sql.ErrNoRows {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(curation), &s.Curation); err != nil {
		return nil, err
	}
	s.RequestedAt, s.GeneratedAt, s.PublishedAt = timePtr(requested), timePtr(generatedAt), timePtr(publishedAt)
	s.Generated, s.Published = []byte(generated), []byte(published)
	return s, nil
}

// PublishedReport is the review's published report and when it was
// published; NotFound while none is.
func (db *DB) PublishedReport(ctx context.Context, reviewID int64) (data []byte, at time.Time, err error) {
	defer errs.Wrap(&err, "store.PublishedReport(%d)", reviewID)
	var published string
	var when sql.NullTime
	err = db.liveReader(ctx).QueryRowContext(ctx, `SELECT published, published_at FROM reports WHERE review_id=$1`,
		reviewID).Scan(&published, &when)
	if err == sql.ErrNoRows || (err == nil && (!when.Valid || published == "")) {
		return nil, time.Time{}, errs.E(errs.NotFound, "adminreport.not_found")
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	return []byte(published), when.Time.UTC(), nil
}

// ReportCuration is the review's stored curation.
func (db *DB) ReportCuration(ctx context.Context, reviewID int64) (synthesis.Curation, error) {
	s, err := db.ReportState(ctx, reviewID)
	if err != nil {
		return synthesis.Curation{}, err
	}
	return s.Curation, nil
}

// SaveCuration stores the review's curation.
func (db *DB) SaveCuration(ctx context.Context, reviewID int64, c synthesis.Curation) (err error) {
	defer errs.Wrap(&err, "store.SaveCuration(%d)", reviewID)
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return db.reportUpdate(ctx, reviewID, `curation=$2`, string(data))
}

// RequestReport marks a generation as queued and returns its number;
// 0 when one is already queued or running (unless it was requested more
// than report.StaleRun ago: it died). The conditional UPDATE settles
// concurrent clicks: PostgreSQL locks the row, SQLite has one writer.
func (db *DB) RequestReport(ctx context.Context, reviewID int64, lang string, at time.Time) (generation int64, err error) {
	defer errs.Wrap(&err, "store.RequestReport(%d)", reviewID)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if err := ensureReport(ctx, tx, reviewID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `UPDATE reports SET status=$2, lang=$3, requested_at=$4, progress_done=0,
			progress_total=0, error='', generation=generation+1
			WHERE review_id=$1 AND (status NOT IN ($2, $5) OR requested_at IS NULL OR requested_at < $6)
			RETURNING generation`, reviewID, report.StatusQueued, lang, at.UTC(), report.StatusRunning,
			at.Add(-report.StaleRun).UTC()).Scan(&generation)
		if err == sql.ErrNoRows {
			return nil
		}
		return err
	})
	return generation, err
}

// ReportProgress records where a generation stands.
func (db *DB) ReportProgress(ctx context.Context, reviewID int64, status string, done, total int, failure string) (err error) {
	defer errs.Wrap(&err, "store.ReportProgress(%d)", reviewID)
	return db.reportUpdate(ctx, reviewID, `status=$2, progress_done=$3, progress_total=$4, error=$5`,
		status, done, total, failure)
}

// SaveReport stores a generated report and marks the generation done.
func (db *DB) SaveReport(ctx context.Context, reviewID int64, data []byte, generated time.Time) (err error) {
	defer errs.Wrap(&err, "store.SaveReport(%d)", reviewID)
	return db.reportUpdate(ctx, reviewID, `status=$2, report=$3, generated_at=$4, error=''`,
		report.StatusDone, string(data), generated.UTC())
}

// PublishReport publishes the generated report at at, or takes the
// published one down (nil).
func (db *DB) PublishReport(ctx context.Context, reviewID int64, at *time.Time) (err error) {
	defer errs.Wrap(&err, "store.PublishReport(%d)", reviewID)
	if at == nil {
		return db.reportUpdate(ctx, reviewID, `published='', published_at=NULL`)
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE reports SET published=report, published_at=$2
			WHERE review_id=$1 AND report <> ''`, reviewID, at.UTC())
		return mustAffect(res, err, "adminreport.not_generated")
	})
}

// StillPublic says which of refs the public may read now, and which
// organizations of the review may be named now (inputs published with
// the name). The ids are integers formatted here, never text from a
// request.
func (db *DB) StillPublic(ctx context.Context, reviewID int64, refs []synthesis.SourceRef) (public map[synthesis.SourceRef]bool,
	orgs []string, err error) {
	defer errs.Wrap(&err, "store.StillPublic(%d)", reviewID)
	public = map[synthesis.SourceRef]bool{}
	ids := map[string][]string{}
	for _, r := range refs {
		ids[r.Kind] = append(ids[r.Kind], strconv.FormatInt(r.ID, 10))
	}
	queries := map[string]string{
		synthesis.SourceInput: `SELECT i.id FROM inputs i WHERE i.review_id = $1 AND i.status = 'published'
			AND i.publication <> 'private' AND i.published_version > 0 AND i.id IN (%s)`,
		synthesis.SourceIntervention: `SELECT iv.id FROM interventions iv JOIN consultations c ON c.id = iv.consultation_id
			JOIN live_sessions s ON s.consultation_id = iv.consultation_id
			WHERE c.review_id = $1 AND s.record_published_at IS NOT NULL AND iv.id IN (%s)`,
	}
	for kind, q := range queries {
		if len(ids[kind]) == 0 {
			continue
		}
		list, err := db.intColumn(ctx, fmt.Sprintf(q, strings.Join(ids[kind], ",")), reviewID)
		if err != nil {
			return nil, nil, err
		}
		for _, id := range list {
			public[synthesis.SourceRef{Kind: kind, ID: id}] = true
		}
	}
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT organization FROM inputs WHERE review_id = $1
		AND status = 'published' AND publication = 'named' AND published_version > 0 AND organization <> ''`, reviewID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, nil, err
		}
		orgs = append(orgs, o)
	}
	return public, orgs, rows.Err()
}

// intColumn runs a query of one integer column on a reader.
func (db *DB) intColumn(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
