package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/report"
)

// ReportGenerate is the job that generates a review's synthesis report
// (report.Service.Generate) and stores it with its progress.
type ReportGenerate struct {
	ReviewID   int64  `json:"review_id"`
	ReviewSlug string `json:"review_slug"`
	Generation int64  `json:"generation"` // the request's number (reports.generation)
}

// Kind is River's job kind; never renamed once shipped.
func (ReportGenerate) Kind() string { return "report_generate" }

// reportsQueue is the River queue of the generations: one at a time, so
// a long synthesis never holds an email's slot or both cores.
const reportsQueue = "reports"

// reportTimeout bounds one generation (100,000 inputs take about 20 s).
const reportTimeout = 10 * time.Minute

// ScheduleReport inserts, in the transaction ctx carries, the job of the
// review's generation numbered generation; it implements report.Jobs. The
// reports table lets one request through while one is queued or running;
// River's uniqueness by arguments keeps a retried insert from doubling it.
func (q *Queue) ScheduleReport(ctx context.Context, reviewID int64, reviewSlug string, generation int64) error {
	return q.insert(ctx, ReportGenerate{ReviewID: reviewID, ReviewSlug: reviewSlug, Generation: generation},
		&river.InsertOpts{Queue: reportsQueue, MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true}})
}

// reportWorker runs ReportGenerate.
type reportWorker struct {
	river.WorkerDefaults[ReportGenerate]
	reports *report.Service
}

func (w *reportWorker) Work(ctx context.Context, job *river.Job[ReportGenerate]) error {
	if err := w.reports.Generate(ctx, job.Args.ReviewID, job.Args.ReviewSlug, job.Args.Generation); err != nil {
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
