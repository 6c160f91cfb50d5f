package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/store"
)

// ReportGenerate is the job that generates a review's synthesis report
// (report.Service.Generate) and stores it with its progress.
type ReportGenerate struct {
	ReviewID   int64  `json:"review_id"`
	ReviewSlug string `json:"review_slug"`
}

// Kind is River's job kind; never renamed once shipped.
func (ReportGenerate) Kind() string { return "report_generate" }

// reportsQueue is the River queue of the generations: one at a time, so
// a long synthesis never holds an email's slot or both cores.
const reportsQueue = "reports"

// reportTimeout bounds one generation (100,000 inputs take about 20 s).
const reportTimeout = 10 * time.Minute

// waitingOrRunning are the states in which a generation is unique per
// review: a second click while one waits or runs is the same run, and a
// click after it finished starts a new one.
var waitingOrRunning = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}

// ScheduleReport inserts, in the transaction ctx carries, the job that
// generates the review's report, unless one already waits or runs;
// it implements report.Jobs.
func (q *Queue) ScheduleReport(ctx context.Context, reviewID int64, reviewSlug string) (bool, error) {
	tx, ok := store.TxFrom(ctx)
	if !ok {
		return false, fmt.Errorf("jobs: enqueue report_generate outside a transaction")
	}
	res, err := q.client.InsertTx(ctx, tx, ReportGenerate{ReviewID: reviewID, ReviewSlug: reviewSlug}, &river.InsertOpts{
		Queue: reportsQueue, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: waitingOrRunning}})
	if err != nil {
		return false, fmt.Errorf("jobs: enqueue report_generate: %w", err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// reportWorker runs ReportGenerate.
type reportWorker struct {
	river.WorkerDefaults[ReportGenerate]
	reports *report.Service
}

func (w *reportWorker) Work(ctx context.Context, job *river.Job[ReportGenerate]) error {
	if err := w.reports.Generate(ctx, job.Args.ReviewID, job.Args.ReviewSlug); err != nil {
		return fmt.Errorf("jobs: generate report %q: %w", job.Args.ReviewSlug, err)
	}
	return nil
}

func (w *reportWorker) Timeout(*river.Job[ReportGenerate]) time.Duration { return reportTimeout }

// addReportWorker registers the generation's worker and its queue.
func addReportWorker(cfg *river.Config, reports *report.Service) {
	if reports == nil {
		return
	}
	river.AddWorker(cfg.Workers, &reportWorker{reports: reports})
	cfg.Queues[reportsQueue] = river.QueueConfig{MaxWorkers: 1}
}
