package jobs

import (
	"context"
	"sync"
	"time"
)

// lookupTimeout bounds one coalesced read, which no single caller's
// context may cut short for the others.
const lookupTimeout = 30 * time.Second

// lookupLoaders is how many coalesced reads of one kind run at once, on
// both engines: one. River starts the jobs of one fetch together, so while
// one read runs (a tenth of a millisecond) the emails started with it
// queue their keys for the next: in consulta bench mail on PostgreSQL, one
// reader made 5,500 registration reads for 20,000 emails where four made
// 12,900 (pg_stat_statements; docs/BENCHMARKS.md), and each read saved is
// a statement the database and the driver do not run. An idle mailer
// still reads at once: a caller finding no read running leads.
const lookupLoaders = 1

// coalescer reads keys for concurrent callers together, for the mailer's
// two reads per email (its registrant, and whether its key was sent): a
// caller arriving while fewer than loaders reads run leads at once,
// reading its key and every key waiting; the others queue their keys for
// the next read and wait for it, and a leader that finishes hands the
// batch collected meanwhile to one of them. No key waits for company — a
// batch is whatever arrived during the reads before it — so an idle mailer
// reads each key at once and a busy one many with one statement, which
// saves the store's and the database's work per statement (read one by
// one, with 32 workers, the two reads were about 13 % of the app's CPU in
// consulta bench mail, besides PostgreSQL's). It is groupRecorder's
// pattern for reads, with one difference: a waiting caller whose context
// ends stops waiting, while the read goes on for the others.
type coalescer[K comparable, V any] struct {
	// load reads keys (which may repeat); a key it does not find is absent
	// from its map.
	load    func(ctx context.Context, keys []K) (map[K]V, error)
	loaders int // reads at once
	mu      sync.Mutex
	open    *lookupBatch[K, V] // collecting keys for the next read
	active  int                // reads running
}

type lookupBatch[K comparable, V any] struct {
	keys    []K
	waiting int           // callers waiting for it, under coalescer.mu
	lead    chan struct{} // receives once when one of its callers is to read it
	done    chan struct{} // closed when it is read (or failed: err)
	got     map[K]V
	err     error
}

func newCoalescer[K comparable, V any](loaders int, load func(ctx context.Context, keys []K) (map[K]V, error)) *coalescer[K, V] {
	return &coalescer[K, V]{load: load, loaders: max(1, loaders)}
}

// get returns key's value and whether it was found. A caller that waits
// returns ctx.Err() when ctx ends first; one that reads returns when its
// read does (within lookupTimeout), whatever ctx.
func (c *coalescer[K, V]) get(ctx context.Context, key K) (V, bool, error) {
	c.mu.Lock()
	if c.open == nil {
		c.open = &lookupBatch[K, V]{lead: make(chan struct{}, 1), done: make(chan struct{})}
	}
	b := c.open
	b.keys = append(b.keys, key)
	leads := c.active < c.loaders
	if leads {
		c.active++
		c.open = nil // later keys start the next batch
	} else {
		b.waiting++
	}
	c.mu.Unlock()
	if !leads {
		select {
		case <-b.done:
			return b.result(key)
		case <-b.lead:
		case <-ctx.Done():
			c.leave(ctx, b)
			var zero V
			return zero, false, ctx.Err()
		}
	}
	c.read(context.WithoutCancel(ctx), b)
	return b.result(key)
}

// leave takes a caller whose context ended off batch b. Had b been handed
// to it meanwhile, it reads b in the background for the others; otherwise
// read hands b to another caller, or drops it if none is left.
func (c *coalescer[K, V]) leave(ctx context.Context, b *lookupBatch[K, V]) {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-b.lead:
		go c.read(context.WithoutCancel(ctx), b)
	default:
		b.waiting--
	}
}

// read loads batch b, then hands the batch collected meanwhile to one of
// its callers, or frees its place.
func (c *coalescer[K, V]) read(ctx context.Context, b *lookupBatch[K, V]) {
	ctx, cancel := context.WithTimeout(ctx, lookupTimeout)
	b.got, b.err = c.load(ctx, b.keys)
	cancel()
	close(b.done)
	c.mu.Lock()
	next := c.open
	c.open = nil // a batch whose callers all left is dropped
	if next != nil && next.waiting > 0 {
		next.lead <- struct{}{}
	} else {
		c.active--
	}
	c.mu.Unlock()
}

func (b *lookupBatch[K, V]) result(key K) (V, bool, error) {
	v, ok := b.got[key]
	return v, ok, b.err
}
