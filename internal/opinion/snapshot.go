package opinion

import (
	"context"
	"sync"
	"time"
)

// Data is everything the opinion map of one consultation is computed from.
type Data struct {
	Statements   []Statement
	Participants []Participant
	Votes        []Cast
}

// Source reads a consultation's opinion data; the store implements it.
type Source interface {
	// OpinionFingerprint changes whenever a vote, statement or moderation
	// decision does; it is cheap compared with reading the data.
	OpinionFingerprint(ctx context.Context, consultationID int64) (string, error)
	OpinionData(ctx context.Context, consultationID int64) (*Data, error)
}

// Snapshot is one computed opinion map with its breakdowns.
type Snapshot struct {
	Fingerprint   string
	ComputedAt    time.Time
	Data          *Data
	Result        *Result
	ByStakeholder *Breakdown
	ByRegion      *Breakdown
	statements    map[int]*Statement
}

// Statement returns the statement numbered tid.
func (s *Snapshot) Statement(tid int) (*Statement, bool) {
	st, ok := s.statements[tid]
	return st, ok
}

// Segmenter says how participants fall into stakeholder groups and regions.
type Segmenter struct {
	StakeholderGroups []string                    // in display order
	Regions           []string                    // M49 region codes in display order
	RegionOf          func(country string) string // "" when unknown
}

// Maps computes opinion maps and keeps the latest per consultation. A map
// is recomputed when the data has changed, at most once per MaxAge, warm-
// started from the previous computation so that groups evolve smoothly as
// they do in Pol.is. While one is being recomputed, readers get the
// previous map at once; only the very first computation is waited for.
type Maps struct {
	src    Source
	seg    Segmenter
	maxAge time.Duration
	now    func() time.Time

	mu      sync.Mutex
	entries map[int64]*mapEntry
}

type mapEntry struct {
	compute sync.Mutex // held while (re)computing: one computation at a time

	mu        sync.Mutex // guards the fields below
	snap      *Snapshot
	checked   time.Time
	computing bool
}

// NewMaps returns a cache over src.
func NewMaps(src Source, seg Segmenter, maxAge time.Duration) *Maps {
	return &Maps{src: src, seg: seg, maxAge: maxAge, now: time.Now, entries: map[int64]*mapEntry{}}
}

// Get returns the consultation's opinion map, computing it when the data
// changed since the last computation and that one is older than MaxAge.
func (m *Maps) Get(ctx context.Context, consultationID int64) (*Snapshot, error) {
	m.mu.Lock()
	e := m.entries[consultationID]
	if e == nil {
		e = &mapEntry{}
		m.entries[consultationID] = e
	}
	m.mu.Unlock()

	e.mu.Lock()
	if e.snap != nil && (e.computing || m.now().Sub(e.checked) < m.maxAge) {
		snap := e.snap
		e.mu.Unlock()
		return snap, nil
	}
	e.computing = e.snap != nil
	e.mu.Unlock()

	e.compute.Lock()
	defer e.compute.Unlock()
	e.mu.Lock()
	prev, checked := e.snap, e.checked
	e.mu.Unlock()
	now := m.now()
	if prev != nil && now.Sub(checked) < m.maxAge {
		return prev, nil // computed while this reader waited
	}
	snap, err := m.refresh(ctx, consultationID, prev, now)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.computing = false
	if err != nil {
		return nil, err
	}
	e.snap, e.checked = snap, now
	return snap, nil
}

// refresh returns prev if the data has not changed, else a new snapshot.
func (m *Maps) refresh(ctx context.Context, consultationID int64, prev *Snapshot, now time.Time) (*Snapshot, error) {
	fp, err := m.src.OpinionFingerprint(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	if prev != nil && prev.Fingerprint == fp {
		return prev, nil
	}
	data, err := m.src.OpinionData(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	var state *State
	if prev != nil {
		state = prev.Result.State
	}
	snap := Compute(data, m.seg, state)
	snap.Fingerprint, snap.ComputedAt = fp, now
	return snap, nil
}

// Compute builds a snapshot from data, without caching.
func Compute(data *Data, seg Segmenter, prev *State) *Snapshot {
	refs := make([]StatementRef, len(data.Statements))
	byTID := make(map[int]*Statement, len(data.Statements))
	for i := range data.Statements {
		s := &data.Statements[i]
		refs[i] = StatementRef{TID: s.TID, Rejected: s.Moderation == Rejected || s.IsMeta}
		byTID[s.TID] = s
	}
	snap := &Snapshot{Data: data, statements: byTID}
	snap.Result = Analyse(Input{Statements: refs, Votes: data.Votes, Previous: prev})
	groupOf := make(map[int]string, len(data.Participants))
	regionOf := make(map[int]string, len(data.Participants))
	for _, p := range data.Participants {
		groupOf[p.PID] = p.StakeholderGroup
		if seg.RegionOf != nil && p.Country != "" {
			regionOf[p.PID] = seg.RegionOf(p.Country)
		}
	}
	snap.ByStakeholder = BreakDown(refs, data.Votes, groupOf, seg.StakeholderGroups)
	snap.ByRegion = BreakDown(refs, data.Votes, regionOf, seg.Regions)
	return snap
}
