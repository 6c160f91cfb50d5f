package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/store"
)

// PurgeUnconfirmed is the periodic job that deletes registrations left
// unconfirmed longer than the TTL: an address nobody confirmed may have
// been typed by someone else, and is kept no longer than needed. Their
// links then say the link expired. Pending registrations hold no place, so
// the places counter does not move.
type PurgeUnconfirmed struct{}

// Kind is River's job kind (never renamed once shipped).
func (PurgeUnconfirmed) Kind() string { return "purge_unconfirmed" }

// purgeEvery is how often the purge runs: a registration is deleted at
// most this long after its TTL.
const purgeEvery = 15 * time.Minute

// purgeBatch rows per transaction keep SQLite's one writer free for
// registrations in between.
const purgeBatch = 500

type purgeWorker struct {
	river.WorkerDefaults[PurgeUnconfirmed]
	db  *store.DB
	ttl time.Duration
	log *slog.Logger
}

// Work deletes what has expired by now. Deleting is idempotent, and River
// inserts periodic jobs from the elected leader only, so several instances
// do not multiply the work (and would be harmless if they did).
func (w *purgeWorker) Work(ctx context.Context, _ *river.Job[PurgeUnconfirmed]) error {
	n, err := w.db.PurgeUnconfirmed(ctx, time.Now().Add(-w.ttl), purgeBatch)
	if n > 0 {
		w.log.InfoContext(ctx, "purged unconfirmed registrations", "count", n, "ttl", w.ttl)
	}
	return err
}

// addPurge registers the purge's worker and schedule in cfg.
func addPurge(cfg *river.Config, db *store.DB, ttl time.Duration) {
	river.AddWorker(cfg.Workers, &purgeWorker{db: db, ttl: ttl, log: cfg.Logger})
	cfg.PeriodicJobs = append(cfg.PeriodicJobs, river.NewPeriodicJob(river.PeriodicInterval(purgeEvery),
		func() (river.JobArgs, *river.InsertOpts) { return PurgeUnconfirmed{}, nil },
		&river.PeriodicJobOpts{ID: PurgeUnconfirmed{}.Kind(), RunOnStart: true}))
}
