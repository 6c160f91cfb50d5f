package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/store"
)

// A participant may write MaxStatementsPerHour statements an hour; the
// secretariat's seeds are not limited.
func TestStatementsPerHourLimit(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "limits")
		p := f.participant(t, "prolific@example.org")
		write := func(i int, at time.Time) error {
			return db.AddStatement(ctx, &opinion.Statement{ConsultationID: f.cid, AuthorPID: p.PID,
				Body: fmt.Sprintf("Statement number %d.", i), Lang: "en"}, at)
		}
		for i := range opinion.MaxStatementsPerHour {
			if err := write(i, now.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatalf("statement %d: %v", i, err)
			}
		}
		err := write(99, now.Add(30*time.Minute))
		wantErr(t, err, errs.Closed, "vote.error.too_many_statements")
		for i := range 3 {
			f.seed(t, fmt.Sprintf("Seed %d.", i), opinion.Accepted)
		}
		// An hour after the first, there is room again.
		if err := write(100, now.Add(61*time.Minute)); err != nil {
			t.Errorf("an hour later: %v", err)
		}
	})
}
