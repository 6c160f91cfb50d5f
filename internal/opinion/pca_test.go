package opinion_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/testutil/polisdata"
)

// The power iteration must find the same two components as a full
// eigendecomposition of XᵀX (up to sign), on real conversations.
func TestPCAMatchesEigendecomposition(t *testing.T) {
	for _, name := range polisdata.Conversations {
		in := readExport(t, name).Input()
		got, x := opinion.PCAForTest(in.Statements, in.Votes)
		var cov mat.SymDense
		cov.SymOuterK(1, x.T())
		var eig mat.EigenSym
		if !eig.Factorize(&cov, true) {
			t.Fatal("eigendecomposition failed")
		}
		var vecs mat.Dense
		eig.VectorsTo(&vecs)
		_, n := vecs.Dims()
		for comp := range 2 {
			want := mat.Col(nil, n-1-comp, &vecs)
			if d := math.Abs(floats.Dot(want, got[comp])); d < 1-1e-6 {
				t.Errorf("%s: component %d has |cos| %.8f with the eigenvector", name, comp+1, d)
			}
		}
	}
}
