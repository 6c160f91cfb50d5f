package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/registration"
)

// bulkRegistrationRows is how many registrations one INSERT carries: 15
// parameters each stays far below SQLite's and PostgreSQL's limits.
const bulkRegistrationRows = 500

// InsertRegistrations stores many registrations at once, in one transaction
// of multi-row INSERTs, with no rule checked and no email: for filling a
// benchmark's database with N registrations in seconds rather than
// through N requests. Registrations already there (same consultation and
// email, not cancelled) are skipped. Only pending registrations are taken:
// they hold no place, so the consultation's places_taken stays true.
func (db *DB) InsertRegistrations(ctx context.Context, list []*registration.Registration) (err error) {
	defer errs.Wrap(&err, "store.InsertRegistrations(%d)", len(list))
	for _, r := range list {
		if r.Status != registration.PendingConfirmation {
			return fmt.Errorf("registration %s is %s: only pending ones are bulk-inserted", r.ID, r.Status)
		}
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(list); start += bulkRegistrationRows {
			if err := insertRegistrationBatch(ctx, tx, list[start:min(start+bulkRegistrationRows, len(list))]); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertRegistrationBatch(ctx context.Context, tx *sql.Tx, batch []*registration.Registration) error {
	const cols = 15
	var q strings.Builder
	q.WriteString(`INSERT INTO registrations (` + insertRegistrationCols + `) VALUES `)
	args := make([]any, 0, cols*len(batch))
	for i, r := range batch {
		if i > 0 {
			q.WriteString(",")
		}
		q.WriteString("(")
		for j := range cols {
			if j > 0 {
				q.WriteString(",")
			}
			fmt.Fprintf(&q, "$%d", i*cols+j+1)
		}
		q.WriteString(")")
		args = append(args, r.ID, r.ConsultationID, r.GivenName, r.FamilyName, r.Email, r.Organization,
			string(r.StakeholderGroup), r.Country, r.Language, r.JobTitle, r.Gender, r.AccessibilityNeeds,
			r.ConsentAt.UTC(), string(r.Status), r.CreatedAt.UTC())
	}
	q.WriteString(` ON CONFLICT (consultation_id, email) WHERE status <> 'cancelled' DO NOTHING`)
	_, err := tx.ExecContext(ctx, q.String(), args...)
	return err
}
