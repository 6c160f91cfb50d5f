package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
)

const consultationCols = `c.id, c.review_id, c.slug, c.original_lang, c.region, c.partners, c.format, c.time_zone,
	c.starts_at, c.ends_at, c.month_only, c.languages, c.moderators, c.chair, c.registration_opens, c.registration_ends,
	c.capacity, c.approval_required, c.meeting_url, c.contact_email, c.status, c.created_at, c.updated_at, c.places_taken,
	c.link_release_at, c.link_release_before, c.join_opens_before, c.reminders, c.link_version, c.link_released_at`

// SaveConsultation inserts (ID 0) or updates a consultation with its texts
// and questions, and sets c.ID.
func (db *DB) SaveConsultation(ctx context.Context, c *consultation.Consultation) (err error) {
	defer errs.Wrap(&err, "store.SaveConsultation(%q)", c.Slug)
	if err := c.Validate(); err != nil {
		return err
	}
	now := time.Now().UTC()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := upsertConsultationRow(ctx, tx, c, now); err != nil {
			return err
		}
		if err := saveConsultationTexts(ctx, tx, c); err != nil {
			return err
		}
		return saveQuestions(ctx, tx, c.ReviewID, c.ID, c.Questions)
	})
}

func upsertConsultationRow(ctx context.Context, tx *sql.Tx, c *consultation.Consultation, now time.Time) error {
	args := []any{c.ReviewID, c.Slug, c.OriginalLang, c.Region, jsonText(c.Partners), string(c.Format), c.TimeZone,
		c.StartsAt.UTC(), c.EndsAt.UTC(), c.MonthOnly, jsonText(c.Languages), jsonText(c.Moderators), jsonText(c.Chair),
		nullTime(c.RegistrationOpens), nullTime(c.RegistrationEnds), c.Capacity, c.ApprovalRequired, c.MeetingURL,
		c.ContactEmail, string(c.Status), now, nullTime(c.LinkReleaseAt), nullSeconds(c.LinkReleaseBefore),
		int64(c.JoinOpensBefore / time.Second), jsonText(seconds(c.Reminders))}
	var err error
	if c.ID == 0 {
		err = tx.QueryRowContext(ctx, `INSERT INTO consultations (review_id, slug, original_lang, region, partners, format,
			time_zone, starts_at, ends_at, month_only, languages, moderators, chair, registration_opens, registration_ends,
			capacity, approval_required, meeting_url, contact_email, status, created_at, updated_at, link_release_at,
			link_release_before, join_opens_before, reminders)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$21,$22,$23,$24,$25)
			RETURNING id`, args...).Scan(&c.ID)
	} else {
		var res sql.Result
		res, err = tx.ExecContext(ctx, `UPDATE consultations SET review_id=$1, slug=$2, original_lang=$3, region=$4,
			partners=$5, format=$6, time_zone=$7, starts_at=$8, ends_at=$9, month_only=$10, languages=$11, moderators=$12,
			chair=$13, registration_opens=$14, registration_ends=$15, capacity=$16, approval_required=$17, meeting_url=$18,
			contact_email=$19, status=$20, updated_at=$21, link_release_at=$22, link_release_before=$23,
			join_opens_before=$24, reminders=$25 WHERE id=$26`, append(args, c.ID)...)
		if err == nil {
			err = mustAffect(res, nil, "consultation.not_found")
		}
	}
	if classify(err) == uniqueViolation {
		return errs.InvalidFields(map[string]string{"slug": "error.slug_taken"})
	}
	return err
}

func saveConsultationTexts(ctx context.Context, tx *sql.Tx, c *consultation.Consultation) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM consultation_texts WHERE consultation_id=$1`, c.ID); err != nil {
		return err
	}
	for lang, t := range c.Texts {
		_, err := tx.ExecContext(ctx, `INSERT INTO consultation_texts (consultation_id, lang, title, place, background,
			objectives, opening_remarks, notice) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
			c.ID, lang, t.Title, t.Place, t.Background, t.Objectives, t.OpeningRemarks, t.Notice)
		if err != nil {
			return err
		}
	}
	return nil
}

// ConsultationBySlug loads one consultation with texts and questions,
// whatever its status; callers decide who may see a draft.
func (db *DB) ConsultationBySlug(ctx context.Context, slug string) (c *consultation.Consultation, err error) {
	defer errs.Wrap(&err, "store.ConsultationBySlug(%q)", slug)
	return db.oneConsultation(ctx, `c.slug=$1`, slug)
}

// ConsultationByID loads one consultation by id.
func (db *DB) ConsultationByID(ctx context.Context, id int64) (c *consultation.Consultation, err error) {
	defer errs.Wrap(&err, "store.ConsultationByID(%d)", id)
	return db.oneConsultation(ctx, `c.id=$1`, id)
}

func (db *DB) oneConsultation(ctx context.Context, where string, arg any) (*consultation.Consultation, error) {
	return first(db.consultations(ctx, where, arg))
}

// first is the one consultation of a lookup, or NotFound.
func first(list []*consultation.Consultation, err error) (*consultation.Consultation, error) {
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errs.E(errs.NotFound, "consultation.not_found")
	}
	return list[0], nil
}

// ConsultationFilter selects consultations for a list.
type ConsultationFilter struct {
	ReviewID   int64 // 0 = every review
	PublicOnly bool  // published and closed only
}

// Consultations lists consultations in date order with texts and questions.
func (db *DB) Consultations(ctx context.Context, f ConsultationFilter) (list []*consultation.Consultation, err error) {
	defer errs.Wrap(&err, "store.Consultations")
	where, args := "1=1", []any{}
	if f.ReviewID != 0 {
		args = append(args, f.ReviewID)
		where += " AND c.review_id=$1"
	}
	if f.PublicOnly {
		where += " AND " + publicConsultations
	}
	return db.consultations(ctx, where, args...)
}

func (db *DB) consultations(ctx context.Context, where string, args ...any) ([]*consultation.Consultation, error) {
	list, err := db.consultationRows(ctx, where, args...)
	if err != nil || len(list) == 0 {
		return list, err
	}
	byID := map[int64]*consultation.Consultation{}
	for _, c := range list {
		byID[c.ID] = c
	}
	if err := db.attachConsultationTexts(ctx, where, args, byID); err != nil {
		return nil, err
	}
	qs, err := db.questions(ctx, `q.consultation_id IN (SELECT c.id FROM consultations c WHERE `+where+`)`, args...)
	for id, c := range byID {
		c.Questions = qs[id]
	}
	return list, err
}

// consultationRows loads the consultations' own columns, without texts or
// questions.
func (db *DB) consultationRows(ctx context.Context, where string, args ...any) ([]*consultation.Consultation, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+consultationCols+` FROM consultations c WHERE `+where+` ORDER BY c.starts_at, c.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*consultation.Consultation
	for rows.Next() {
		c, err := scanConsultation(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// ConsultationHeadBySlug loads a consultation's own columns only (no texts,
// no questions): enough to register someone, at a third of the queries.
func (db *DB) ConsultationHeadBySlug(ctx context.Context, slug string) (c *consultation.Consultation, err error) {
	defer errs.Wrap(&err, "store.ConsultationHeadBySlug(%q)", slug)
	return first(db.consultationRows(ctx, `c.slug=$1`, slug))
}

// ConsultationRefBySlug loads only a consultation's id, slug and status:
// enough to register someone, whose transaction re-reads every rule it
// applies (readRules). The head's thirty columns — five of JSON, seven
// times — were most of a registration request's own CPU on SQLite.
func (db *DB) ConsultationRefBySlug(ctx context.Context, slug string) (c *consultation.Consultation, err error) {
	defer errs.Wrap(&err, "store.ConsultationRefBySlug(%q)", slug)
	c = &consultation.Consultation{}
	var status string
	err = db.read.QueryRowContext(ctx, `SELECT id, slug, status FROM consultations WHERE slug=$1`, slug).Scan(&c.ID, &c.Slug, &status)
	if err != nil {
		return nil, notFound(err, "consultation.not_found")
	}
	c.Status = consultation.Status(status)
	return c, nil
}

func scanConsultation(rows *sql.Rows) (*consultation.Consultation, error) {
	c := &consultation.Consultation{}
	var opens, ends, releaseAt, releasedAt sql.NullTime
	var releaseBefore sql.NullInt64
	var joinOpens int64
	var reminders []int64
	var format, status string
	err := rows.Scan(&c.ID, &c.ReviewID, &c.Slug, &c.OriginalLang, &c.Region, jsonCol{&c.Partners}, &format, &c.TimeZone,
		&c.StartsAt, &c.EndsAt, &c.MonthOnly, jsonCol{&c.Languages}, jsonCol{&c.Moderators}, jsonCol{&c.Chair}, &opens, &ends,
		&c.Capacity, &c.ApprovalRequired, &c.MeetingURL, &c.ContactEmail, &status, &c.CreatedAt, &c.UpdatedAt,
		&c.PlacesTaken, &releaseAt, &releaseBefore, &joinOpens, jsonCol{&reminders}, &c.Version, &releasedAt)
	c.LinkReleaseAt, c.ReleasedAt = timePtr(releaseAt), timePtr(releasedAt)
	if releaseBefore.Valid {
		d := time.Duration(releaseBefore.Int64) * time.Second
		c.LinkReleaseBefore = &d
	}
	c.JoinOpensBefore = time.Duration(joinOpens) * time.Second
	for _, s := range reminders {
		c.Reminders = append(c.Reminders, time.Duration(s)*time.Second)
	}
	c.Format, c.Status = consultation.Format(format), consultation.Status(status)
	c.RegistrationOpens, c.RegistrationEnds = timePtr(opens), timePtr(ends)
	c.StartsAt, c.EndsAt = c.StartsAt.UTC(), c.EndsAt.UTC()
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, err
}

func (db *DB) attachConsultationTexts(ctx context.Context, where string, args []any, byID map[int64]*consultation.Consultation) error {
	rows, err := db.read.QueryContext(ctx, `SELECT t.consultation_id, t.lang, t.title, t.place, t.background, t.objectives,
		t.opening_remarks, t.notice FROM consultation_texts t WHERE t.consultation_id IN (SELECT c.id FROM consultations c WHERE `+where+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lang string
		var t consultation.Text
		if err := rows.Scan(&id, &lang, &t.Title, &t.Place, &t.Background, &t.Objectives, &t.OpeningRemarks, &t.Notice); err != nil {
			return err
		}
		if c := byID[id]; c != nil {
			if c.Texts == nil {
				c.Texts = map[string]consultation.Text{}
			}
			c.Texts[lang] = t
		}
	}
	return rows.Err()
}

// nullSeconds stores an optional duration as whole seconds.
func nullSeconds(d *time.Duration) sql.NullInt64 {
	if d == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*d / time.Second), Valid: true}
}

// seconds stores durations as whole seconds.
func seconds(ds []time.Duration) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = int64(d / time.Second)
	}
	return out
}
