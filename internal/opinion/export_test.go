package opinion

import "gonum.org/v1/gonum/mat"

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
