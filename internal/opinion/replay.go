package opinion

import (
	"cmp"
	"slices"
	"time"
)

// TimedCast is a vote with the time it was cast.
type TimedCast struct {
	Cast
	At time.Time
}

// ReplayEvery is how often the map is recomputed while votes arrive, in a
// replay and in the history a one-shot computation reads: Pol.is's math
// worker polls for new votes every second (its default polling interval),
// so every second in which votes arrived ends with an update.
const ReplayEvery = time.Second

// history is a conversation cut into the updates its votes' times imply.
type history struct {
	statements []StatementRef
	votes      []TimedCast // byTime
	ends       []int       // update u computes from votes[:ends[u]]
	admission  Admission
	exists     existence
}

// byTime returns the votes sorted by time, then participant, then
// statement: an order that the input's order does not change, except
// between two votes of one participant on one statement at the same
// instant (the later in the input wins, as in Pol.is's export).
func byTime(votes []TimedCast) []TimedCast {
	vs := slices.Clone(votes)
	slices.SortStableFunc(vs, func(a, b TimedCast) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.PID, b.PID), cmp.Compare(a.TID, b.TID))
	})
	return vs
}

// newHistory sorts the votes by time and cuts them into updates: the
// clock is divided into intervals of every, shifted by phase, and each
// interval in which votes arrived ends with one update. The result
// depends only on the votes' times, not on their order in the input.
func newHistory(statements []StatementRef, votes []TimedCast, every, phase time.Duration) *history {
	vs := byTime(votes)
	h := &history{statements: statements, votes: vs, admission: Admit(statements, vs), exists: existenceTimes(statements, vs)}
	interval := func(t time.Time) int64 {
		d := t.Sub(time.Unix(0, 0)) - phase
		n := int64(d / every)
		if d < 0 && d%every != 0 {
			n--
		}
		return n
	}
	for i := range vs {
		if i+1 == len(vs) || interval(vs[i+1].At) != interval(vs[i].At) {
			h.ends = append(h.ends, i+1)
		}
	}
	return h
}

// update computes update u warm-started from prev; only the last one
// works out the statements' figures.
func (h *history) update(u int, prev *State) *Result {
	end := h.ends[u]
	cast := make([]Cast, end)
	for i, v := range h.votes[:end] {
		cast[i] = v.Cast
	}
	at := h.votes[end-1].At
	return Analyse(Input{Statements: h.existing(at), Votes: cast, Previous: prev,
		Admitted: h.admission.Admitted(at), mapOnly: u+1 < len(h.ends)})
}

// existing lists the statements that exist at t: written by then or
// already voted on (see Admit).
func (h *history) existing(t time.Time) []StatementRef {
	var out []StatementRef
	for _, s := range h.statements {
		if at, ok := h.exists.at[int32(s.TID)]; ok && !at.After(t) {
			out = append(out, s)
		}
	}
	return out
}

// stateBeforeLast runs every update but the last and returns the state it
// leaves (nil when there is at most one update).
func (h *history) stateBeforeLast() *State {
	var prev *State
	for u := range len(h.ends) - 1 {
		prev = h.update(u, prev).State
	}
	return prev
}

// replayed is the last update, warm-started from the state before it.
func (h *history) replayed(before *State) *Result {
	if len(h.ends) == 0 {
		return Analyse(Input{Statements: h.statements})
	}
	return h.update(len(h.ends)-1, before)
}

// final is one computation on the final votes from a cold start — the
// components and clusters found afresh — that follows the rules whose
// state the history carries: who was admitted, and the number of groups
// shown, which changes only once another has won adoptAfter updates in a
// row (the final computation being the last of them).
func (h *history) final(before *State) *Result {
	cast := make([]Cast, len(h.votes))
	for i, v := range h.votes {
		cast[i] = v.Cast
	}
	in := Input{Statements: h.statements, Votes: cast, Admitted: h.admission.All()}
	if before != nil {
		in.Previous = &State{K: before.K, LastK: before.LastK, LastKCount: before.LastKCount}
	}
	return Analyse(in)
}

// Replay computes the map the way a live conversation builds it: the votes
// are taken in the order they were cast, and the map is recomputed once
// every interval while votes arrive (and at the end), each time warm-
// started from the previous computation (Input.Previous: components, base
// and group clusters by their members, the number of groups changing only
// after winning four updates in a row, participants staying in the
// conversation once admitted — Admit, the rule the one-shot computation
// reads from the same times). A changed vote replaces the earlier one.
// Only the last computation works out the statements' figures; the others
// need only the map. It returns the final map.
//
// Pol.is's own groups come out of such a history, not of one computation
// from the final votes; docs/OPINIONS.md §6 compares both with Pol.is's.
func Replay(statements []StatementRef, votes []TimedCast, every time.Duration) *Result {
	h := newHistory(statements, votes, every, 0)
	return h.replayed(h.stateBeforeLast())
}

// AnalyseHistory is the one-shot computation of a conversation whose
// votes' times are known (a Pol.is export): Analyse on the final votes,
// from a cold start, following Pol.is's rules as they stand after the
// updates the times imply — participants admitted along the way stay in
// (Admit), and the number of groups is the one the history's updates,
// this computation the last of them, would show (docs/OPINIONS.md §3).
func AnalyseHistory(statements []StatementRef, votes []TimedCast, every time.Duration) *Result {
	h := newHistory(statements, votes, every, 0)
	return h.final(h.stateBeforeLast())
}
