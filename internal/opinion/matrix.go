package opinion

import (
	"cmp"
	"slices"
	"time"
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
	Rejected bool      // moderated out, or a meta statement: its column is zeroed, as in Pol.is
	At       time.Time // when it was written (zero when unknown): Admit reads it
}

// MinVotes is the number of votes (or the number of statements, if
// fewer) that puts a participant in the conversation, as in Pol.is.
const MinVotes = 7

// Parameters of the vote matrix, from Pol.is (docs/OPINIONS.md §1).
const (
	// A participant is "in the conversation" after min(minVotes, number of
	// statements) votes…
	minVotes = MinVotes
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
	votedOn  []bool // statements with at least one vote
	nVotes   []int  // votes per row
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
	// repeats, and keep one vote per pair: the last one given for it. Rows
	// fall out of it.
	vs := compactLast(sortedVotes(votes, m.col))

	nc := len(m.tids)
	sum := make([]float64, nc)
	count := make([]int, nc)
	m.cols = make([]int32, len(vs))
	m.raw = make([]Vote, len(vs))
	for k, v := range vs {
		if k == 0 || v.pid() != vs[k-1].pid() {
			m.pids = append(m.pids, int(v.pid()))
			m.start = append(m.start, k)
		}
		j := m.col[int(v.tid())]
		m.cols[k] = int32(j)
		m.raw[k] = v.vote()
		sum[j] += float64(v.vote())
		count[j]++
	}
	m.start = append(m.start, len(vs))
	m.mean = make([]float64, nc)
	m.votedOn = make([]bool, nc)
	for j := range nc {
		m.votedOn[j] = count[j] > 0
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

// packedVote is a vote in one 64-bit word: PID, TID and the vote + 1 in
// the lowest two bits, so that ordering the words orders by (PID, TID).
type packedVote uint64

func pack(v Cast) packedVote {
	return packedVote(uint64(v.PID)<<33 | uint64(v.TID)<<2 | uint64(v.Vote+1))
}

func (p packedVote) pid() int32   { return int32(p >> 33) }
func (p packedVote) tid() int32   { return int32(p >> 2 & (1<<31 - 1)) }
func (p packedVote) vote() Vote   { return Vote(p&3) - 1 }
func (p packedVote) pair() uint64 { return uint64(p >> 2) }

// sortedVotes returns the votes on known statements sorted by (PID, TID),
// repeats in their original order: the packed words are radix-sorted on
// their bits above the vote — linear time, stable, and less memory than
// sorting the votes themselves. Negative ids, which neither the store nor
// Pol.is gives, are left out.
func sortedVotes(votes []Cast, col map[int]int) []packedVote {
	ks := make([]packedVote, 0, len(votes))
	for _, v := range votes {
		if _, ok := col[int(v.TID)]; ok && v.PID >= 0 && v.TID >= 0 {
			ks = append(ks, pack(v))
		}
	}
	radixSortAbove(ks, 2)
	return ks
}

// radixSortAbove sorts ks stably by their bits above the lowest low ones,
// 11 bits a pass, skipping the passes in which every key has the same digit.
func radixSortAbove(ks []packedVote, low uint) {
	if len(ks) < 2 {
		return
	}
	const bits, size = 11, 1 << 11
	src, dst := ks, make([]packedVote, len(ks))
	for shift := low; shift < 64; shift += bits {
		var count [size]int
		for _, k := range src {
			count[k>>shift&(size-1)]++
		}
		if count[src[0]>>shift&(size-1)] == len(src) {
			continue
		}
		at := 0
		for d, c := range count {
			count[d] = at
			at += c
		}
		for _, k := range src {
			d := k >> shift & (size - 1)
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &ks[0] {
		copy(ks, src)
	}
}

// compactLast keeps, of each run of votes on the same (PID, TID), the last.
func compactLast(vs []packedVote) []packedVote {
	out := vs[:0]
	for k, v := range vs {
		if k+1 < len(vs) && vs[k+1].pair() == v.pair() {
			continue
		}
		out = append(out, v)
	}
	return out
}

// admitted marks the rows Pol.is counts as taking part: at least
// min(7, statements) votes, every statement given counting — in the
// conversation's history (Admit), the statements existing at the time.
func (m *matrix) admitted() []bool {
	in := make([]bool, len(m.pids))
	need := min(minVotes, len(m.tids))
	for i, v := range m.nVotes {
		in[i] = v >= need && v > 0
	}
	return in
}

// topUp adds the most active voters (earliest participant first on ties)
// until 15 are in the conversation: there are then enough points for a
// map. Unlike admission it holds for one computation only: the next
// recomputes it.
func (m *matrix) topUp(in []bool) {
	n := 0
	for _, ok := range in {
		if ok {
			n++
		}
	}
	if n >= minInConversation {
		return
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
}
