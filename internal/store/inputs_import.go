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
// ids, in one transaction: an id already taken is a Conflict and nothing
// is stored. The index and the public counters follow.
func (db *DB) ImportInputs(ctx context.Context, list []ImportedInput) (err error) {
	defer errs.Wrap(&err, "store.ImportInputs(%d)", len(list))
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		public := map[int64]int{} // per review, applied once
		for _, im := range list {
			if err := db.importInput(ctx, tx, im); err != nil {
				return err
			}
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
	return err
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

func (db *DB) importInput(ctx context.Context, tx *sql.Tx, im ImportedInput) error {
	in := im.Input
	_, err := tx.ExecContext(ctx, `INSERT INTO inputs (id, review_id, consultation_id, author_name, author_email,
		organization, stakeholder_group, country, region, publication, status, source, received_via, received_at,
		registration_id, entered_by, version, published_version, published_at, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)`,
		in.ID, in.ReviewID, nullID(in.ConsultationID), in.AuthorName, in.AuthorEmail, in.Organization,
		string(in.StakeholderGroup), in.Country, in.Region, string(in.Publication), string(in.Status), string(in.Source),
		in.Via, in.ReceivedAt.UTC(), in.RegistrationID, in.EnteredBy, in.Current.Number, in.PublishedVersion,
		nullTime(in.PublishedAt), in.CreatedAt.UTC(), in.UpdatedAt.UTC())
	switch classify(err) {
	case uniqueViolation:
		return errs.E(errs.Conflict, "inputs.import_exists")
	case foreignKeyViolation:
		return errs.E(errs.Invalid, "inputs.import_unknown")
	}
	if err != nil {
		return err
	}
	indexed := inputs.Version{}
	for _, v := range im.Versions {
		if err := insertVersion(ctx, tx, in.ID, v); err != nil {
			return err
		}
		if v.Number == in.PublishedVersion || (in.PublishedVersion == 0 && v.Number == in.Current.Number) {
			indexed = v
		}
	}
	for _, e := range im.Log {
		if _, err := tx.ExecContext(ctx, `INSERT INTO input_log (input_id, action, version, reason, actor, at)
			VALUES ($1,$2,$3,$4,$5,$6)`, in.ID, string(e.Action), e.Version, e.Reason, e.Actor, e.At.UTC()); err != nil {
			return err
		}
	}
	return db.indexInput(ctx, tx, in.ID, indexed)
}
