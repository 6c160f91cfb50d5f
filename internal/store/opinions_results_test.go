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

		// The map is computed by Recompute (the job's work), never by Get.
		maps := opinion.NewMaps(db, opinion.Segmenter{StakeholderGroups: []string{"civil_society"}}, 0)
		if snap, err := maps.Get(ctx, f.cid); err != nil || snap != nil {
			t.Fatalf("Get before any computation = %v, %v", snap, err)
		}
		recompute := func() *opinion.Snapshot {
			t.Helper()
			if again, err := maps.Recompute(ctx, f.cid); err != nil || again {
				t.Fatalf("Recompute = %v, %v", again, err)
			}
			snap, err := maps.Get(ctx, f.cid)
			if err != nil || snap == nil {
				t.Fatalf("Get = %v, %v", snap, err)
			}
			return snap
		}
		first := recompute()
		if again := recompute(); again != first || maps.Computations() != 1 {
			t.Errorf("nothing changed, yet the map was recomputed (%d computations)", maps.Computations())
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
			if stale, _ := maps.Get(ctx, f.cid); stale != prev {
				t.Errorf("after %s Get did not return the previous map at once", ch.name)
			}
			next := recompute()
			if next == prev || next.Fingerprint == prev.Fingerprint {
				t.Errorf("after %s the map was not recomputed", ch.name)
			}
			prev = next
		}
		st, _ := prev.Result.Statement(s0.TID)
		if st.Total.Agrees != 3 || st.Total.Disagrees != 0 || prev.Votes != 3 {
			t.Errorf("after the changed vote statement %d counts %+v (%d votes), want 3 agrees", s0.TID, st.Total, prev.Votes)
		}

		// Another instance (or this one restarted) reads the stored map,
		// statements and figures alike, without computing.
		other := opinion.NewMaps(db, opinion.Segmenter{}, time.Hour)
		stored, err := other.Get(ctx, f.cid)
		if err != nil || stored == nil || stored.Fingerprint != prev.Fingerprint || other.Computations() != 0 {
			t.Fatalf("another instance's Get = %+v, %v (%d computations)", stored, err, other.Computations())
		}
		if body, ok := stored.Statement(s0.TID); !ok || body.Body != "Broadband is a right." {
			t.Errorf("stored statement %d = %+v", s0.TID, body)
		}
		if st, _ := stored.Result.Statement(s0.TID); st.Total.Agrees != 3 {
			t.Errorf("stored counts %+v", st.Total)
		}

		// An older computation finishing last does not replace a newer map.
		older := *prev
		older.Fingerprint, older.ComputedAt = "older", prev.ComputedAt.Add(-time.Minute)
		if err := db.SaveOpinionSnapshot(ctx, f.cid, &older); err != nil {
			t.Fatal(err)
		}
		if stamp, err := db.OpinionSnapshotStamp(ctx, f.cid); err != nil || stamp.Fingerprint != prev.Fingerprint {
			t.Errorf("after saving an older map the stamp is %+v, %v", stamp, err)
		}

		// Many readers at once while votes arrive and the map is
		// recomputed: nobody fails or waits for a computation, and once
		// things settle the map has every vote.
		var wg sync.WaitGroup
		errc := make(chan error, 64)
		for g := range 8 {
			wg.Go(func() {
				for range 10 {
					if _, err := maps.Get(ctx, f.cid); err != nil {
						errc <- err
					}
				}
				switch g {
				case 0:
					if err := db.CastVote(ctx, f.cid, s1.TID, c.PID, opinion.Disagree, time.Now()); err != nil {
						errc <- err
					}
				case 1:
					if _, err := maps.Recompute(ctx, f.cid); err != nil {
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
		settled := recompute()
		if st, _ := settled.Result.Statement(s1.TID); st.Total.Disagrees != 1 {
			t.Errorf("after the concurrent vote statement %d counts %+v", s1.TID, st.Total)
		}
	})
}
