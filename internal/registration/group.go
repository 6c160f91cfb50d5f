package registration

import (
	"context"
	"sync"
)

// On SQLite every write waits for the one writer connection, and each
// registration's own transaction pays BEGIN, COMMIT and the WAL pages of
// the registrations table, its indexes and the job queue again. So the
// registrations that arrive while one transaction runs are written
// together in the next: each in its own savepoint (a refused one is undone
// alone, as its own transaction would be), then one commit, and only then
// does each request get its answer. The registration and its email still
// commit together, and nothing is answered before it is durable.

// maxGroup bounds the registrations of one transaction, so the writer is
// never held long.
const maxGroup = 64

// GroupStore is what grouping needs besides WithTx.
type GroupStore interface {
	SingleWriter() bool
	Savepoint(ctx context.Context, fn func(ctx context.Context) error) error
}

// group gathers the write transactions waiting for the writer. Its zero
// value is ready.
type group struct {
	mu      sync.Mutex
	waiting []*groupWork
	running bool // a goroutine is writing a batch
}

type groupWork struct {
	ctx  context.Context
	fn   func(ctx context.Context) error
	err  error
	done chan struct{}
}

// groupStore is the part of Store that group runs on.
type groupStore interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	GroupStore
}

// run runs fn in a write transaction shared with the others waiting, and
// returns once that transaction has committed (or failed).
func (g *group) run(ctx context.Context, db groupStore, fn func(ctx context.Context) error) error {
	w := &groupWork{ctx: ctx, fn: fn, done: make(chan struct{})}
	g.mu.Lock()
	g.waiting = append(g.waiting, w)
	lead := !g.running
	g.running = true
	g.mu.Unlock()
	if lead {
		g.lead(db, w)
	}
	<-w.done
	return w.err
}

// lead writes batches until the one holding own is done, then hands the
// rest to a new goroutine so this request can answer.
func (g *group) lead(db groupStore, own *groupWork) {
	for {
		g.mu.Lock()
		batch := g.waiting[:min(len(g.waiting), maxGroup)]
		g.waiting = g.waiting[len(batch):]
		if len(batch) == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		write(db, batch)
		for _, w := range batch {
			if w == own {
				go g.lead(db, nil)
				return
			}
		}
	}
}

// write runs batch in one transaction and wakes each of its requests. A
// batch of one runs as a plain transaction.
func write(db groupStore, batch []*groupWork) {
	defer func() {
		for _, w := range batch {
			close(w.done)
		}
	}()
	if len(batch) == 1 {
		w := batch[0]
		w.err = db.WithTx(w.ctx, w.fn)
		return
	}
	err := db.WithTx(context.Background(), func(tx context.Context) error {
		for i, w := range batch {
			if w.err = w.ctx.Err(); w.err != nil {
				continue // gone before its turn: nothing written
			}
			var own error
			err := db.Savepoint(joinTx(w.ctx, tx), func(ctx context.Context) error { own = w.fn(ctx); return own })
			if err != own {
				for _, rest := range batch[i:] {
					rest.err = err
				}
				return err
			}
			w.err = own
		}
		return nil
	})
	if err != nil {
		for _, w := range batch {
			if w.err == nil {
				w.err = err // its savepoint was released, but nothing committed
			}
		}
	}
}

// txContext is a request's context (its values, not its cancellation: a
// request that goes away in the middle must not interrupt the others'
// transaction) carrying the batch's transaction.
type txContext struct {
	context.Context
	tx context.Context
}

func joinTx(req, tx context.Context) context.Context {
	return txContext{Context: context.WithoutCancel(req), tx: tx}
}

func (c txContext) Value(key any) any {
	if v := c.tx.Value(key); v != nil {
		return v
	}
	return c.Context.Value(key)
}
