package opinion

import (
	"cmp"
	"slices"
)

// Cast is one vote as the mathematics reads it: participant PID answered
// statement TID. The store and the Pol.is reader hand over only the latest
// vote per (PID, TID).
type Cast struct {
	PID, TID int32
	Vote     Vote
}

// StatementRef is what the mathematics needs of a statement.
type StatementRef struct {
	TID      int
	Rejected bool // moderated out: its column is zeroed, as in Pol.is
}

// Parameters of the vote matrix, from Pol.is (docs/OPINIONS.md §1).
const (
	// A participant is "in the conversation" after min(minVotes, number of
	// statements) votes…
	minVotes = 7
	// …and the most active voters are added until at least this many are.
	minInConversation = 15
)

// matrix is the participants × statements vote matrix, mean-centred and
// stored sparsely. Filling a missing vote with its column's mean and then
// subtracting that mean leaves zero, so only cast votes have entries: the
// dense matrix Pol.is builds never needs to exist.
type matrix struct {
	pids []int // row → participant id, ascending
	tids []int // column → statement id, ascending
	col  map[int]int
	// Rows in compressed sparse row form: row i's entries are
	// cols[start[i]:start[i+1]] with centred values vals[…] and raw votes raw[…].
	start    []int
	cols     []int32
	vals     []float64
	raw      []Vote
	mean     []float64 // column means of the votes cast (passes count as 0)
	rejected []bool
	nVotes   []int // votes per row
}

// newMatrix builds the matrix from the votes. Votes on statements not in
// statements are ignored.
func newMatrix(statements []StatementRef, votes []Cast) *matrix {
	m := &matrix{col: make(map[int]int, len(statements))}
	st := slices.Clone(statements)
	slices.SortFunc(st, func(a, b StatementRef) int { return cmp.Compare(a.TID, b.TID) })
	st = slices.CompactFunc(st, func(a, b StatementRef) bool { return a.TID == b.TID })
	for j, s := range st {
		m.tids = append(m.tids, s.TID)
		m.col[s.TID] = j
		m.rejected = append(m.rejected, s.Rejected)
	}

	// Sort the votes by (participant, statement) once, keeping the order of
	// repeats (the last one wins below); rows fall out of it.
	vs := make([]Cast, 0, len(votes))
	for _, v := range votes {
		if _, ok := m.col[int(v.TID)]; ok {
			vs = append(vs, v)
		}
	}
	slices.SortStableFunc(vs, func(a, b Cast) int {
		if c := cmp.Compare(a.PID, b.PID); c != 0 {
			return c
		}
		return cmp.Compare(a.TID, b.TID)
	})
	// Keep one vote per pair: the last one given for it.
	vs = compactLast(vs)

	nc := len(m.tids)
	sum := make([]float64, nc)
	count := make([]int, nc)
	m.cols = make([]int32, len(vs))
	m.raw = make([]Vote, len(vs))
	for k, v := range vs {
		if k == 0 || v.PID != vs[k-1].PID {
			m.pids = append(m.pids, int(v.PID))
			m.start = append(m.start, k)
		}
		j := m.col[int(v.TID)]
		m.cols[k] = int32(j)
		m.raw[k] = v.Vote
		sum[j] += float64(v.Vote)
		count[j]++
	}
	m.start = append(m.start, len(vs))
	m.mean = make([]float64, nc)
	for j := range nc {
		if count[j] > 0 && !m.rejected[j] {
			m.mean[j] = sum[j] / float64(count[j])
		}
	}
	m.vals = make([]float64, len(vs))
	for k, j := range m.cols {
		if !m.rejected[j] {
			m.vals[k] = float64(m.raw[k]) - m.mean[j]
		}
	}
	m.nVotes = make([]int, len(m.pids))
	for i := range m.pids {
		m.nVotes[i] = m.start[i+1] - m.start[i]
	}

	return m
}

// compactLast keeps, of each run of votes on the same (PID, TID), the last.
func compactLast(vs []Cast) []Cast {
	out := vs[:0]
	for k, v := range vs {
		if k+1 < len(vs) && vs[k+1].PID == v.PID && vs[k+1].TID == v.TID {
			continue
		}
		out = append(out, v)
	}
	return out
}

// inConversation marks the rows Pol.is counts as taking part: at least
// min(7, statements) votes, topped up with the most active voters (earliest
// participant first on ties) until there are 15.
func (m *matrix) inConversation() []bool {
	in := make([]bool, len(m.pids))
	need := min(minVotes, len(m.tids))
	n := 0
	for i, v := range m.nVotes {
		if v >= need && v > 0 {
			in[i] = true
			n++
		}
	}
	if n >= minInConversation {
		return in
	}
	order := make([]int, len(m.pids))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(m.nVotes[b], m.nVotes[a]) })
	for _, i := range order {
		if n >= minInConversation {
			break
		}
		if !in[i] && m.nVotes[i] > 0 {
			in[i] = true
			n++
		}
	}
	return in
}
