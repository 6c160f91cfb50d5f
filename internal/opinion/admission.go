package opinion

import (
	"slices"
	"time"
)

// Admission is when each participant entered the conversation, worked out
// from the history of the votes (docs/OPINIONS.md §1). Pol.is admits a
// participant once they have voted on min(7, number of statements existing
// then) and never drops them when more statements arrive; a computation
// on the final votes that asked for min(7, statements now) would leave out
// everyone who took part early, when there were few statements, and left.
type Admission map[int]time.Time // PID → when admitted

// Admit works out every participant's admission from the times of the
// votes and statements. A statement exists from when it was written
// (StatementRef.At) or from its first vote, whichever is earlier, so an
// unknown writing time counts from the first vote. A participant's count
// is the number of distinct statements they have voted on so far, every
// vote counting (passes and rejected statements too, as in the matrix's
// rule); a changed vote counts once. Votes at the same time are taken
// together: a statement written or first voted on at t exists at t.
func Admit(statements []StatementRef, votes []TimedCast) Admission {
	vs := byTime(votes)
	exists := existenceTimes(statements, vs)
	type pair struct{ pid, tid int32 }
	seen := make(map[pair]bool, len(vs))
	count := map[int32]int{}
	out := Admission{}
	existing := 0 // statements existing at the current vote's time
	for _, v := range vs {
		if _, ok := exists.at[v.TID]; !ok || v.PID < 0 {
			continue
		}
		p := pair{v.PID, v.TID}
		if seen[p] {
			continue
		}
		seen[p] = true
		count[v.PID]++
		if _, in := out[int(v.PID)]; in {
			continue
		}
		for existing < len(exists.order) && !exists.order[existing].After(v.At) {
			existing++
		}
		if count[v.PID] >= min(minVotes, existing) {
			out[int(v.PID)] = v.At
		}
	}
	return out
}

// existence is, for every known statement, when it began to exist, and
// those times in order.
type existence struct {
	at    map[int32]time.Time
	order []time.Time
}

func existenceTimes(statements []StatementRef, sorted []TimedCast) existence {
	e := existence{at: make(map[int32]time.Time, len(statements))}
	written := make(map[int32]time.Time, len(statements))
	for _, s := range statements {
		written[int32(s.TID)] = s.At
	}
	for _, v := range sorted {
		w, known := written[v.TID]
		if _, done := e.at[v.TID]; done || !known {
			continue
		}
		e.at[v.TID] = v.At
		if !w.IsZero() && w.Before(v.At) {
			e.at[v.TID] = w
		}
	}
	for tid, w := range written {
		if _, voted := e.at[tid]; !voted && !w.IsZero() {
			e.at[tid] = w
		}
	}
	for _, t := range e.at {
		e.order = append(e.order, t)
	}
	slices.SortFunc(e.order, time.Time.Compare)
	return e
}

// Admitted lists, in PID order, the participants admitted at or before t.
func (a Admission) Admitted(t time.Time) []int {
	var out []int
	for pid, at := range a {
		if !at.After(t) {
			out = append(out, pid)
		}
	}
	slices.Sort(out)
	return out
}

// All lists every admitted participant, in PID order.
func (a Admission) All() []int {
	out := make([]int, 0, len(a))
	for pid := range a {
		out = append(out, pid)
	}
	slices.Sort(out)
	return out
}
