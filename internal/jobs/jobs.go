// Package jobs runs Consulta's durable background work on River: every email
// is a job inserted in the same transaction as the write that causes it, so
// an acknowledged registration always gets its email, and the email's
// idempotency key (recorded in the emails table) keeps a retried job from
// sending it twice.
package jobs

import (
	"cmp"
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

	"github.com/consulta/consulta/internal/meeting"
	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/report"
	"github.com/consulta/consulta/internal/store"
)

// Queue inserts jobs and, when started, works them.
type Queue struct {
	client         *river.Client[*sql.Tx]
	db             *store.DB
	recomputeEvery time.Duration
}

// Options configure a queue.
type Options struct {
	// Work makes the queue run workers; without it the queue only inserts
	// (for commands such as `consulta demo`).
	Work   bool
	Mailer *Mailer
	Logger *slog.Logger
	// UnconfirmedTTL, when set with Work, runs the periodic purge of
	// registrations left unconfirmed longer (purge.go).
	UnconfirmedTTL time.Duration
	// Maps, when set, are the opinion maps the opinion_recompute job
	// computes (with Work).
	Maps *opinion.Maps
	// RecomputeEvery is the window in which changes to one opinion map
	// share one recomputation (at least 1 s; 0 means 2 s).
	RecomputeEvery time.Duration
	// MaxWorkers is how many jobs (emails) run at once; 0 means the
	// default, mailWorkers.
	MaxWorkers int
	// Meeting, when set with Work, runs the meeting link's release,
	// reminders and messages (meeting.go).
	Meeting *meeting.Service
	// Reports, when set with Work, runs the synthesis report's
	// generation (report.go).
	Reports *report.Service
	// BeforeRecompute, when set, runs at the start of each recomputation
	// job (tests hold it there).
	BeforeRecompute func(ctx context.Context, consultationID int64)
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
	if db.Dialect() == store.Postgres {
		if _, err := db.Writer().ExecContext(ctx, dropUnusedIndexes); err != nil {
			return fmt.Errorf("jobs: migrate: %w", err)
		}
	}
	return nil
}

// dropUnusedIndexes removes the two GIN indexes River creates on
// PostgreSQL over every job's args and metadata. They serve only filtering
// jobs by JSON containment (River's JobList, River UI), which Consulta never
// does: its deliveries page reads args with ->>, which a GIN index cannot
// answer. Yet every job's three writes (insert, running, completed; a state
// change is never a HOT update, state being indexed) added GIN entries —
// the largest part of the database server's work per email: without them
// `consulta bench mail` on PostgreSQL sends a quarter to a third more per
// second (docs/BENCHMARKS.md). SQLite's River schema has no such indexes.
// IF EXISTS: every start runs this after River's own migrations, which
// would re-create them only on a new River schema version.
const dropUnusedIndexes = `DROP INDEX IF EXISTS river_job_args_index; DROP INDEX IF EXISTS river_job_metadata_index`

// mailWorkers is how many emails are worked at once by default: an email
// spends most of its time waiting for the SMTP server and for its record's
// group commit (mailer_record.go), so more senders than cores keep both
// busy; they hold SQLite's one writer only to record, in groups.
const mailWorkers = 32

// emailPoll is how long an email enqueued while the queue is idle waits
// at most for a worker: a confirmation should leave as the registrant
// turns to their inbox, within a twentieth of a second. At 200 ms, the
// emails of the last registrations of a burst waited a tenth of a second
// on average (consulta bench register counts that wait: 0.28 → 0.31 of the
// floor at 100,000 stored). An idle poll is one fetch statement, about half
// a millisecond of CPU: 50 a second add about 3 % of one core on an idle
// server (docs/BENCHMARKS.md).
const emailPoll = 20 * time.Millisecond

// New builds a queue on the store's writer connection.
func New(db *store.DB, opts Options) (*Queue, error) {
	// A job left running by a crashed instance is rescued after
	// RescueStuckJobsAfter (River's default is an hour, too long for a
	// confirmation email); sending is idempotent, so an early rescue is safe.
	// A fetch that found jobs is followed by the next after FetchCooldown:
	// with emails taking about a millisecond each, River's default (100 ms,
	// ours was 20 ms) left the workers idle between fetches and capped
	// delivery near workers ÷ cooldown, below a burst of registrations
	// (docs/BENCHMARKS.md); an idle queue still polls only every 200 ms.
	cfg := &river.Config{Logger: opts.Logger, FetchPollInterval: 200 * time.Millisecond,
		FetchCooldown: 2 * time.Millisecond, JobTimeout: time.Minute, RescueStuckJobsAfter: 2 * time.Minute}
	if opts.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	every := opts.RecomputeEvery
	if every == 0 {
		every = defaultRecomputeEvery
	}
	q := &Queue{db: db, recomputeEvery: every}
	if opts.Work {
		cfg.Workers = messages.Workers(opts.Mailer)
		river.AddWorker(cfg.Workers, &confirmationsWorker{mailer: opts.Mailer, queue: q})
		if opts.Maps != nil {
			river.AddWorker(cfg.Workers, &opinionWorker{maps: opts.Maps, every: every, before: opts.BeforeRecompute})
		}
		// Workers fetching often: emails keep up with a burst of 1,000
		// registrations/s without crowding the registrations themselves off
		// SQLite's one writer (consulta bench register; docs/BENCHMARKS.md),
		// and a release's backlog goes out at the rate of consulta bench mail.
		// The email queue polls every emailPoll, not every 200 ms: River
		// wakes its fetcher at once only for jobs inserted outside a
		// transaction (with the database/sql drivers, which have no
		// listener), and every email is inserted in its cause's transaction.
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cmp.Or(opts.MaxWorkers, mailWorkers), FetchPollInterval: emailPoll},
			// One map at a time, in its own queue: a long recomputation
			// never holds a slot an email needs.
			opinionsQueue: {MaxWorkers: 1}}
		if opts.Meeting != nil {
			addMeetingWorkers(cfg, opts.Meeting)
		}
		addReportWorker(cfg, opts.Reports)
		if opts.UnconfirmedTTL > 0 {
			addPurge(cfg, db, opts.UnconfirmedTTL)
		}
	}
	client, err := river.NewClient(driver(db), cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: client: %w", err)
	}
	q.client = client
	return q, nil
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

// Enqueue inserts the job that sends m, in the transaction that ctx
// carries (store.WithTx): the email is durable exactly when the write that
// causes it commits. Without a transaction it refuses, so no caller can
// enqueue an email apart from its cause by mistake. The kind's InsertOpts
// keep it unique.
func (q *Queue) Enqueue(ctx context.Context, m messages.Message) error {
	return q.insert(ctx, m, nil)
}

// insert inserts any job in the transaction ctx carries, and refuses
// outside one, as Enqueue does for emails.
func (q *Queue) insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	tx, ok := store.TxFrom(ctx)
	if !ok {
		return fmt.Errorf("jobs: enqueue %s outside a transaction", args.Kind())
	}
	if _, err := q.client.InsertManyFastTx(ctx, tx, []river.InsertManyParams{{Args: args, InsertOpts: opts}}); err != nil {
		return fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	return nil
}

// River's "fast" insert is the one used: it reads no job row back, which
// was a third of a registration's time on SQLite's one writer (River's
// JobInsertFastMany returns every column as JSON). On both drivers Consulta
// uses (database/sql for PostgreSQL, and SQLite) it is an INSERT … ON
// CONFLICT (unique_key) DO NOTHING, so a job already enqueued under a
// kind's uniqueness is skipped, not an error (TestEnqueueTwiceOneJob);
// River's documentation warns otherwise only for its pgx driver's COPY.

// enqueueChunk is how many jobs one River batch insert carries.
const enqueueChunk = 1000

// EnqueueMany inserts the jobs that send list, in the transaction ctx
// carries (as Enqueue), in batches: a release to thousands of registrants
// costs a few statements, not one per email. Each kind's uniqueness still
// applies: a message already enqueued is skipped, not an error.
func (q *Queue) EnqueueMany(ctx context.Context, list []messages.Message) error {
	tx, ok := store.TxFrom(ctx)
	if !ok {
		return fmt.Errorf("jobs: enqueue %d emails outside a transaction", len(list))
	}
	jobs := batchConfirmations(list)
	for start := 0; start < len(jobs); start += enqueueChunk {
		chunk := jobs[start:min(start+enqueueChunk, len(jobs))]
		params := make([]river.InsertManyParams, len(chunk))
		for i, args := range chunk {
			params[i] = river.InsertManyParams{Args: args}
		}
		if _, err := q.client.InsertManyFastTx(ctx, tx, params); err != nil {
			return fmt.Errorf("jobs: enqueue %d emails: %w", len(chunk), err)
		}
	}
	return nil
}

// maxConfirmations bounds the emails of one messages.Confirmations job, so
// that one job (sending them one after the other) stays short.
const maxConfirmations = 64

// batchConfirmations is list as jobs: two or more confirmations become
// messages.Confirmations jobs of up to maxConfirmations registrations each
// (a registration named twice, once); a lone one, and every other kind,
// stays a job of its own with its kind's uniqueness.
func batchConfirmations(list []messages.Message) []river.JobArgs {
	var ids []string
	seen := map[string]bool{}
	out := make([]river.JobArgs, 0, len(list))
	for _, m := range list {
		c, ok := m.(messages.Confirmation)
		switch {
		case !ok:
			out = append(out, m)
		case !seen[c.RegistrationID]:
			seen[c.RegistrationID] = true
			ids = append(ids, c.RegistrationID)
		}
	}
	if len(ids) == 1 {
		return append(out, messages.Confirmation{RegistrationID: ids[0]})
	}
	for start := 0; start < len(ids); start += maxConfirmations {
		out = append(out, messages.Confirmations{RegistrationIDs: ids[start:min(start+maxConfirmations, len(ids))]})
	}
	return out
}
