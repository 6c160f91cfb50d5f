package registration

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/messages"
)

// batchStore is a writer that records how many registrations each
// transaction held; each transaction takes hold.
type batchStore struct {
	hold    time.Duration
	mu      sync.Mutex
	batches []int
	current int
}

func (s *batchStore) WithTx(ctx context.Context, fn func(ctx context.Context) error) error {
	s.mu.Lock()
	s.current = 0
	s.mu.Unlock()
	err := fn(ctx)
	time.Sleep(s.hold)
	s.mu.Lock()
	s.batches = append(s.batches, s.current)
	s.mu.Unlock()
	return err
}

func (s *batchStore) Savepoint(ctx context.Context, fn func(ctx context.Context) error) error {
	s.mu.Lock()
	s.current++
	s.mu.Unlock()
	return fn(ctx)
}

func (s *batchStore) Grouped(context.Context) bool                          { return true }
func (s *batchStore) ShareRules(ctx context.Context) context.Context        { return ctx }
func (s *batchStore) Enqueue(context.Context, messages.Message) error       { return nil }
func (s *batchStore) EnqueueMany(context.Context, []messages.Message) error { return nil }

func (s *batchStore) sizes() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.batches...)
}

// Registrations answered together by one commit come back together, a
// moment apart: the first of them waits for the others instead of taking
// the free writer alone.
func TestGroupWaitsForRegistrationsOnTheirWay(t *testing.T) {
	s := &batchStore{hold: 200 * time.Millisecond}
	var g group
	nothing := func(context.Context) error { return nil }
	// A first registration holds the writer while six queue behind it:
	// they are written together.
	var wg sync.WaitGroup
	started := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = g.run(context.Background(), s, s, func(context.Context) error { close(started); return nil })
	}()
	<-started
	for range 6 {
		wg.Add(1)
		go func() { defer wg.Done(); _ = g.run(context.Background(), s, s, nothing) }()
	}
	wg.Wait()
	if got := s.sizes(); len(got) != 2 || got[1] != 6 {
		t.Fatalf("first round's batches %v, want [1 6]", got)
	}
	// The six come back a millisecond apart: one batch, not one alone
	// and then the rest.
	for range 6 {
		wg.Add(1)
		go func() { defer wg.Done(); _ = g.run(context.Background(), s, s, nothing) }()
		time.Sleep(time.Millisecond)
	}
	wg.Wait()
	if got := s.sizes()[2:]; len(got) == 0 || got[0] < 2 {
		t.Errorf("second round's batches %v: the first was written alone", got)
	}
}
