package store

import (
	"context"
	"database/sql"

	"github.com/consulta/consulta/internal/consultation"
)

// questions loads the questions matching where (on alias q), grouped by
// consultation id; review-wide questions are under 0.
func (db *DB) questions(ctx context.Context, where string, args ...any) (map[int64][]consultation.Question, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT q.id, COALESCE(q.consultation_id, 0), q.position, q.original_lang, t.lang, t.text
		FROM questions q JOIN question_texts t ON t.question_id = q.id
		WHERE `+where+` ORDER BY q.consultation_id, q.position, q.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]consultation.Question{}
	for rows.Next() {
		var q consultation.Question
		var owner int64
		var lang, text string
		if err := rows.Scan(&q.ID, &owner, &q.Position, &q.OriginalLang, &lang, &text); err != nil {
			return nil, err
		}
		out[owner] = appendQuestionText(out[owner], q, lang, text)
	}
	return out, rows.Err()
}

// appendQuestionText adds one (question, language) row, read in question
// order, to list: a text of the last question, or a new question.
func appendQuestionText(list []consultation.Question, q consultation.Question, lang, text string) []consultation.Question {
	if n := len(list); n > 0 && list[n-1].ID == q.ID {
		list[n-1].Texts[lang] = text
		return list
	}
	q.Texts = map[string]string{lang: text}
	return append(list, q)
}

// saveQuestions makes the owner's questions equal to qs, in order, keeping
// the ids of questions that stay (later contributions refer to them).
func saveQuestions(ctx context.Context, tx *sql.Tx, reviewID, consultationID int64, qs []consultation.Question) error {
	owner := sql.NullInt64{Int64: consultationID, Valid: consultationID != 0}
	if owner.Valid {
		// A consultation moved to another review takes its questions along;
		// otherwise they would be neither matched below nor deleted.
		if _, err := tx.ExecContext(ctx, `UPDATE questions SET review_id=$1 WHERE consultation_id=$2 AND review_id<>$1`,
			reviewID, consultationID); err != nil {
			return err
		}
	}
	keep := map[int64]bool{}
	for i := range qs {
		q := &qs[i]
		q.Position = i + 1
		if err := saveQuestion(ctx, tx, reviewID, owner, q); err != nil {
			return err
		}
		keep[q.ID] = true
	}
	return deleteOtherQuestions(ctx, tx, reviewID, owner, keep)
}

func saveQuestion(ctx context.Context, tx *sql.Tx, reviewID int64, owner sql.NullInt64, q *consultation.Question) error {
	res, err := tx.ExecContext(ctx, `UPDATE questions SET position=$1, original_lang=$2
		WHERE id=$3 AND review_id=$4 AND consultation_id IS NOT DISTINCT FROM $5`, q.Position, q.OriginalLang, q.ID, reviewID, owner)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		err = tx.QueryRowContext(ctx, `INSERT INTO questions (review_id, consultation_id, position, original_lang)
			VALUES ($1, $2, $3, $4) RETURNING id`, reviewID, owner, q.Position, q.OriginalLang).Scan(&q.ID)
		if err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM question_texts WHERE question_id=$1`, q.ID); err != nil {
		return err
	}
	for lang, text := range q.Texts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO question_texts (question_id, lang, text) VALUES ($1, $2, $3)`, q.ID, lang, text); err != nil {
			return err
		}
	}
	return nil
}

func deleteOtherQuestions(ctx context.Context, tx *sql.Tx, reviewID int64, owner sql.NullInt64, keep map[int64]bool) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM questions WHERE review_id=$1 AND consultation_id IS NOT DISTINCT FROM $2`, reviewID, owner)
	if err != nil {
		return err
	}
	var drop []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		if !keep[id] {
			drop = append(drop, id)
		}
	}
	rows.Close()
	for _, id := range drop {
		if _, err := tx.ExecContext(ctx, `DELETE FROM questions WHERE id=$1`, id); err != nil {
			return err
		}
	}
	return rows.Err()
}
