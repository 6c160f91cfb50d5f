package jobs_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/demo"
	"github.com/consulta/consulta/internal/jobs"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/store"
	"github.com/consulta/consulta/internal/testutil/dbtest"
)

// mapFixture is the demo LAC consultation's opinion map on a real
// database, with a running job queue whose recomputations a test can hold.
type mapFixture struct {
	db      *store.DB
	c       *consultation.Consultation
	maps    *opinion.Maps
	svc     *opinion.Service
	entered chan int64 // a recomputation job has started
	voters  []*opinion.Participant

	mu   sync.Mutex
	hold chan struct{} // while not nil, jobs wait for it to close
}

func (f *mapFixture) setHold(c chan struct{}) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hold = c
}

func (f *mapFixture) held() chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hold
}

func newMapFixture(t *testing.T, engine string, hold chan struct{}) *mapFixture {
	t.Helper()
	ctx := context.Background()
	f := &mapFixture{db: dbtest.Open(t, engine), entered: make(chan int64, 100), hold: hold}
	if _, err := demo.Load(ctx, f.db, time.Now()); err != nil {
		t.Fatal(err)
	}
	c, err := f.db.ConsultationBySlug(ctx, demo.LACSlug)
	if err != nil {
		t.Fatal(err)
	}
	f.c = c
	f.maps = opinion.NewMaps(f.db, opinion.Segmenter{}, 0)
	q, err := jobs.New(f.db, jobs.Options{Work: true, Maps: f.maps, RecomputeEvery: time.Second,
		BeforeRecompute: f.beforeRecompute})
	if err != nil {
		t.Fatal(err)
	}
	f.maps.Scheduler = q
	f.svc = &opinion.Service{Store: f.db, Maps: f.maps, Now: time.Now}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = q.Stop(context.Background()) })
	for i := range 10 {
		p, err := f.db.OpinionParticipantForEmail(ctx, c.ID, fmt.Sprintf("voter%d@example.org", i), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		f.voters = append(f.voters, p)
	}
	return f
}

func (f *mapFixture) beforeRecompute(ctx context.Context, _ int64) {
	f.entered <- 1
	if hold := f.held(); hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
		}
	}
}

// vote casts a vote through the opinion service, as the pages do.
func (f *mapFixture) vote(t *testing.T, p *opinion.Participant, tid int, v opinion.Vote) {
	t.Helper()
	if err := f.svc.Vote(context.Background(), f.c, p, tid, v); err != nil {
		t.Fatal(err)
	}
}

// burst casts 50 votes: 10 participants on statements 0–4, split in two camps.
func (f *mapFixture) burst(t *testing.T) {
	t.Helper()
	for i, p := range f.voters {
		for tid := range 5 {
			v := opinion.Agree
			if (i%2 == 0) != (tid%2 == 0) {
				v = opinion.Disagree
			}
			f.vote(t, p, tid, v)
		}
	}
}

// settled reports whether the stored map was computed from the current
// data and no recomputation job is left to run.
func (f *mapFixture) settled(t *testing.T) bool {
	t.Helper()
	ctx := context.Background()
	fp, err := f.db.OpinionFingerprint(ctx, f.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	stamp, err := f.db.OpinionSnapshotStamp(ctx, f.c.ID)
	if err != nil {
		return false
	}
	return stamp.Fingerprint == fp && f.jobs(t, "state <> 'completed'") == 0
}

// jobs counts the recomputation jobs in River's table that match where.
func (f *mapFixture) jobs(t *testing.T, where string) int {
	t.Helper()
	var n int
	if err := f.db.Writer().QueryRowContext(context.Background(),
		`SELECT COUNT(*) FROM river_job WHERE kind = 'opinion_recompute' AND `+where).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitFor polls cond, bounded, rather than sleeping a guessed time.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

func eachEngine(t *testing.T, test func(t *testing.T, engine string)) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) { test(t, engine) })
	}
}

// No page view computes a map: before the first one, Get says so and the
// job is scheduled; a burst of 50 votes is one recomputation (two when it
// straddles a window); and a restarted instance serves the stored map.
func TestOpinionMapRecomputedByJob(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := newMapFixture(t, engine, nil)
		snap, err := f.maps.Get(ctx, f.c.ID)
		if err != nil || snap != nil {
			t.Fatalf("before any computation Get = %v, %v; want nil, nil", snap, err)
		}
		if n := f.jobs(t, "TRUE"); n != 1 {
			t.Errorf("a view of a map never computed scheduled %d jobs, want 1", n)
		}
		waitFor(t, "the first map", func() bool { return f.settled(t) })
		if n := f.maps.Computations(); n != 1 {
			t.Errorf("%d computations for the first map, want 1", n)
		}

		before := f.jobs(t, "TRUE")
		f.burst(t)
		waitFor(t, "the map after the burst", func() bool { return f.settled(t) })
		jobsRun, computed := f.jobs(t, "TRUE")-before, f.maps.Computations()-1
		if jobsRun < 1 || jobsRun > 2 || computed < 1 || computed > 2 {
			t.Errorf("50 votes: %d jobs, %d computations; want 1 (2 across a window)", jobsRun, computed)
		}
		snap, err = f.maps.Get(ctx, f.c.ID)
		if err != nil || snap == nil || snap.Votes != 50 {
			t.Fatalf("after the burst Get = %+v, %v; want the map of 50 votes", snap, err)
		}

		// A restart: new maps on the same database serve the stored map
		// without computing it.
		restarted := opinion.NewMaps(f.db, opinion.Segmenter{}, time.Hour)
		again, err := restarted.Get(ctx, f.c.ID)
		if err != nil || again == nil || again.Fingerprint != snap.Fingerprint || again.Votes != 50 {
			t.Fatalf("after a restart Get = %+v, %v", again, err)
		}
		if n := restarted.Computations(); n != 0 {
			t.Errorf("a restarted instance computed %d maps to serve a stored one", n)
		}
		if len(again.Result.Groups) != len(snap.Result.Groups) || again.Result.InConversation != snap.Result.InConversation {
			t.Errorf("stored map differs: %d groups, %d in conversation; computed %d, %d", len(again.Result.Groups),
				again.Result.InConversation, len(snap.Result.Groups), snap.Result.InConversation)
		}
	})
}

// While a recomputation runs (held here in the job), readers get the
// previous map at once, on this instance and on a restarted one.
func TestOpinionMapReadersDuringRecomputation(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		hold := make(chan struct{})
		f := newMapFixture(t, engine, hold)
		f.burst(t)
		<-f.entered
		close(hold) // let the first computation through
		waitFor(t, "the first map", func() bool { return f.settled(t) })
		first, err := f.maps.Get(ctx, f.c.ID)
		if err != nil || first == nil {
			t.Fatalf("Get = %v, %v", first, err)
		}

		hold = make(chan struct{})
		f.setHold(hold)
		f.vote(t, f.voters[0], 6, opinion.Agree)
		<-f.entered // the job for that vote is held
		for _, m := range []*opinion.Maps{f.maps, opinion.NewMaps(f.db, opinion.Segmenter{}, 0)} {
			got, err := m.Get(ctx, f.c.ID)
			if err != nil || got == nil || got.Fingerprint != first.Fingerprint {
				t.Errorf("during the recomputation Get = %+v, %v; want the previous map", got, err)
			}
		}
		computed := f.maps.Computations()
		close(hold)
		waitFor(t, "the map with the new vote", func() bool { return f.settled(t) })
		if n := f.maps.Computations() - computed; n != 1 {
			t.Errorf("%d computations for one vote, want 1", n)
		}
		if got, _ := f.maps.Get(ctx, f.c.ID); got == nil || got.Votes != 51 {
			t.Errorf("after the job Get = %+v; want 51 votes", got)
		}
	})
}
