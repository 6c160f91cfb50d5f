package opinion

import (
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/floats"
)

// Parameters of the principal component analysis, from Pol.is
// (docs/OPINIONS.md §2).
const (
	nComponents   = 2
	powerIters    = 100
	powerConverge = 1e-12 // stop early once an iteration changes nothing that matters
)

// Components are the two principal components, by statement id, kept to
// warm-start the next computation as Pol.is does.
type Components struct {
	TIDs    []int
	Vectors [nComponents][]float64
}

// pca finds the first two principal components of the centred matrix by
// power iteration on its covariance XᵀX, the second kept orthogonal to the
// first (Gram–Schmidt) at every step. Both are iterated together, and each
// iteration reads the sparse matrix once, row by row. warm, when it names
// the same statements, gives the starting vectors.
func (m *matrix) pca(warm *Components) [nComponents][]float64 {
	nc := len(m.tids)
	var v [nComponents][]float64
	for c := range nComponents {
		v[c] = m.startVector(warm, c)
	}
	if nc == 0 {
		return v
	}
	orthonormalise(&v)
	var next [nComponents][]float64
	for c := range nComponents {
		next[c] = make([]float64, nc)
	}
	g := newGram(m)
	for range powerIters {
		g.mul(v, next) // next = XᵀX v
		orthonormalise(&next)
		delta := 0.0
		for c := range nComponents {
			// The sign of an eigenvector is arbitrary; compare up to it.
			d1, d2 := 0.0, 0.0
			for j := range nc {
				d1 += (next[c][j] - v[c][j]) * (next[c][j] - v[c][j])
				d2 += (next[c][j] + v[c][j]) * (next[c][j] + v[c][j])
			}
			delta = max(delta, min(d1, d2))
		}
		v, next = next, v
		if delta < powerConverge {
			break
		}
	}
	return v
}

// startVector is the warm-start vector for component c when warm covers
// the same statements, else a fixed deterministic vector (results must not
// depend on chance).
func (m *matrix) startVector(warm *Components, c int) []float64 {
	v := make([]float64, len(m.tids))
	if warm != nil && len(warm.Vectors[c]) == len(warm.TIDs) {
		seen := 0
		at := make(map[int]float64, len(warm.TIDs))
		for k, t := range warm.TIDs {
			at[t] = warm.Vectors[c][k]
		}
		for j, t := range m.tids {
			if x, ok := at[t]; ok {
				v[j] = x
				seen++
			}
		}
		if seen > 0 && floats.Norm(v, 2) > 0 {
			return v
		}
	}
	for j := range v {
		// 1, 1/2, 1/3… for the first; alternating signs for the second,
		// so the two start far from parallel.
		v[j] = 1 / float64(j+1)
		if c == 1 && j%2 == 1 {
			v[j] = -v[j]
		}
	}
	return v
}

// orthonormalise makes v[1] orthogonal to v[0] and both of unit length.
// A vector that collapses to zero (the matrix has rank below two) stays zero.
func orthonormalise(v *[nComponents][]float64) {
	for c := range nComponents {
		for p := range c {
			floats.AddScaled(v[c], -floats.Dot(v[c], v[p]), v[p])
		}
		if n := floats.Norm(v[c], 2); n > 1e-300 {
			floats.Scale(1/n, v[c])
		} else {
			for j := range v[c] {
				v[c][j] = 0
			}
		}
	}
}

// workers bounds the goroutines a product uses: the machine's cores.
var workers = runtime.GOMAXPROCS(0)

// chunks splits [0, n) into one range per worker (one when n is small).
func chunks(n int) [][2]int {
	w := min(workers, max(1, n/512))
	out := make([][2]int, w)
	for k := range w {
		out[k] = [2]int{k * n / w, (k + 1) * n / w}
	}
	return out
}

// parallelChunks runs fn on each of chunks(n), concurrently; w numbers the chunk.
func parallelChunks(n int, fn func(w, lo, hi int)) {
	cs := chunks(n)
	if len(cs) == 1 {
		fn(0, cs[0][0], cs[0][1])
		return
	}
	var wg sync.WaitGroup
	for w, c := range cs {
		wg.Go(func() { fn(w, c[0], c[1]) })
	}
	wg.Wait()
}

// gram multiplies by XᵀX without forming it: for each row x_i it adds
// x_i (x_i · v) to the result. Each worker sums its rows into its own
// vectors (statements are few), which are then added up.
type gram struct {
	m     *matrix
	parts [][]float64 // per worker: both components interleaved, [2·j + c]
	vv    []float64   // v interleaved the same way
}

func newGram(m *matrix) *gram {
	g := &gram{m: m, vv: make([]float64, 2*len(m.tids))}
	for range chunks(len(m.pids)) {
		g.parts = append(g.parts, make([]float64, 2*len(m.tids)))
	}
	return g
}

func (g *gram) mul(v, out [nComponents][]float64) {
	m := g.m
	for j := range m.tids {
		g.vv[2*j], g.vv[2*j+1] = v[0][j], v[1][j]
	}
	parallelChunks(len(m.pids), func(w, lo, hi int) {
		acc, vv := g.parts[w], g.vv
		clear(acc)
		for i := lo; i < hi; i++ {
			s0, s1 := 0.0, 0.0
			a, b := m.start[i], m.start[i+1]
			cols, vals := m.cols[a:b], m.vals[a:b]
			for k, j := range cols {
				x := vals[k]
				s0 += x * vv[2*j]
				s1 += x * vv[2*j+1]
			}
			for k, j := range cols {
				x := vals[k]
				acc[2*j] += x * s0
				acc[2*j+1] += x * s1
			}
		}
	})
	for j := range m.tids {
		s0, s1 := 0.0, 0.0
		for _, acc := range g.parts {
			s0 += acc[2*j]
			s1 += acc[2*j+1]
		}
		out[0][j], out[1][j] = s0, s1
	}
}

// project places every participant on the two components using only the
// statements they voted on, then stretches by sqrt(statements / votes) so
// that people who voted on little are not all piled at the centre
// (Pol.is's sparsity-aware projection).
func (m *matrix) project(comp [nComponents][]float64) [][2]float64 {
	out := make([][2]float64, len(m.pids))
	nc, nRejected := 0, 0
	for j := range m.tids {
		if m.votedOn[j] {
			nc++
			if m.rejected[j] {
				nRejected++
			}
		}
	}
	parallelChunks(len(m.pids), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			s0, s1 := 0.0, 0.0
			n := nRejected
			for k := m.start[i]; k < m.start[i+1]; k++ {
				x, j := m.vals[k], m.cols[k]
				s0 += x * comp[0][j]
				s1 += x * comp[1][j]
				if !m.rejected[j] {
					n++
				}
			}
			scale := math.Sqrt(float64(nc) / float64(max(n, 1)))
			out[i] = [2]float64{s0 * scale, s1 * scale}
		}
	})
	return out
}
