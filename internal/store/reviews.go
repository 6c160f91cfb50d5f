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
	list, err := db.reviews(ctx, where, arg)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errs.E(errs.NotFound, "review.not_found")
	}
	return list[0], nil
}

// Reviews lists every review with its texts and questions, oldest first.
func (db *DB) Reviews(ctx context.Context) (list []*consultation.Review, err error) {
	defer errs.Wrap(&err, "store.Reviews")
	return db.reviews(ctx, `WHERE 1=1`)
}

// reviews loads the reviews matching where in three queries, however many
// there are: their rows, all their texts, all their review-wide questions.
func (db *DB) reviews(ctx context.Context, where string, args ...any) ([]*consultation.Review, error) {
	list, err := db.reviewRows(ctx, where, args...)
	if err != nil || len(list) == 0 {
		return list, err
	}
	byID := map[int64]*consultation.Review{}
	for _, r := range list {
		r.Texts = map[string]consultation.ReviewText{}
		byID[r.ID] = r
	}
	in := `(SELECT id FROM reviews ` + where + `)`
	if err := db.attachReviewTexts(ctx, in, args, byID); err != nil {
		return nil, err
	}
	qs, err := db.reviewQuestions(ctx, in, args)
	for _, r := range list {
		r.Questions = qs[r.ID]
	}
	return list, err
}

func (db *DB) reviewRows(ctx context.Context, where string, args ...any) ([]*consultation.Review, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+reviewCols+` FROM reviews `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*consultation.Review
	for rows.Next() {
		r := &consultation.Review{}
		if err := rows.Scan(&r.ID, &r.Slug, &r.OriginalLang, jsonCol{&r.Mandate}, &r.Secretariat, jsonCol{&r.Partners},
			jsonCol{&r.ReportingChain}, &r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, err
		}
		r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
		list = append(list, r)
	}
	return list, rows.Err()
}

func (db *DB) attachReviewTexts(ctx context.Context, in string, args []any, byID map[int64]*consultation.Review) error {
	rows, err := db.read.QueryContext(ctx, `SELECT review_id, lang, title, description FROM review_texts WHERE review_id IN `+in, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lang string
		var t consultation.ReviewText
		if err := rows.Scan(&id, &lang, &t.Title, &t.Description); err != nil {
			return err
		}
		if r := byID[id]; r != nil {
			r.Texts[lang] = t
		}
	}
	return rows.Err()
}

// reviewQuestions loads the review-wide questions of the reviews in the
// subquery in, by review id.
func (db *DB) reviewQuestions(ctx context.Context, in string, args []any) (map[int64][]consultation.Question, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT q.review_id, q.id, q.position, q.original_lang, t.lang, t.text
		FROM questions q JOIN question_texts t ON t.question_id = q.id
		WHERE q.consultation_id IS NULL AND q.review_id IN `+in+` ORDER BY q.review_id, q.position, q.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]consultation.Question{}
	for rows.Next() {
		var q consultation.Question
		var review int64
		var lang, text string
		if err := rows.Scan(&review, &q.ID, &q.Position, &q.OriginalLang, &lang, &text); err != nil {
			return nil, err
		}
		out[review] = appendQuestionText(out[review], q, lang, text)
	}
	return out, rows.Err()
}
