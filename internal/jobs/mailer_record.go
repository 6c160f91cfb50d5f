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

// groupRecorder commits the records of concurrent senders together: a
// sender arriving while fewer than committers commits takes the records
// waiting and commits them; the others wait for that commit (or are handed
// the next one). No record is delayed to wait for company — a batch is
// whatever arrived during the commits before it — so an idle mailer
// commits each record at once and a busy one many for the price of one.
// Each sender returns only once its own record is committed.
type groupRecorder struct {
	store      MailStore
	committers int // commits at once: 1 on SQLite's one writer, more on PostgreSQL
	mu         sync.Mutex
	open       *recordBatch // collecting records for the next commit
	active     int          // commits running
}

type recordBatch struct {
	list []store.EmailRecord
	lead chan struct{} // receives once when one of its senders is to commit it
	done chan struct{} // closed when it is committed (or failed: err)
	err  error
}

// record stores list and returns once it is committed.
func (g *groupRecorder) record(ctx context.Context, list ...store.EmailRecord) error {
	g.mu.Lock()
	if g.open == nil {
		g.open = &recordBatch{lead: make(chan struct{}, 1), done: make(chan struct{})}
	}
	b := g.open
	b.list = append(b.list, list...)
	leads := g.active < max(1, g.committers)
	if leads {
		g.active++
		g.open = nil // later records start the next batch
	}
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

// commit writes batch b, then hands the batch collected meanwhile to one
// of its senders, or frees its place.
func (g *groupRecorder) commit(ctx context.Context, b *recordBatch) {
	ctx, cancel := context.WithTimeout(ctx, recordTimeout)
	b.err = g.store.RecordEmails(ctx, b.list)
	cancel()
	close(b.done)
	g.mu.Lock()
	if next := g.open; next != nil {
		g.open = nil
		next.lead <- struct{}{}
	} else {
		g.active--
	}
	g.mu.Unlock()
}
