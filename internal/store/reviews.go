package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
)

const reviewCols = `id, slug, original_lang, mandate, secretariat, partners, reporting_chain, created_at, updated_at`

// SaveReview inserts a review (ID 0) or updates it, with its texts and
// review-wide questions, and sets r.ID.
func (db *DB) SaveReview(ctx context.Context, r *consultation.Review) (err error) {
	defer errs.Wrap(&err, "store.SaveReview(%q)", r.Slug)
	if err := r.Validate(); err != nil {
		return err
	}
	now := time.Now().UTC()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := upsertReviewRow(ctx, tx, r, now); err != nil {
			return err
		}
		if err := saveReviewTexts(ctx, tx, r); err != nil {
			return err
		}
		return saveQuestions(ctx, tx, r.ID, 0, r.Questions)
	})
}

func upsertReviewRow(ctx context.Context, tx *sql.Tx, r *consultation.Review, now time.Time) error {
	args := []any{r.Slug, r.OriginalLang, jsonText(r.Mandate), r.Secretariat, jsonText(r.Partners), jsonText(r.ReportingChain), now}
	if r.ID == 0 {
		err := tx.QueryRowContext(ctx, `INSERT INTO reviews (slug, original_lang, mandate, secretariat, partners, reporting_chain, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, args...).Scan(&r.ID)
		if classify(err) == uniqueViolation {
			return errs.InvalidFields(map[string]string{"slug": "error.slug_taken"})
		}
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE reviews SET slug=$1, original_lang=$2, mandate=$3, secretariat=$4, partners=$5,
		reporting_chain=$6, updated_at=$7 WHERE id=$8`, append(args, r.ID)...)
	if classify(err) == uniqueViolation {
		return errs.InvalidFields(map[string]string{"slug": "error.slug_taken"})
	}
	return mustAffect(res, err, "review.not_found")
}

func saveReviewTexts(ctx context.Context, tx *sql.Tx, r *consultation.Review) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM review_texts WHERE review_id=$1`, r.ID); err != nil {
		return err
	}
	for lang, t := range r.Texts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO review_texts (review_id, lang, title, description) VALUES ($1, $2, $3, $4)`,
			r.ID, lang, t.Title, t.Description); err != nil {
			return err
		}
	}
	return nil
}

// mustAffect turns "no row changed" into NotFound.
func mustAffect(res sql.Result, err error, code string) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, code)
	}
	return nil
}

// ReviewBySlug loads a review with its texts and questions.
func (db *DB) ReviewBySlug(ctx context.Context, slug string) (r *consultation.Review, err error) {
	defer errs.Wrap(&err, "store.ReviewBySlug(%q)", slug)
	return db.loadReview(ctx, `WHERE slug=$1`, slug)
}

// ReviewByID loads a review by id.
func (db *DB) ReviewByID(ctx context.Context, id int64) (r *consultation.Review, err error) {
	defer errs.Wrap(&err, "store.ReviewByID(%d)", id)
	return db.loadReview(ctx, `WHERE id=$1`, id)
}

func (db *DB) loadReview(ctx context.Context, where string, arg any) (*consultation.Review, error) {
	r := &consultation.Review{}
	err := db.read.QueryRowContext(ctx, `SELECT `+reviewCols+` FROM reviews `+where, arg).Scan(
		&r.ID, &r.Slug, &r.OriginalLang, jsonCol{&r.Mandate}, &r.Secretariat, jsonCol{&r.Partners},
		jsonCol{&r.ReportingChain}, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return nil, notFound(err, "review.not_found")
	}
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	if r.Texts, err = db.reviewTexts(ctx, r.ID); err != nil {
		return nil, err
	}
	qs, err := db.questions(ctx, `q.review_id=$1 AND q.consultation_id IS NULL`, r.ID)
	r.Questions = qs[0]
	return r, err
}

func (db *DB) reviewTexts(ctx context.Context, id int64) (map[string]consultation.ReviewText, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT lang, title, description FROM review_texts WHERE review_id=$1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	texts := map[string]consultation.ReviewText{}
	for rows.Next() {
		var lang string
		var t consultation.ReviewText
		if err := rows.Scan(&lang, &t.Title, &t.Description); err != nil {
			return nil, err
		}
		texts[lang] = t
	}
	return texts, rows.Err()
}

// Reviews lists every review's slug and id, oldest first.
func (db *DB) Reviews(ctx context.Context) (list []*consultation.Review, err error) {
	defer errs.Wrap(&err, "store.Reviews")
	rows, err := db.read.QueryContext(ctx, `SELECT slug FROM reviews ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var slugs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		slugs = append(slugs, s)
	}
	rows.Close()
	for _, s := range slugs {
		r, err := db.ReviewBySlug(ctx, s)
		if err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, rows.Err()
}
