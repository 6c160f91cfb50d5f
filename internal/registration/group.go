package registration

import (
	"context"
	"sync"
	"time"

	"github.com/consulta/consulta/internal/messages"
)

// On SQLite every write waits for the one writer connection, and the
// writer's own work (each statement, each commit's WAL frames, each job
// insert) is what bounds registrations per second: the cores are not
// saturated while requests queue for it (docs/BENCHMARKS.md). So the
// registrations that arrive while one transaction runs are written
// together in the next: each in its own savepoint (a refused one is undone
// alone, as its own transaction would be), their confirmation emails in
// one batch insert of the job queue, then one commit, and only then does
// each request get its answer. A registration and its email still commit
// together or not at all, and nothing is answered before it is durable.

// maxGroup bounds the registrations of one transaction, so the writer is
// never held long by one group.
const maxGroup = 64

// GroupStore is what grouping needs besides WithTx.
type GroupStore interface {
	// Grouped reports whether a write for ctx should share a
	// transaction: concurrent write transactions queue for one connection
	// anyway (SQLite), and ctx carries no transaction it must join.
	Grouped(ctx context.Context) bool
	// Savepoint runs fn in a savepoint of the transaction ctx carries,
	// undoing what fn wrote when it fails; it returns fn's error as is,
	// any other error means the transaction is lost.
	Savepoint(ctx context.Context, fn func(ctx context.Context) error) error
	// ShareRules returns the transaction's ctx in which Register reads a
	// consultation's rules once for the whole group.
	ShareRules(ctx context.Context) context.Context
}

// group gathers the registrations waiting for the writer. Its zero value
// is ready.
type group struct {
	mu      sync.Mutex
	waiting []*groupWork
	running bool // a goroutine is writing a batch
	// arrived receives (without blocking the sender) when a registration
	// joins waiting while a leader runs.
	arrived chan struct{}
	// last is how many registrations the last batch held, and lastWrite
	// how long it took to write: see companions.
	last      int
	lastWrite time.Duration
}

// groupWork is one request's registration: fn writes it and asks for its
// emails with Service.enqueue, which collects them in mail.
type groupWork struct {
	ctx  context.Context
	fn   func(ctx context.Context) error
	mail []messages.Message
	err  error
	done chan struct{}
}

// groupStore is the part of Store that group runs on.
type groupStore interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	GroupStore
}

// run runs fn in a write transaction shared with the others waiting, with
// the emails fn enqueues inserted by mail in one batch, and returns once
// that transaction has committed (or failed).
func (g *group) run(ctx context.Context, db groupStore, mail Mail, fn func(ctx context.Context) error) error {
	w := &groupWork{ctx: ctx, fn: fn, done: make(chan struct{})}
	g.mu.Lock()
	g.waiting = append(g.waiting, w)
	lead := !g.running
	g.running = true
	if g.arrived == nil {
		g.arrived = make(chan struct{}, 1)
	}
	arrived := g.arrived
	g.mu.Unlock()
	if !lead {
		select {
		case arrived <- struct{}{}:
		default:
		}
	} else {
		g.lead(db, mail, w)
	}
	<-w.done
	return w.err
}

// lead writes batches until the one holding own is done, then hands the
// rest to a new goroutine so this request can answer.
func (g *group) lead(db groupStore, mail Mail, own *groupWork) {
	for {
		g.mu.Lock()
		g.companions()
		batch := g.waiting[:min(len(g.waiting), maxGroup)]
		g.waiting = g.waiting[len(batch):]
		if len(batch) == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		start := time.Now()
		write(db, mail, batch)
		g.mu.Lock()
		g.last, g.lastWrite = len(batch), time.Since(start)
		g.mu.Unlock()
		for _, w := range batch {
			if w == own {
				go g.lead(db, mail, nil)
				return
			}
		}
	}
}

// companions, called with g.mu held, waits for the registrations on
// their way when a batch would hold one registration after a batch of
// several. Registrations answered together by one commit come back
// together (the same clients, a moment later), and the first of them to
// arrive found the writer free and was written alone: half the
// transactions under load held one registration, each with its own job
// for its email. It waits until as many as the last batch have joined or
// for as long as the last batch took to write, whichever comes first: at
// worst one registration's time doubles, and only while registrations
// arrive in bursts; a lone registration on a quiet server (the last batch
// held one) is written at once.
func (g *group) companions() {
	if len(g.waiting) != 1 || g.last < 2 {
		return
	}
	deadline := time.NewTimer(g.lastWrite)
	defer deadline.Stop()
	for len(g.waiting) < g.last {
		g.mu.Unlock()
		select {
		case <-g.arrived:
			g.mu.Lock()
		case <-deadline.C:
			g.mu.Lock()
			return
		}
	}
}

// write runs batch in one transaction and wakes each of its requests.
func write(db groupStore, mail Mail, batch []*groupWork) {
	defer func() {
		for _, w := range batch {
			close(w.done)
		}
	}()
	err := db.WithTx(context.Background(), func(tx context.Context) error {
		tx = db.ShareRules(tx)
		var all []messages.Message
		for i, w := range batch {
			if w.err = w.ctx.Err(); w.err != nil {
				continue // gone before its turn: nothing written
			}
			var own error
			err := db.Savepoint(joinTx(w.ctx, tx, w), func(ctx context.Context) error { own = w.fn(ctx); return own })
			if err != own {
				for _, rest := range batch[i:] {
					rest.err = err
				}
				return err
			}
			if w.err = own; own == nil {
				all = append(all, w.mail...)
			}
		}
		if len(all) == 0 {
			return nil
		}
		return mail.EnqueueMany(tx, all)
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
// transaction) carrying the batch's transaction and the request's work,
// whose emails Service.enqueue collects.
type txContext struct {
	context.Context
	tx   context.Context
	work *groupWork
}

type workKey struct{}

func joinTx(req, tx context.Context, w *groupWork) context.Context {
	return txContext{Context: context.WithoutCancel(req), tx: tx, work: w}
}

func (c txContext) Value(key any) any {
	if _, ok := key.(workKey); ok {
		return c.work
	}
	if v := c.tx.Value(key); v != nil {
		return v
	}
	return c.Context.Value(key)
}

// enqueue asks for email m in the transaction of ctx: inside a group it
// joins the group's batch insert (made only if this registration's
// savepoint is kept), elsewhere it is inserted at once.
func (s *Service) enqueue(ctx context.Context, m messages.Message) error {
	if w, ok := ctx.Value(workKey{}).(*groupWork); ok {
		w.mail = append(w.mail, m)
		return nil
	}
	return s.Mail.Enqueue(ctx, m)
}
