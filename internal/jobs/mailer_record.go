package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/consulta/consulta/internal/store"
)

// recordTimeout bounds one group commit, which no single sender's context
// may cut short for the others.
const recordTimeout = 30 * time.Second

// groupRecorder commits the records of concurrent senders together: the
// first sender to arrive commits the records waiting, the others wait for
// that commit (or are handed the next one). No record is delayed to wait
// for company — a batch is whatever arrived during the previous commit —
// so an idle mailer commits each record at once and a busy one commits
// many for the price of one.
type groupRecorder struct {
	store MailStore
	mu    sync.Mutex
	open  *recordBatch // collecting records for the next commit
	busy  bool         // a sender is committing
}

type recordBatch struct {
	list []store.EmailRecord
	lead chan struct{} // receives once when one of its senders is to commit it
	done chan struct{} // closed when it is committed (or failed: err)
	err  error
}

// record stores e and returns once it is committed.
func (g *groupRecorder) record(ctx context.Context, e store.EmailRecord) error {
	g.mu.Lock()
	if g.open == nil {
		g.open = &recordBatch{lead: make(chan struct{}, 1), done: make(chan struct{})}
	}
	b := g.open
	b.list = append(b.list, e)
	leads := !g.busy
	g.busy = true
	g.mu.Unlock()
	if !leads {
		select {
		case <-b.done:
			return b.err
		case <-b.lead:
		}
	}
	g.commit(context.WithoutCancel(ctx), b)
	return b.err
}

// commit writes batch b, then hands the next batch to one of its senders.
func (g *groupRecorder) commit(ctx context.Context, b *recordBatch) {
	g.mu.Lock()
	if g.open == b {
		g.open = nil // later records start the next batch
	}
	g.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, recordTimeout)
	b.err = g.store.RecordEmails(ctx, b.list)
	cancel()
	close(b.done)
	g.mu.Lock()
	if g.open != nil {
		g.open.lead <- struct{}{}
	} else {
		g.busy = false
	}
	g.mu.Unlock()
}
