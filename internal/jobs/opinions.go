package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/opinion"
)

// OpinionRecompute is the job that recomputes a consultation's opinion map
// (opinion.Maps.Recompute) and stores it for every instance to read.
type OpinionRecompute struct {
	ConsultationID int64 `json:"consultation_id"`
}

// Kind is River's job kind; never renamed once shipped.
func (OpinionRecompute) Kind() string { return "opinion_recompute" }

// opinionsQueue is the River queue of the recomputations.
const opinionsQueue = "opinions"

// defaultRecomputeEvery is the window in which changes to one map share
// one recomputation.
const defaultRecomputeEvery = 2 * time.Second

// recomputeTimeout bounds one recomputation: 40 million votes take up to
// 50 s on two busy cores. It stays below RescueStuckJobsAfter, so that
// River never rescues a recomputation that is still running.
const recomputeTimeout = 110 * time.Second

// ScheduleRecompute inserts, in the transaction ctx carries, the job that
// recomputes the consultation's map two windows from now; it implements
// opinion.Scheduler. River keeps one job per consultation and window
// (UniqueOpts ByArgs and ByPeriod, keyed on the scheduled time), so a
// burst of votes yields one recomputation. Why a window rather than
// "unique while not running": River requires a unique job to be unique in
// the running state too, so a vote arriving while its map is being
// computed would be dropped as a duplicate. The window is instead chosen
// so that a job never starts before every change it covers was enqueued:
// changes at t go to the window holding t+2w, which starts at least w
// after t, and the next window's changes go to the next job.
func (q *Queue) ScheduleRecompute(ctx context.Context, consultationID int64) error {
	every := q.recomputeEvery
	return q.insert(ctx, OpinionRecompute{ConsultationID: consultationID}, &river.InsertOpts{
		Queue:       opinionsQueue,
		ScheduledAt: time.Now().Add(2 * every),
		UniqueOpts:  river.UniqueOpts{ByArgs: true, ByPeriod: every},
	})
}

// opinionWorker runs OpinionRecompute.
type opinionWorker struct {
	river.WorkerDefaults[OpinionRecompute]
	maps  *opinion.Maps
	every time.Duration
	// before, when set, runs first: tests hold a recomputation there to
	// see what readers get meanwhile.
	before func(ctx context.Context, consultationID int64)
}

func (w *opinionWorker) Work(ctx context.Context, job *river.Job[OpinionRecompute]) error {
	if w.before != nil {
		w.before(ctx, job.Args.ConsultationID)
	}
	again, err := w.maps.Recompute(ctx, job.Args.ConsultationID)
	if err != nil {
		return fmt.Errorf("jobs: recompute opinion map %d: %w", job.Args.ConsultationID, err)
	}
	if again {
		// A change came in while this process was computing the map, and
		// its own job found the computation busy: run once more.
		return river.JobSnooze(w.every)
	}
	return nil
}

func (w *opinionWorker) Timeout(*river.Job[OpinionRecompute]) time.Duration { return recomputeTimeout }
