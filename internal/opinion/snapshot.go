package opinion

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/consulta/consulta/internal/errs"
)

// Data is everything the opinion map of one consultation is computed from.
type Data struct {
	Statements   []Statement
	Participants []Participant
	Votes        []Cast
	// Early are the votes, with the time each was first cast, of the
	// participants who have voted on fewer than MinVotes statements. Only
	// their admission to the conversation depends on when they voted:
	// anyone with MinVotes votes is admitted by the rule on the final
	// votes. Admit reads them, so the map admits exactly whom the history
	// of the votes admits, from its first computation on (after a Pol.is
	// import too), whenever it is computed (docs/OPINIONS.md §1).
	Early []TimedCast
}

// Source reads a consultation's opinion data and keeps its last computed
// map; the store implements it.
type Source interface {
	// OpinionFingerprint changes whenever a vote, statement or moderation
	// decision does; it is cheap compared with reading the data.
	OpinionFingerprint(ctx context.Context, consultationID int64) (string, error)
	OpinionData(ctx context.Context, consultationID int64) (*Data, error)
	// OpinionSnapshotStamp says what the stored map was computed from and
	// when, without reading it; NotFound when none is stored.
	OpinionSnapshotStamp(ctx context.Context, consultationID int64) (Stamp, error)
	// OpinionSnapshot reads the stored map; NotFound when none is stored
	// (or it is of another encoding).
	OpinionSnapshot(ctx context.Context, consultationID int64) (*Snapshot, error)
	// SaveOpinionSnapshot stores s unless a map computed later is stored.
	SaveOpinionSnapshot(ctx context.Context, consultationID int64, s *Snapshot) error
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Stamp identifies a stored map.
type Stamp struct {
	Fingerprint string
	ComputedAt  time.Time
}

// Scheduler schedules a durable recomputation of a consultation's map in
// the transaction ctx carries, a little later so that a burst of changes
// is computed once (jobs.Queue).
type Scheduler interface {
	ScheduleRecompute(ctx context.Context, consultationID int64) error
}

// Snapshot is one computed opinion map with its breakdowns.
type Snapshot struct {
	Fingerprint   string
	ComputedAt    time.Time
	Data          *Data // as computed; a stored map keeps only the statements
	Votes         int   // the number of votes it was computed from
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

// index builds the lookup by statement number.
func (s *Snapshot) index() {
	s.statements = make(map[int]*Statement, len(s.Data.Statements))
	for i := range s.Data.Statements {
		s.statements[s.Data.Statements[i].TID] = &s.Data.Statements[i]
	}
}

// Segmenter says how participants fall into stakeholder groups and regions.
type Segmenter struct {
	StakeholderGroups []string                    // in display order
	Regions           []string                    // M49 region codes in display order
	RegionOf          func(country string) string // "" when unknown
}

// Maps keeps the last computed opinion map of each consultation. Page
// views never compute one: they get the map in memory at once, and at most
// every CheckEvery one reader looks at the stored map (another instance's
// job may have stored a newer one) and, if the data has changed since,
// schedules its recomputation. The computation is a durable job
// (Recompute), warm-started from the previous map so that groups evolve
// smoothly as they do in Pol.is, and stored so that every instance, and a
// restarted one, serves it without computing.
type Maps struct {
	src        Source
	seg        Segmenter
	checkEvery time.Duration
	now        func() time.Time
	// Scheduler is set once, before use: the job queue that runs
	// Recompute is built with these Maps, so it comes after them.
	Scheduler Scheduler

	computations atomic.Int64
	mu           sync.Mutex
	entries      map[int64]*mapEntry
}

// NewMaps returns the maps kept in src; readers check the stored map at
// most every checkEvery.
func NewMaps(src Source, seg Segmenter, checkEvery time.Duration) *Maps {
	return &Maps{src: src, seg: seg, checkEvery: checkEvery, now: time.Now, entries: map[int64]*mapEntry{}}
}

// Computations is how many maps this process has computed, for tests and
// metrics.
func (m *Maps) Computations() int64 { return m.computations.Load() }

func (m *Maps) entry(consultationID int64) *mapEntry {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.entries[consultationID]
	if e == nil {
		e = &mapEntry{}
		m.entries[consultationID] = e
	}
	return e
}

// Get returns the consultation's last computed map without computing it;
// nil (and no error) when none has been computed yet, in which case its
// computation has been scheduled.
func (m *Maps) Get(ctx context.Context, consultationID int64) (*Snapshot, error) {
	e := m.entry(consultationID)
	if snap, ok := e.fresh(m.now(), m.checkEvery); ok {
		return snap, nil
	}
	e.load.Lock()
	defer e.load.Unlock()
	if snap, ok := e.fresh(m.now(), m.checkEvery); ok {
		return snap, nil // checked while this reader waited
	}
	snap, err := m.check(ctx, consultationID, e.current())
	if err != nil {
		return nil, err
	}
	return e.offer(snap, m.now()), nil
}

// check returns the newest map, in memory or stored, and schedules a
// recomputation when there is none or the data has changed since: that
// heals a change whose job was never enqueued (a Pol.is import from the
// command line, a crash between a moderation and its job).
func (m *Maps) check(ctx context.Context, consultationID int64, have *Snapshot) (*Snapshot, error) {
	snap, err := m.latest(ctx, consultationID, have)
	if err != nil {
		return nil, err
	}
	if snap != nil {
		fp, err := m.src.OpinionFingerprint(ctx, consultationID)
		if err != nil || fp == snap.Fingerprint {
			return snap, err
		}
	}
	return snap, m.Changed(ctx, consultationID)
}

// latest returns the newer of have and the stored map (nil when neither).
func (m *Maps) latest(ctx context.Context, consultationID int64, have *Snapshot) (*Snapshot, error) {
	stamp, err := m.src.OpinionSnapshotStamp(ctx, consultationID)
	switch {
	case errs.Is(err, errs.NotFound):
		return have, nil
	case err != nil:
		return nil, err
	case have != nil && !stamp.ComputedAt.After(have.ComputedAt):
		return have, nil
	}
	snap, err := m.src.OpinionSnapshot(ctx, consultationID)
	if errs.Is(err, errs.NotFound) {
		return have, nil
	}
	return snap, err
}

// Changed schedules the recomputation of the consultation's map: in the
// transaction ctx carries, if any, so that it commits with the change.
func (m *Maps) Changed(ctx context.Context, consultationID int64) error {
	if m.Scheduler == nil {
		return nil // no job queue: a tool that only reads maps
	}
	return m.src.WithTx(ctx, func(ctx context.Context) error {
		return m.Scheduler.ScheduleRecompute(ctx, consultationID)
	})
}

// Recompute computes the consultation's map if its data changed since the
// newest one, stores it and keeps it in memory: the work of the
// opinion_recompute job. One computation per consultation runs at a time
// in a process; a call while one runs returns at once and makes the
// running one report again, because that one may have read the data
// before the change that caused this call: its job must then run once
// more.
func (m *Maps) Recompute(ctx context.Context, consultationID int64) (again bool, err error) {
	e := m.entry(consultationID)
	if !e.startComputing() {
		return false, nil
	}
	defer func() { again = e.stopComputing() }()
	prev, err := m.latest(ctx, consultationID, e.current())
	if err != nil {
		return false, err
	}
	snap, err := m.compute(ctx, consultationID, prev)
	if err != nil || snap == prev {
		return false, err
	}
	if err := m.src.SaveOpinionSnapshot(ctx, consultationID, snap); err != nil {
		return false, err
	}
	e.offer(snap, m.now())
	return false, nil
}

// compute returns prev if the data has not changed, else a new map
// warm-started from prev.
func (m *Maps) compute(ctx context.Context, consultationID int64, prev *Snapshot) (*Snapshot, error) {
	// Stamped before the data is read: a map is as new as its data.
	computedAt := m.now().UTC().Truncate(time.Microsecond)
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
	m.computations.Add(1)
	snap := Compute(data, m.seg, state)
	snap.Fingerprint, snap.ComputedAt = fp, computedAt
	return snap, nil
}

// Compute builds a snapshot from data, without caching.
func Compute(data *Data, seg Segmenter, prev *State) *Snapshot {
	refs := make([]StatementRef, len(data.Statements))
	for i, s := range data.Statements {
		refs[i] = StatementRef{TID: s.TID, Rejected: s.Moderation == Rejected || s.IsMeta, At: s.CreatedAt}
	}
	snap := &Snapshot{Data: data, Votes: len(data.Votes)}
	snap.index()
	admitted := Admit(refs, data.Early).All()
	snap.Result = Analyse(Input{Statements: refs, Votes: data.Votes, Previous: prev, Admitted: admitted})
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
