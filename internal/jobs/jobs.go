// Package jobs runs Consulta's durable background work on River: every email
// is a job inserted in the same transaction as the write that causes it, so
// an acknowledged registration always gets its email, and the email's
// idempotency key (recorded in the emails table) keeps a retried job from
// sending it twice.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/consulta/consulta/internal/store"
)

// Queue inserts jobs and, when started, works them.
type Queue struct {
	client *river.Client[*sql.Tx]
	db     *store.DB
}

// Options configure a queue.
type Options struct {
	// Work makes the queue run workers; without it the queue only inserts
	// (for commands such as `consulta demo`).
	Work   bool
	Mailer *Mailer
	Logger *slog.Logger
}

func driver(db *store.DB) riverdriver.Driver[*sql.Tx] {
	if db.Dialect() == store.Postgres {
		return riverdatabasesql.New(db.Writer())
	}
	return riversqlite.New(db.Writer())
}

// Migrate creates or updates River's own tables.
func Migrate(ctx context.Context, db *store.DB) error {
	m, err := rivermigrate.New(driver(db), nil)
	if err != nil {
		return fmt.Errorf("jobs: migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}

// New builds a queue on the store's writer connection.
func New(db *store.DB, opts Options) (*Queue, error) {
	// A job left running by a crashed instance is rescued after
	// RescueStuckJobsAfter (River's default is an hour, too long for a
	// confirmation email); sending is idempotent, so an early rescue is safe.
	cfg := &river.Config{Logger: opts.Logger, FetchPollInterval: 200 * time.Millisecond,
		FetchCooldown: 20 * time.Millisecond, JobTimeout: time.Minute, RescueStuckJobsAfter: 2 * time.Minute}
	if opts.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Work {
		workers := river.NewWorkers()
		river.AddWorker(workers, &confirmationWorker{m: opts.Mailer})
		river.AddWorker(workers, &alreadyRegisteredWorker{m: opts.Mailer})
		river.AddWorker(workers, &approvedWorker{m: opts.Mailer})
		river.AddWorker(workers, &opinionSignInWorker{m: opts.Mailer})
		cfg.Workers = workers
		// Few workers fetching often: emails keep up with a burst of 1,000
		// registrations/s without crowding the registrations themselves off
		// SQLite's one writer (consulta bench register; docs/BENCHMARKS.md).
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 8}}
	}
	client, err := river.NewClient(driver(db), cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: client: %w", err)
	}
	return &Queue{client: client, db: db}, nil
}

// Start runs the workers until Stop.
func (q *Queue) Start(ctx context.Context) error {
	if err := q.resumeOrphans(ctx); err != nil {
		return err
	}
	return q.client.Start(ctx)
}

// resumeOrphans makes jobs that a killed process left "running" available
// again. Only on SQLite, where one process owns the database file, can
// every running job at start be known to be an orphan; on PostgreSQL
// other instances may be working them, and River's rescuer takes over.
func (q *Queue) resumeOrphans(ctx context.Context) error {
	if !q.db.SingleProcess() {
		return nil
	}
	_, err := q.db.Writer().ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'running'`)
	if err != nil {
		return fmt.Errorf("jobs: resume orphaned jobs: %w", err)
	}
	return nil
}

// Stop lets running jobs finish (until ctx ends) and stops.
func (q *Queue) Stop(ctx context.Context) error { return q.client.Stop(ctx) }

// EnqueueConfirmationTx enqueues the confirmation email of a new
// registration; it is unique per registration.
func (q *Queue) EnqueueConfirmationTx(ctx context.Context, tx *sql.Tx, registrationID string) error {
	_, err := q.client.InsertTx(ctx, tx, ConfirmationArgs{RegistrationID: registrationID},
		&river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}

// EnqueueApprovedTx enqueues the email telling a registrant the secretariat
// approved their registration; it is unique per registration.
func (q *Queue) EnqueueApprovedTx(ctx context.Context, tx *sql.Tx, registrationID string) error {
	_, err := q.client.InsertTx(ctx, tx, ApprovedArgs{RegistrationID: registrationID},
		&river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}

// EnqueueAlreadyRegisteredTx enqueues the notice sent when someone registers
// an address again; at most one per registration per hour, so the form
// cannot be used to flood an inbox.
func (q *Queue) EnqueueAlreadyRegisteredTx(ctx context.Context, tx *sql.Tx, registrationID string) error {
	_, err := q.client.InsertTx(ctx, tx, AlreadyRegisteredArgs{RegistrationID: registrationID},
		&river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Hour}})
	return err
}
