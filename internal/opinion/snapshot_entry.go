package opinion

import (
	"sync"
	"time"
)

// mapEntry is one consultation's map in memory.
type mapEntry struct {
	load sync.Mutex // held by the one reader checking the stored map

	mu        sync.Mutex // guards the fields below
	snap      *Snapshot
	checked   time.Time // when a reader last checked the stored map
	computing bool      // Recompute is running
	again     bool      // and a change came in meanwhile
}

// fresh returns the map in memory (possibly none) if the stored one was
// checked less than checkEvery ago.
func (e *mapEntry) fresh(now time.Time, checkEvery time.Duration) (*Snapshot, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.snap, !e.checked.IsZero() && now.Sub(e.checked) < checkEvery
}

func (e *mapEntry) current() *Snapshot {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.snap
}

// offer keeps snap unless the entry holds a map computed later (a job
// may have finished while a reader loaded an older stored one), marks the
// stored map checked and returns the map kept.
func (e *mapEntry) offer(snap *Snapshot, now time.Time) *Snapshot {
	e.mu.Lock()
	defer e.mu.Unlock()
	if snap != nil && (e.snap == nil || snap.ComputedAt.After(e.snap.ComputedAt)) {
		e.snap = snap
	}
	e.checked = now
	return e.snap
}

// startComputing claims the computation, or records that another change
// came in while one runs.
func (e *mapEntry) startComputing() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.computing {
		e.again = true
		return false
	}
	e.computing, e.again = true, false
	return true
}

// stopComputing releases the computation and reports whether a change
// came in meanwhile; both under one lock, so no change is missed between.
func (e *mapEntry) stopComputing() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	again := e.again
	e.computing, e.again = false, false
	return again
}
