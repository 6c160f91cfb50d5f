package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/consulta/consulta/internal/messages"
	"github.com/consulta/consulta/internal/store"
)

// confirmationsWorker sends the confirmation emails of one
// messages.Confirmations job, one after the other (the job is one of the
// queue's workers; the others run beside it). A confirmation that fails
// is handed to a messages.Confirmation job of its own, which River retries
// with its backoff and the deliveries page lists with its error, as if it
// had been enqueued alone; the rest of the batch is not held back by it.
// A batch cut short (a crash, a shutdown) runs again, and each email
// already sent is skipped by its key.
type confirmationsWorker struct {
	river.WorkerDefaults[messages.Confirmations]
	mailer *Mailer
	queue  *Queue
}

func (w *confirmationsWorker) Work(ctx context.Context, job *river.Job[messages.Confirmations]) error {
	handover := w.mailer.sendConfirmations(ctx, job.Args.RegistrationIDs, job.CreatedAt)
	if err := ctx.Err(); err != nil {
		return err // stopping: the batch runs again, skipping what went out
	}
	if len(handover) == 0 {
		return nil
	}
	failed := make([]river.InsertManyParams, len(handover))
	for i, c := range handover {
		failed[i] = river.InsertManyParams{Args: c}
	}
	// Each kind's uniqueness makes this safe to repeat: a batch that runs
	// again after handing over inserts nothing new.
	err := w.queue.db.WithTx(ctx, func(ctx context.Context) error {
		tx, _ := store.TxFrom(ctx)
		_, err := w.queue.client.InsertManyFastTx(ctx, tx, failed)
		return err
	})
	if err != nil {
		return fmt.Errorf("jobs: hand %d failed confirmations to jobs of their own: %w", len(failed), err)
	}
	return nil
}
