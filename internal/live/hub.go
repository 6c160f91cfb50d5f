package live

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// EventLog is what the hub reads: the stored events of the consultations
// it has viewers for.
type EventLog interface {
	// LatestEventSeq is the number of a consultation's last event (0: none).
	LatestEventSeq(ctx context.Context, consultationID int64) (int64, error)
	// EventsAfter are, for each consultation of after, its events numbered
	// above the value, in order; at most limit in all.
	EventsAfter(ctx context.Context, after map[int64]int64, limit int) ([]Event, error)
}

// Hub fans a consultation's events out to the viewers this instance
// serves. Whichever instance wrote an event, every instance finds it by
// polling the event log: one query per instance and interval, however many
// viewers it has, and only while it has some. A local change pokes the
// hub to poll at once. A viewer too slow to take its events is dropped;
// its browser reconnects with Last-Event-ID and catches up from the log.
type Hub struct {
	log    EventLog
	every  time.Duration
	logger *slog.Logger
	poke   chan struct{}

	mu      sync.Mutex
	topics  map[int64]*topic
	running bool
}

type topic struct {
	seq  int64 // the last event fanned out
	subs map[*Subscription]struct{}
}

// Subscription is one viewer's feed of a consultation's events.
type Subscription struct {
	// C carries the events; it is closed when the viewer is dropped.
	C <-chan Event
	// Start is the number of the last event before the subscription.
	Start int64
	c     chan Event
	id    int64
	hub   *Hub
}

// subBuffer is how many events a viewer may have pending before it is
// dropped.
const subBuffer = 64

// pollLimit is the most events one poll reads.
const pollLimit = 1000

// NewHub polls log every interval while it has viewers.
func NewHub(log EventLog, every time.Duration, logger *slog.Logger) *Hub {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Hub{log: log, every: every, logger: logger, poke: make(chan struct{}, 1), topics: map[int64]*topic{}}
}

// Poke makes the hub poll now.
func (h *Hub) Poke() {
	select {
	case h.poke <- struct{}{}:
	default:
	}
}

// Subscribe starts a viewer's feed of a consultation's events. Close it
// when the viewer leaves.
func (h *Hub) Subscribe(ctx context.Context, consultationID int64) (*Subscription, error) {
	seq, err := h.log.LatestEventSeq(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	c := make(chan Event, subBuffer)
	sub := &Subscription{C: c, c: c, id: consultationID, hub: h}
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.topics[consultationID]
	if t == nil {
		t = &topic{seq: seq, subs: map[*Subscription]struct{}{}}
		h.topics[consultationID] = t
	}
	sub.Start = t.seq
	t.subs[sub] = struct{}{}
	if !h.running {
		h.running = true
		go h.run()
	}
	return sub, nil
}

// Close ends the feed.
func (sub *Subscription) Close() {
	h := sub.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.topics[sub.id]; t != nil {
		if _, ok := t.subs[sub]; ok {
			delete(t.subs, sub)
			close(sub.c)
		}
		if len(t.subs) == 0 {
			delete(h.topics, sub.id)
		}
	}
}

// Close ends every feed, so that the streams return and the server can
// shut down; feeds started later work as before.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for id, t := range h.topics {
		for sub := range t.subs {
			close(sub.c)
		}
		delete(h.topics, id)
	}
}

// run polls while there are viewers.
func (h *Hub) run() {
	tick := time.NewTicker(h.every)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
		case <-h.poke:
		}
		if !h.poll() {
			return
		}
	}
}

// poll reads the new events of the watched consultations and fans them
// out; it reports false (and the loop stops) when nobody is watching.
func (h *Hub) poll() bool {
	for {
		after := h.watched()
		if len(after) == 0 {
			return false
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		events, err := h.log.EventsAfter(ctx, after, pollLimit)
		cancel()
		if err != nil {
			h.logger.Warn("live: reading events", "err", err)
			return true
		}
		h.fanOut(events)
		if len(events) < pollLimit {
			return true
		}
	}
}

// watched is the last event fanned out per watched consultation; with
// none, the loop is marked stopped under the same lock.
func (h *Hub) watched() map[int64]int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	after := make(map[int64]int64, len(h.topics))
	for id, t := range h.topics {
		after[id] = t.seq
	}
	if len(after) == 0 {
		h.running = false
	}
	return after
}

func (h *Hub) fanOut(events []Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, e := range events {
		t := h.topics[e.ConsultationID]
		if t == nil || e.Seq <= t.seq {
			continue
		}
		t.seq = e.Seq
		for sub := range t.subs {
			select {
			case sub.c <- e:
			default: // too slow: dropped, it reconnects and catches up
				delete(t.subs, sub)
				close(sub.c)
			}
		}
		if len(t.subs) == 0 {
			delete(h.topics, e.ConsultationID)
		}
	}
}
