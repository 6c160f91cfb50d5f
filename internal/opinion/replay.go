package opinion

import (
	"slices"
	"time"
)

// TimedCast is a vote with the time it was cast.
type TimedCast struct {
	Cast
	At time.Time
}

// ReplayEvery is how often Replay recomputes while votes arrive: Pol.is's
// math worker polls for new votes every second (its default polling
// interval), so every second in which votes arrived ends with a
// computation.
const ReplayEvery = time.Second

// Replay computes the map the way a live conversation builds it: the votes
// are taken in the order they were cast, and the map is recomputed once
// every interval while votes arrive (and at the end), each time warm-
// started from the previous computation (Input.Previous: components, base
// and group clusters by their members, the number of groups changing only
// after winning four updates in a row, participants staying in the
// conversation once admitted — Admit, the rule the one-shot computation
// reads from the same times). A changed vote replaces the earlier one. Only the last
// computation works out the statements' figures; the others need only the
// map. It returns the final map.
//
// Pol.is's own groups come out of such a history, not of one computation
// from the final votes; docs/OPINIONS.md §6 compares both with Pol.is's.
func Replay(statements []StatementRef, votes []TimedCast, every time.Duration) *Result {
	vs := slices.Clone(votes)
	slices.SortStableFunc(vs, func(a, b TimedCast) int { return a.At.Compare(b.At) })
	admission := Admit(statements, vs)
	var prev *State
	var res *Result
	cast := make([]Cast, 0, len(vs))
	var since time.Time // first vote since the last computation
	for i, v := range vs {
		if len(cast) == 0 || since.IsZero() {
			since = v.At
		}
		cast = append(cast, v.Cast)
		if i+1 < len(vs) && vs[i+1].At.Sub(since) < every {
			continue
		}
		since = time.Time{}
		res = Analyse(Input{Statements: statements, Votes: cast, Previous: prev, Admitted: admission.Admitted(v.At),
			mapOnly: i+1 < len(vs)})
		prev = res.State
	}
	if res == nil {
		res = Analyse(Input{Statements: statements})
	}
	return res
}
