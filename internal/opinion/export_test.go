package opinion

import (
	"time"

	"gonum.org/v1/gonum/mat"
)

// PCAForTest exposes, to the external tests, the components the power
// iteration finds and the dense centred matrix they come from.
func PCAForTest(st []StatementRef, votes []Cast) (comps [2][]float64, x *mat.Dense) {
	m := newMatrix(st, votes)
	x = mat.NewDense(max(1, len(m.pids)), max(1, len(m.tids)), nil)
	for i := range m.pids {
		for k := m.start[i]; k < m.start[i+1]; k++ {
			x.Set(i, int(m.cols[k]), m.vals[k])
		}
	}
	return m.pca(nil), x
}

// ProjectForTest exposes each participant's place on the two components.
func ProjectForTest(in Input) (pids []int, xy [][2]float64) {
	m := newMatrix(in.Statements, in.Votes)
	return m.pids, m.project(m.pca(nil))
}

// ReplayAtPhase is Replay with the clock's intervals shifted by phase, and
// AnalyseHistoryAtPhase the one-shot computation reading that history.
func ReplayAtPhase(st []StatementRef, votes []TimedCast, every, phase time.Duration) *Result {
	h := newHistory(st, votes, every, phase)
	return h.replayed(h.stateBeforeLast())
}

// BothModes replays the history once and returns the replayed map and the
// one-shot computation's.
func BothModes(st []StatementRef, votes []TimedCast, every, phase time.Duration) (replayed, oneShot *Result) {
	h := newHistory(st, votes, every, phase)
	before := h.stateBeforeLast()
	return h.replayed(before), h.final(before)
}
