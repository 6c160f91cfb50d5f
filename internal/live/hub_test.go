package live_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/live"
)

// memoryLog is an event log in memory: the hub's rules (fan-out, order,
// dropping a slow viewer) do not depend on the engine; the store's log is
// tested on both engines in internal/store.
type memoryLog struct {
	mu     sync.Mutex
	events []live.Event
}

func (m *memoryLog) add(consultationID int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	seq := int64(1)
	for _, e := range m.events {
		if e.ConsultationID == consultationID {
			seq = e.Seq + 1
		}
	}
	m.events = append(m.events, live.Event{ConsultationID: consultationID, Seq: seq, Kind: live.EventQueue, Data: "{}"})
}

func (m *memoryLog) LatestEventSeq(_ context.Context, id int64) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var seq int64
	for _, e := range m.events {
		if e.ConsultationID == id {
			seq = e.Seq
		}
	}
	return seq, nil
}

func (m *memoryLog) EventsAfter(_ context.Context, after map[int64]int64, limit int) ([]live.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []live.Event
	for _, e := range m.events {
		if seq, ok := after[e.ConsultationID]; ok && e.Seq > seq && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}

// The hub brings each viewer its consultation's events, in order, once;
// a viewer that does not read is dropped (its channel closed) without
// holding up the others; Close ends every feed.
func TestHubFansOutInOrderAndDropsTheSlow(t *testing.T) {
	log := &memoryLog{}
	log.add(1)                              // before anyone watches: not sent
	hub := live.NewHub(log, time.Hour, nil) // polls only when poked
	ctx := context.Background()
	reader, err := hub.Subscribe(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	slow, _ := hub.Subscribe(ctx, 1)
	other, _ := hub.Subscribe(ctx, 2)
	if reader.Start != 1 || other.Start != 0 {
		t.Fatalf("starts = %d, %d", reader.Start, other.Start)
	}
	const n = 100 // more than a viewer may have pending
	for i := 0; i < n; i++ {
		log.add(1)
		hub.Poke()
		e := <-reader.C
		if e.Seq != int64(i+2) || e.ConsultationID != 1 {
			t.Fatalf("event %d = %+v", i, e)
		}
	}
	pending := 0
	for range slow.C { // closed once it fell behind
		pending++
	}
	if pending >= n {
		t.Fatalf("the slow viewer got all %d events; it should have been dropped", pending)
	}
	select {
	case e := <-other.C:
		t.Fatalf("consultation 2's viewer got %+v", e)
	default:
	}
	hub.Close()
	if _, ok := <-reader.C; ok {
		t.Fatal("reader's feed still open after Close")
	}
	reader.Close() // after Close: harmless
}
