package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/polis"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/polisdata"
)

// checkTallies compares every statement's kept tally with its votes counted.
func checkTallies(t *testing.T, db *store.DB, cid int64) {
	t.Helper()
	ctx := context.Background()
	d, err := db.OpinionData(ctx, cid)
	if err != nil {
		t.Fatal(err)
	}
	counted := map[int][3]int{}
	for _, v := range d.Votes {
		c := counted[int(v.TID)]
		c[1-int(v.Vote)]++
		counted[int(v.TID)] = c
	}
	list, err := db.Statements(ctx, store.StatementFilter{ConsultationID: cid})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		if c := counted[s.TID]; s.Agrees != c[0] || s.Passes != c[1] || s.Disagrees != c[2] {
			t.Errorf("statement %d: tally %d/%d/%d, votes say %d/%d/%d", s.TID, s.Agrees, s.Disagrees, s.Passes, c[0], c[2], c[1])
		}
	}
}

// The tallies kept on statements follow every vote, changed vote, author's
// own vote and import.
func TestStatementTalliesFollowVotes(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "tally")
		a, b := f.participant(t, "a@example.org"), f.participant(t, "b@example.org")
		s0 := f.seed(t, "One.", opinion.Accepted)
		own := &opinion.Statement{ConsultationID: f.cid, AuthorPID: a.PID, Body: "Mine.", Lang: "en"}
		if err := db.AddStatement(ctx, own, now); err != nil {
			t.Fatal(err)
		}
		for _, v := range []struct {
			tid, pid int
			vote     opinion.Vote
		}{{s0.TID, a.PID, opinion.Agree}, {s0.TID, a.PID, opinion.Agree}, {s0.TID, a.PID, opinion.Disagree},
			{s0.TID, b.PID, opinion.Pass}, {own.TID, b.PID, opinion.Disagree}, {s0.TID, b.PID, opinion.Agree}} {
			if err := db.CastVote(ctx, f.cid, v.tid, v.pid, v.vote, time.Now()); err != nil {
				t.Fatal(err)
			}
			checkTallies(t, db, f.cid)
		}
		// Imported conversations get their tallies too.
		e, err := polis.Read(polisdata.Dir(t, "brexit-consensus"))
		if err != nil {
			t.Fatal(err)
		}
		g := newOpinionFixture(t, db, "tally-import")
		if _, err := db.ImportPolis(ctx, g.cid, e, now); err != nil {
			t.Fatal(err)
		}
		checkTallies(t, db, g.cid)
	})
}
