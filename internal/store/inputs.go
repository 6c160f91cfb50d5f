package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
)

const inputCols = `i.id, i.review_id, i.consultation_id, i.author_name, i.author_email, i.organization, i.stakeholder_group,
	i.country, i.region, i.publication, i.status, i.source, i.received_via, i.received_at, i.registration_id, i.entered_by,
	i.version, i.published_version, i.published_at, i.created_at, i.updated_at,
	v.version, v.comments, v.language, v.detected_language, v.created_at`

// SaveInputCall opens (or moves the dates of) the call for inputs on a
// review, or on one of its consultations. It joins the transaction of ctx.
func (db *DB) SaveInputCall(ctx context.Context, c *inputs.Call) (err error) {
	defer errs.Wrap(&err, "store.SaveInputCall(%d, %d)", c.ReviewID, c.ConsultationID)
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO input_calls (review_id, consultation_id, opens_at, deadline)
			VALUES ($1, $2, $3, $4) ON CONFLICT (review_id, COALESCE(consultation_id, 0))
			DO UPDATE SET opens_at=excluded.opens_at, deadline=excluded.deadline`,
			c.ReviewID, nullID(c.ConsultationID), c.OpensAt.UTC(), c.Deadline.UTC())
		return err
	})
}

// InputCall is the call an input to consultationID (0: the review as a
// whole) of reviewID falls under: the consultation's own, or else the
// review's. None is NotFound ("inputs.no_call").
func (db *DB) InputCall(ctx context.Context, reviewID, consultationID int64) (c *inputs.Call, err error) {
	defer errs.Wrap(&err, "store.InputCall(%d, %d)", reviewID, consultationID)
	c = &inputs.Call{ReviewID: reviewID}
	var cid sql.NullInt64
	err = db.read.QueryRowContext(ctx, `SELECT consultation_id, opens_at, deadline FROM input_calls
		WHERE review_id=$1 AND (consultation_id=$2 OR consultation_id IS NULL)
		ORDER BY consultation_id IS NULL LIMIT 1`, reviewID, consultationID).Scan(&cid, &c.OpensAt, &c.Deadline)
	c.ConsultationID, c.OpensAt, c.Deadline = cid.Int64, c.OpensAt.UTC(), c.Deadline.UTC()
	return c, notFound(err, "inputs.no_call")
}

// CreateInput stores a new input with its first version and indexes its
// text; it sets in.ID. It joins the transaction of ctx (WithTx).
func (db *DB) CreateInput(ctx context.Context, in *inputs.Input) (err error) {
	defer errs.Wrap(&err, "store.CreateInput")
	return db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO inputs (review_id, consultation_id, author_name, author_email,
			organization, stakeholder_group, country, region, publication, status, source, received_via, received_at,
			registration_id, entered_by, version, published_version, published_at, created_at, updated_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,0,NULL,$17,$18) RETURNING id`,
			in.ReviewID, nullID(in.ConsultationID), in.AuthorName, in.AuthorEmail, in.Organization,
			string(in.StakeholderGroup), in.Country, in.Region, string(in.Publication), string(in.Status), string(in.Source),
			in.Via, in.ReceivedAt.UTC(), in.RegistrationID, in.EnteredBy, in.Current.Number, in.CreatedAt.UTC(),
			in.UpdatedAt.UTC()).Scan(&in.ID)
		if err != nil {
			return foreignKey(err)
		}
		if err := insertVersion(ctx, tx, in.ID, in.Current); err != nil {
			return err
		}
		return db.indexInput(ctx, tx, in.ID, in.Current)
	})
}

// foreignKey reports an answer to a question that does not exist (or was
// deleted meanwhile) as bad input rather than a failure.
func foreignKey(err error) error {
	if classify(err) == foreignKeyViolation {
		return errs.InvalidFields(map[string]string{"answers": "inputs.error.unknown_question"})
	}
	return err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func insertVersion(ctx context.Context, tx *sql.Tx, id int64, v inputs.Version) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO input_versions (input_id, version, comments, language, detected_language,
		created_at) VALUES ($1,$2,$3,$4,$5,$6)`, id, v.Number, v.Comments, v.Language, v.DetectedLanguage, v.CreatedAt.UTC())
	if err != nil {
		return err
	}
	for _, a := range v.Answers {
		if _, err := tx.ExecContext(ctx, `INSERT INTO input_answers (input_id, version, question_id, text)
			VALUES ($1,$2,$3,$4)`, id, v.Number, a.QuestionID, a.Text); err != nil {
			return foreignKey(err)
		}
	}
	return insertAttachments(ctx, tx, id, v)
}

// indexInput puts version v's text in the search index for input id,
// with the text of the version's files (stored before).
func (db *DB) indexInput(ctx context.Context, tx *sql.Tx, id int64, v inputs.Version) error {
	files, err := attachmentsText(ctx, tx, id, v.Number)
	if err != nil {
		return err
	}
	for _, st := range db.dialect.searchPut(id, v.Language, searchBody(indexedText(v, files))) {
		if _, err := tx.ExecContext(ctx, st.sql, st.args...); err != nil {
			return err
		}
	}
	return nil
}

// InputByID loads input id with its current version.
func (db *DB) InputByID(ctx context.Context, id int64) (in *inputs.Input, err error) {
	defer errs.Wrap(&err, "store.InputByID(%d)", id)
	return db.inputOn(ctx, db.read, id, false)
}

// inputOn loads input id with its current version, or its published one.
func (db *DB) inputOn(ctx context.Context, q querier, id int64, published bool) (*inputs.Input, error) {
	in, err := scanInput(q.QueryRowContext(ctx, `SELECT `+inputCols+` FROM inputs i JOIN input_versions v
		ON v.input_id = i.id AND v.version = `+shownVersion(published)+` WHERE i.id=$1`, id), nil)
	if err != nil {
		return nil, notFound(err, "inputs.not_found")
	}
	return in, attachAnswers(ctx, q, []*inputs.Input{in})
}

func shownVersion(published bool) string {
	if published {
		return "i.published_version"
	}
	return "i.version"
}

// AddInputVersion stores v as the next version of input id, and the
// publication choice that goes with it. Until a version is published, the
// index follows the latest; after, it keeps the published one. Two edits
// at once: the second is a Conflict.
func (db *DB) AddInputVersion(ctx context.Context, id int64, v inputs.Version, p inputs.Publication,
	now time.Time) (in *inputs.Input, err error) {
	defer errs.Wrap(&err, "store.AddInputVersion(%d)", id)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		before, err := db.inputOn(ctx, tx, id, false)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE inputs SET version=$1, publication=$2, updated_at=$3
			WHERE id=$4 AND version=$5`, v.Number, string(p), now.UTC(), id, v.Number-1)
		if err := mustAffect(res, err, "inputs.edited_meanwhile"); err != nil {
			if errs.Is(err, errs.NotFound) {
				return errs.E(errs.Conflict, "inputs.edited_meanwhile")
			}
			return err
		}
		if err := insertVersion(ctx, tx, id, v); err != nil {
			return err
		}
		if before.PublishedVersion == 0 {
			if err := db.indexInput(ctx, tx, id, v); err != nil {
				return err
			}
		}
		if in, err = db.inputOn(ctx, tx, id, false); err != nil {
			return err
		}
		return countPublic(ctx, tx, in.ReviewID, before.Public(), in.Public())
	})
	return in, err
}

// countPublic moves the review's counter of public inputs when a change
// made one public or took it away.
func countPublic(ctx context.Context, tx *sql.Tx, reviewID int64, was, is bool) error {
	if was == is {
		return nil
	}
	delta := 1
	if was {
		delta = -1
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO input_counters (review_id, published) VALUES ($1, $2)
		ON CONFLICT (review_id) DO UPDATE SET published = input_counters.published + excluded.published`, reviewID, delta)
	return err
}

// VerifyInput moves an unverified input to the secretariat once its
// address is confirmed, and reports whether this call did.
func (db *DB) VerifyInput(ctx context.Context, id int64, now time.Time) (in *inputs.Input, verified bool, err error) {
	defer errs.Wrap(&err, "store.VerifyInput(%d)", id)
	res, err := db.write.ExecContext(ctx, `UPDATE inputs SET status='submitted', updated_at=$1
		WHERE id=$2 AND status='unverified'`, now.UTC(), id)
	if err != nil {
		return nil, false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return nil, false, err
	}
	in, err = db.inputOn(ctx, db.write, id, false)
	return in, n == 1, err
}

// ModerateInput applies e to its input and logs it: publishing publishes
// the current version (and indexes it); rejecting and hiding take the
// input out of public view. An unverified input cannot be moderated. It
// joins the transaction of ctx (WithTx).
func (db *DB) ModerateInput(ctx context.Context, e inputs.LogEntry) (in *inputs.Input, err error) {
	defer errs.Wrap(&err, "store.ModerateInput(%d, %s)", e.InputID, e.Action)
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		before, err := db.inputOn(ctx, tx, e.InputID, false)
		if err != nil {
			return err
		}
		if before.Status == inputs.Unverified {
			return errs.E(errs.Conflict, "inputs.not_verified")
		}
		e.Version = before.Current.Number
		if err := applyModeration(ctx, tx, e); err != nil {
			return err
		}
		if e.Action == inputs.Publish {
			if err := db.indexInput(ctx, tx, e.InputID, before.Current); err != nil {
				return err
			}
		}
		if in, err = db.inputOn(ctx, tx, e.InputID, false); err != nil {
			return err
		}
		return countPublic(ctx, tx, in.ReviewID, before.Public(), in.Public())
	})
	return in, err
}

func applyModeration(ctx context.Context, tx *sql.Tx, e inputs.LogEntry) error {
	var err error
	if e.Action == inputs.Publish {
		_, err = tx.ExecContext(ctx, `UPDATE inputs SET status='published', published_version=version, published_at=$1,
			updated_at=$1 WHERE id=$2`, e.At.UTC(), e.InputID)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE inputs SET status=$1, updated_at=$2 WHERE id=$3`,
			string(e.Action.StatusAfter()), e.At.UTC(), e.InputID)
	}
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO input_log (input_id, action, version, reason, actor, at)
		VALUES ($1,$2,$3,$4,$5,$6)`, e.InputID, string(e.Action), e.Version, e.Reason, e.Actor, e.At.UTC())
	return err
}

// InputLog is the moderation log of input id, oldest first.
func (db *DB) InputLog(ctx context.Context, id int64) (log []inputs.LogEntry, err error) {
	defer errs.Wrap(&err, "store.InputLog(%d)", id)
	rows, err := db.read.QueryContext(ctx, `SELECT input_id, action, version, reason, actor, at FROM input_log
		WHERE input_id=$1 ORDER BY at, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e inputs.LogEntry
		var a string
		if err := rows.Scan(&e.InputID, &a, &e.Version, &e.Reason, &e.Actor, &e.At); err != nil {
			return nil, err
		}
		e.Action, e.At = inputs.Action(a), e.At.UTC()
		log = append(log, e)
	}
	return log, rows.Err()
}

// PublicInputCount is the number of inputs the public sees on a review,
// read from its counter.
func (db *DB) PublicInputCount(ctx context.Context, reviewID int64) (n int, err error) {
	defer errs.Wrap(&err, "store.PublicInputCount(%d)", reviewID)
	err = db.read.QueryRowContext(ctx, `SELECT published FROM input_counters WHERE review_id=$1`, reviewID).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return n, err
}

// InputCalls lists the calls for inputs of a review, the review's own
// first.
func (db *DB) InputCalls(ctx context.Context, reviewID int64) (list []inputs.Call, err error) {
	defer errs.Wrap(&err, "store.InputCalls(%d)", reviewID)
	rows, err := db.read.QueryContext(ctx, `SELECT consultation_id, opens_at, deadline FROM input_calls
		WHERE review_id=$1 ORDER BY consultation_id IS NOT NULL, consultation_id`, reviewID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		c := inputs.Call{ReviewID: reviewID}
		var cid sql.NullInt64
		if err := rows.Scan(&cid, &c.OpensAt, &c.Deadline); err != nil {
			return nil, err
		}
		c.ConsultationID, c.OpensAt, c.Deadline = cid.Int64, c.OpensAt.UTC(), c.Deadline.UTC()
		list = append(list, c)
	}
	return list, rows.Err()
}
