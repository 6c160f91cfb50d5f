package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/store"
)

// OpinionData reads what the map is computed from, and the fingerprint
// moves with every vote, re-vote, statement and moderation decision, so a
// cached map is recomputed exactly when something changed.
func TestOpinionDataAndMapsCache(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newOpinionFixture(t, db, "map-cache")
		a := f.participant(t, "a@example.org")
		b := f.participant(t, "b@example.org")
		c := f.participant(t, "c@example.org")
		s0 := f.seed(t, "Broadband is a right.", opinion.Accepted)
		s1 := f.seed(t, "Spam is fine.", opinion.Rejected)
		vote := func(tid, pid int, v opinion.Vote) {
			t.Helper()
			if err := db.CastVote(ctx, f.cid, tid, pid, v, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		vote(s0.TID, a.PID, opinion.Agree)
		vote(s0.TID, b.PID, opinion.Disagree)

		d, err := db.OpinionData(ctx, f.cid)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Statements) != 2 || d.Statements[1].Moderation != opinion.Rejected || d.Statements[0].Body != "Broadband is a right." {
			t.Errorf("statements %+v", d.Statements)
		}
		if len(d.Participants) != 3 || d.Participants[0].StakeholderGroup != "civil_society" || d.Participants[0].Country != "GB" {
			t.Errorf("participants %+v", d.Participants)
		}
		if len(d.Votes) != 2 {
			t.Fatalf("votes %+v", d.Votes)
		}

		maps := opinion.NewMaps(db, opinion.Segmenter{StakeholderGroups: []string{"civil_society"}}, 0)
		first, err := maps.Get(ctx, f.cid)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := maps.Get(ctx, f.cid)
		if again != first {
			t.Error("nothing changed, yet the map was recomputed")
		}
		changes := []struct {
			name string
			do   func()
		}{
			{"a new vote", func() { vote(s0.TID, c.PID, opinion.Agree) }},
			{"a changed vote", func() { vote(s0.TID, b.PID, opinion.Agree) }},
			{"a new statement", func() { f.seed(t, "Community networks need spectrum.", opinion.Unmoderated) }},
			{"a moderation decision", func() {
				if err := db.ModerateStatement(ctx, f.cid, s1.TID, opinion.Accepted); err != nil {
					t.Fatal(err)
				}
			}},
		}
		prev := first
		for _, ch := range changes {
			ch.do()
			next, err := maps.Get(ctx, f.cid)
			if err != nil {
				t.Fatal(err)
			}
			if next == prev {
				t.Errorf("after %s the map was not recomputed", ch.name)
			}
			prev = next
		}
		st, _ := prev.Result.Statement(s0.TID)
		if st.Total.Agrees != 3 || st.Total.Disagrees != 0 {
			t.Errorf("after the changed vote statement %d counts %+v, want 3 agrees", s0.TID, st.Total)
		}

		// Many readers at once while votes arrive: nobody fails or waits
		// forever, and once things settle the map has every vote.
		var wg sync.WaitGroup
		errc := make(chan error, 64)
		for g := range 8 {
			wg.Go(func() {
				for range 10 {
					if _, err := maps.Get(ctx, f.cid); err != nil {
						errc <- err
					}
				}
				if g == 0 {
					if err := db.CastVote(ctx, f.cid, s1.TID, c.PID, opinion.Disagree, time.Now()); err != nil {
						errc <- err
					}
				}
			})
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			t.Error(err)
		}
		settled, err := maps.Get(ctx, f.cid)
		if err != nil {
			t.Fatal(err)
		}
		if st, _ := settled.Result.Statement(s1.TID); st.Total.Disagrees != 1 {
			t.Errorf("after the concurrent vote statement %d counts %+v", s1.TID, st.Total)
		}

		// With a long maximum age, readers get the computed map at once.
		slow := opinion.NewMaps(db, opinion.Segmenter{}, time.Hour)
		m1, _ := slow.Get(ctx, f.cid)
		vote(s1.TID, b.PID, opinion.Pass)
		if m2, _ := slow.Get(ctx, f.cid); m2 != m1 {
			t.Error("a map younger than its maximum age was recomputed")
		}
	})
}
