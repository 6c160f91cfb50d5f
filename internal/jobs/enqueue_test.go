package jobs_test

import (
	"context"
	"slices"
	"testing"

	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// A message enqueued again — a double click, a retried request, a second
// instance, or twice in one batch — is skipped without an error: the
// kind's uniqueness holds with River's fast insert on both engines.
// Confirmations enqueued together become one job naming each registration
// once (a confirmation already enqueued alone is then sent once by its key:
// TestDeliveriesPageShowsABatch).
func TestEnqueueTwiceOneJob(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		db := dbtest.Open(t, engine)
		q, err := jobs.New(db, jobs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		a, b := messages.Confirmation{RegistrationID: "reg-a"}, messages.Confirmation{RegistrationID: "reg-b"}
		steps := []struct {
			name string
			run  func(ctx context.Context) error
		}{
			{"once", func(ctx context.Context) error { return q.Enqueue(ctx, a) }},
			{"again, another transaction", func(ctx context.Context) error { return q.Enqueue(ctx, a) }},
			{"twice in one transaction", func(ctx context.Context) error {
				if err := q.Enqueue(ctx, b); err != nil {
					return err
				}
				return q.Enqueue(ctx, b)
			}},
			{"in a batch with itself and the others", func(ctx context.Context) error {
				return q.EnqueueMany(ctx, []messages.Message{a, b, a, messages.AlreadyRegistered{RegistrationID: "reg-a"}})
			}},
		}
		for _, s := range steps {
			if err := db.WithTx(ctx, s.run); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		}
		rows, err := db.Writer().QueryContext(ctx, `SELECT kind, COUNT(*) FROM river_job GROUP BY kind ORDER BY kind`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		got := map[string]int{}
		for rows.Next() {
			var kind string
			var n int
			if err := rows.Scan(&kind, &n); err != nil {
				t.Fatal(err)
			}
			got[kind] = n
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		batch := messages.Confirmations{}.Kind()
		want := map[string]int{a.Kind(): 2, messages.AlreadyRegistered{}.Kind(): 1, batch: 1}
		if len(got) != len(want) || got[a.Kind()] != 2 || got[messages.AlreadyRegistered{}.Kind()] != 1 || got[batch] != 1 {
			t.Errorf("jobs by kind %v, want %v (one per registration and kind, one batch)", got, want)
		}
		var ids int
		if err := db.Writer().QueryRowContext(ctx, `SELECT `+recipients(engine)+` FROM river_job j WHERE kind = $1`, batch).Scan(&ids); err != nil || ids != 2 {
			t.Errorf("the batch names %d registrations (%v), want 2", ids, err)
		}
	})
}

// On PostgreSQL the job table keeps none of River's GIN indexes (nothing
// queries by JSON containment, and they were most of the server's work
// per email), and migrating again — every start does — is harmless.
func TestPostgresJobsWithoutGINIndexes(t *testing.T) {
	if !slices.Contains(dbtest.Engines(), "postgres") {
		t.Skip("PostgreSQL is off")
	}
	ctx := context.Background()
	db := dbtest.Open(t, "postgres")
	if err := jobs.Migrate(ctx, db); err != nil {
		t.Fatalf("a second migration: %v", err)
	}
	var gin []string
	rows, err := db.Writer().QueryContext(ctx, `SELECT indexname FROM pg_indexes WHERE tablename = 'river_job' AND indexdef ILIKE '%USING gin%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		gin = append(gin, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(gin) > 0 {
		t.Errorf("river_job still has GIN indexes %v", gin)
	}
}

func recipients(engine string) string {
	if engine == "postgres" {
		return `jsonb_array_length(j.args -> 'registration_ids')`
	}
	return `json_array_length(j.args, '$.registration_ids')`
}
