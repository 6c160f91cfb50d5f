package store

import (
	"context"
	"database/sql"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/inputs"
)

// ImportedInput is one input of a complete export: the input as it was
// (with its current version), every version and the moderation log.
type ImportedInput struct {
	Input    *inputs.Input
	Versions []inputs.Version
	Log      []inputs.LogEntry
}

// ImportInputs stores the inputs of a complete export under their own
// ids, in one transaction of multi-row INSERTs (a round trip per
// statement was most of an import on PostgreSQL): an id already taken is
// a Conflict and nothing is stored. The index and the public counters
// follow.
func (db *DB) ImportInputs(ctx context.Context, list []ImportedInput) (err error) {
	defer errs.Wrap(&err, "store.ImportInputs(%d)", len(list))
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := importRows(ctx, tx, db.dialect, list); err != nil {
			return err
		}
		public := map[int64]int{} // per review, applied once
		for _, im := range list {
			if im.Input.Public() {
				public[im.Input.ReviewID]++
			}
		}
		for review, n := range public {
			if _, err := tx.ExecContext(ctx, `INSERT INTO input_counters (review_id, published) VALUES ($1, $2)
				ON CONFLICT (review_id) DO UPDATE SET published = input_counters.published + excluded.published`, review, n); err != nil {
				return err
			}
		}
		if db.dialect.afterExplicitIDs != nil {
			if _, err := tx.ExecContext(ctx, db.dialect.afterExplicitIDs("inputs")); err != nil {
				return err
			}
		}
		return nil
	})
}

// importRows inserts the inputs, then their versions, answers, log and
// index rows.
func importRows(ctx context.Context, tx *sql.Tx, d dialect, list []ImportedInput) error {
	err := insertInBatches(ctx, tx, d, `INSERT INTO inputs (id, review_id, consultation_id, author_name, author_email,
		organization, stakeholder_group, country, region, publication, status, source, received_via, received_at,
		registration_id, entered_by, version, published_version, published_at, created_at, updated_at) VALUES `, 21, len(list),
		func(k int, args []any) []any {
			in := list[k].Input
			return append(args, in.ID, in.ReviewID, nullID(in.ConsultationID), in.AuthorName, in.AuthorEmail, in.Organization,
				string(in.StakeholderGroup), in.Country, in.Region, string(in.Publication), string(in.Status), string(in.Source),
				in.Via, in.ReceivedAt.UTC(), in.RegistrationID, in.EnteredBy, in.Current.Number, in.PublishedVersion,
				nullTime(in.PublishedAt), in.CreatedAt.UTC(), in.UpdatedAt.UTC())
		})
	switch classify(err) {
	case uniqueViolation:
		return errs.E(errs.Conflict, "inputs.import_exists")
	case foreignKeyViolation:
		return errs.E(errs.Invalid, "inputs.import_unknown")
	}
	if err != nil {
		return err
	}
	type version struct {
		id int64
		v  inputs.Version
	}
	type answer struct {
		id int64
		n  int
		a  inputs.Answer
	}
	var versions []version
	var answers []answer
	var log []inputs.LogEntry
	var index []version
	for _, im := range list {
		in := im.Input
		indexed := inputs.Version{}
		for _, v := range im.Versions {
			versions = append(versions, version{in.ID, v})
			for _, a := range v.Answers {
				answers = append(answers, answer{in.ID, v.Number, a})
			}
			if v.Number == in.PublishedVersion || (in.PublishedVersion == 0 && v.Number == in.Current.Number) {
				indexed = v
			}
		}
		for _, e := range im.Log {
			e.InputID = in.ID
			log = append(log, e)
		}
		index = append(index, version{in.ID, indexed})
	}
	if err := insertInBatches(ctx, tx, d, `INSERT INTO input_versions (input_id, version, comments, language, detected_language,
		created_at) VALUES `, 6, len(versions), func(k int, args []any) []any {
		x := versions[k]
		return append(args, x.id, x.v.Number, x.v.Comments, x.v.Language, x.v.DetectedLanguage, x.v.CreatedAt.UTC())
	}); err != nil {
		return err
	}
	if err := insertInBatches(ctx, tx, d, `INSERT INTO input_answers (input_id, version, question_id, text) VALUES `, 4,
		len(answers), func(k int, args []any) []any {
			x := answers[k]
			return append(args, x.id, x.n, x.a.QuestionID, x.a.Text)
		}); err != nil {
		return foreignKey(err)
	}
	if err := insertInBatches(ctx, tx, d, `INSERT INTO input_log (input_id, action, version, reason, actor, at) VALUES `, 6,
		len(log), func(k int, args []any) []any {
			e := log[k]
			return append(args, e.InputID, string(e.Action), e.Version, e.Reason, e.Actor, e.At.UTC())
		}); err != nil {
		return err
	}
	if err := importAttachments(ctx, tx, list); err != nil {
		return err
	}
	width := len(d.searchRow(0, "", ""))
	return insertInBatches(ctx, tx, d, d.searchInsert, width, len(index), func(k int, args []any) []any {
		x := index[k]
		return append(args, d.searchRow(x.id, x.v.Language, searchBody(indexedText(x.v, inputs.AttachmentsText(x.v.Attachments))))...)
	})
}

// AnalyzeInputs refreshes the planner's statistics of the inputs tables,
// after an import (one call after all its batches).
func (db *DB) AnalyzeInputs(ctx context.Context) (err error) {
	defer errs.Wrap(&err, "store.AnalyzeInputs")
	if db.dialect.analyzeInputs == "" {
		return nil
	}
	_, err = db.write.ExecContext(ctx, db.dialect.analyzeInputs)
	return err
}
