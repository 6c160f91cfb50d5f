package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/polis"
	"github.com/consulta/consulta/internal/registration"
	"github.com/consulta/consulta/internal/store"
)

// The dense numbers of participants (pid) and statements (tid) under
// concurrency: on PostgreSQL, requests really run at once.

// inParallel runs n calls of fn on 16 goroutines and returns their errors.
func inParallel(n int, fn func(i int) error) []error {
	errors := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range next {
				errors[i] = fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors
}

// noErrors fails the test on the first error of errs.
func noErrors(t *testing.T, what string, errs []error) {
	t.Helper()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s %d: %v", what, i, err)
		}
	}
}

// wantDense checks that got holds exactly 0…n-1 in some order.
func wantDense(t *testing.T, what string, got []int, n int) {
	t.Helper()
	sorted := slices.Sorted(slices.Values(got))
	for i, x := range sorted {
		if x != i || len(sorted) != n {
			t.Fatalf("%s are %v, want 0…%d each once", what, sorted, n-1)
		}
	}
}

func tids(t *testing.T, db *store.DB, cid int64) []int {
	t.Helper()
	list, err := db.Statements(context.Background(), store.StatementFilter{ConsultationID: cid})
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, st := range list {
		out = append(out, st.TID)
	}
	return out
}

func TestStatementsDenseUnderConcurrency(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		const n = 300
		noErrors(t, "statement", inParallel(n, func(i int) error {
			st := &opinion.Statement{ConsultationID: f.cid, AuthorPID: opinion.BySecretariat,
				Body: fmt.Sprintf("Seed statement number %d.", i), Moderation: opinion.Accepted, IsSeed: true}
			return db.AddStatement(ctx, st, now)
		}))
		wantDense(t, "tids", tids(t, db, f.cid), n)
	})
}

// First sign-ins by address and first joins of registrants, all at once,
// share one sequence of pids.
func TestFirstSignInsDenseUnderConcurrency(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		const signIns, joins = 200, 100
		regs := make([]*registration.Registration, joins)
		for i := range regs {
			regs[i] = f.registration(t, fmt.Sprintf("r%d@example.org", i))
		}
		pids := make([]int, signIns+joins)
		noErrors(t, "participant", inParallel(signIns+joins, func(i int) error {
			var p *opinion.Participant
			var err error
			if i < signIns {
				p, err = db.OpinionParticipantForEmail(ctx, f.cid, fmt.Sprintf("v%d@example.org", i), now)
			} else {
				p, err = db.OpinionParticipantForRegistration(ctx, regs[i-signIns], now)
			}
			if err == nil {
				pids[i] = p.PID
			}
			return err
		}))
		wantDense(t, "pids", pids, signIns+joins)
	})
}

// One person signing in from several requests at once (a double click,
// two tabs) is one participant, and takes one pid.
func TestSameParticipantConcurrently(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		reg := f.registration(t, "r@example.org")
		const n = 32
		ids := make([]int64, n)
		noErrors(t, "sign-in", inParallel(n, func(i int) error {
			var p *opinion.Participant
			var err error
			if i%2 == 0 {
				p, err = db.OpinionParticipantForEmail(ctx, f.cid, "Same@Example.org", now)
			} else {
				p, err = db.OpinionParticipantForRegistration(ctx, reg, now)
			}
			if err == nil {
				ids[i] = p.ID
			}
			return err
		}))
		for i := 2; i < n; i++ {
			if ids[i] != ids[i%2] {
				t.Fatalf("participant ids %v: want one per address and one per registration", ids)
			}
		}
		next, err := db.OpinionParticipantForEmail(ctx, f.cid, "next@example.org", now)
		if err != nil || next.PID != 2 {
			t.Fatalf("next participant %+v, %v; want pid 2", next, err)
		}
	})
}

// A transaction that rolls back gives its number back.
func TestRolledBackNumbersLeaveNoGap(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		abort := errors.New("abort")
		err := db.WithTx(ctx, func(ctx context.Context) error {
			if _, err := db.OpinionParticipantForEmail(ctx, f.cid, "gone@example.org", now); err != nil {
				return err
			}
			st := &opinion.Statement{ConsultationID: f.cid, AuthorPID: opinion.BySecretariat, Body: "Gone."}
			if err := db.AddStatement(ctx, st, now); err != nil {
				return err
			}
			return abort
		})
		if !errors.Is(err, abort) {
			t.Fatalf("rolled back with %v", err)
		}
		p, err := db.OpinionParticipantForEmail(ctx, f.cid, "kept@example.org", now)
		if err != nil || p.PID != 0 {
			t.Fatalf("participant after the rollback %+v, %v; want pid 0", p, err)
		}
		if st := f.seed(t, "Kept.", opinion.Accepted); st.TID != 0 {
			t.Fatalf("statement after the rollback has tid %d, want 0", st.TID)
		}
	})
}

// Normal inserts continue past the numbers a Pol.is import brought, and a
// consultation numbered normally is not disturbed by an import elsewhere.
func TestNumbersAroundImport(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		normal := newOpinionFixture(t, db, "normal")
		normal.participant(t, "a@example.org")
		normal.seed(t, "Before the import.", opinion.Accepted)
		imported := newOpinionFixture(t, db, "imported")
		src := &polis.Export{
			Comments: []polis.Comment{
				{ID: 0, AuthorID: -1, Timestamp: ms(1000), Moderated: 1, Body: "Imported seed."},
				{ID: 4, AuthorID: 7, Timestamp: ms(3000), Body: "Imported, by participant 7."},
			},
			Votes:        []polis.VoteRow{{Timestamp: ms(2000), CommentID: 0, VoterID: 2, Vote: polis.Agree}},
			Participants: []polis.ParticipantRow{{ID: 2, XID: "x-2"}, {ID: 9, XID: "lurker"}},
		}
		if _, err := db.ImportPolis(ctx, imported.cid, src, base); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			f             *opinionFixture
			pid, tid      int
			before, after string
		}{
			{normal, 1, 1, "a second participant", "After the import."},
			{imported, 10, 5, "a new participant", "After the import, here."},
		} {
			p, err := db.OpinionParticipantForEmail(ctx, c.f.cid, "new@example.org", now)
			if err != nil || p.PID != c.pid {
				t.Errorf("%s: %+v, %v; want pid %d", c.before, p, err, c.pid)
			}
			if st := c.f.seed(t, c.after, opinion.Accepted); st.TID != c.tid {
				t.Errorf("%q: tid %d, want %d", c.after, st.TID, c.tid)
			}
		}
	})
}

// The migration that brings the counters starts them past the numbers
// already taken.
func TestCountersMigrateFromExistingNumbers(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		f.participant(t, "a@example.org")
		f.participant(t, "b@example.org")
		f.seed(t, "One.", opinion.Accepted)
		empty := newOpinionFixture(t, db, "empty")
		if err := db.RedoMigration(ctx, 6); err != nil {
			t.Fatal(err)
		}
		if p := f.participant(t, "c@example.org"); p.PID != 2 {
			t.Errorf("pid after the migration %d, want 2", p.PID)
		}
		if st := f.seed(t, "Two.", opinion.Accepted); st.TID != 1 {
			t.Errorf("tid after the migration %d, want 1", st.TID)
		}
		if st := empty.seed(t, "First.", opinion.Accepted); st.TID != 0 {
			t.Errorf("first tid of an empty map %d, want 0", st.TID)
		}
	})
}

// The same statement sent several times at once is stored once; the
// others are told it is a duplicate.
func TestSameStatementConcurrently(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "op")
		results := inParallel(16, func(int) error {
			return db.AddStatement(ctx, &opinion.Statement{ConsultationID: f.cid, AuthorPID: opinion.BySecretariat,
				Body: "Said once."}, now)
		})
		stored := 0
		for _, err := range results {
			switch {
			case err == nil:
				stored++
			case errs.FieldsOf(err)["body"] != "opinions.error.duplicate":
				t.Fatalf("AddStatement: %v, want stored or a duplicate", err)
			}
		}
		if got := tids(t, db, f.cid); stored != 1 || !slices.Equal(got, []int{0}) {
			t.Fatalf("%d stored, tids %v; want one, tid 0", stored, got)
		}
	})
}
