package synthesis

import (
	"context"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
)

// matrix is a sparse matrix of L2-normalised rows (CSR) over dim
// features: row i's features are idx[ptr[i]:ptr[i+1]] with weights val.
type matrix struct {
	ptr []int
	idx []int32
	val []float64
	dim int
}

func (x *matrix) rows() int { return len(x.ptr) - 1 }

func (x *matrix) row(i int) ([]int32, []float64) {
	return x.idx[x.ptr[i]:x.ptr[i+1]], x.val[x.ptr[i]:x.ptr[i+1]]
}

// dot is the cosine of rows i and j (both normalised).
func (x *matrix) dot(i, j int) float64 {
	ai, av := x.row(i)
	bi, bv := x.row(j)
	s := 0.0
	for p, q := 0, 0; p < len(ai) && q < len(bi); {
		switch {
		case ai[p] < bi[q]:
			p++
		case ai[p] > bi[q]:
			q++
		default:
			s += av[p] * bv[q]
			p, q = p+1, q+1
		}
	}
	return s
}

// maxIterations bounds spherical k-means: on TF-IDF text it settles in
// ten to twenty rounds, and the bound keeps the cost linear in the units.
const maxIterations = 25

// centroids are k unit vectors over dim features, cluster-major, with
// their transpose (feature-major) for the assignment step, which then
// reads each row once for all k clusters.
type centroids struct {
	k, dim int
	c      [][]float64
	t      []float64
}

func newCentroids(k, dim int) *centroids {
	cs := &centroids{k: k, dim: dim, c: make([][]float64, k), t: make([]float64, k*dim)}
	for j := range cs.c {
		cs.c[j] = make([]float64, dim)
	}
	return cs
}

// transpose refreshes t from c.
func (cs *centroids) transpose() {
	for j, c := range cs.c {
		for f, v := range c {
			cs.t[f*cs.k+j] = v
		}
	}
}

// nearest is the cluster whose centroid is closest to row i (the lowest
// index on a tie) and the cosine; scores is scratch of length k.
func (cs *centroids) nearest(x *matrix, i int, scores []float64) (int, float64) {
	clear(scores)
	idx, val := x.row(i)
	for p, f := range idx {
		v := val[p]
		base := int(f) * cs.k
		for j := range scores {
			scores[j] += v * cs.t[base+j]
		}
	}
	best := 0
	for j := 1; j < len(scores); j++ {
		if scores[j] > scores[best] {
			best = j
		}
	}
	return best, scores[best]
}

// update sets each centroid to the normalised mean of its rows.
func (cs *centroids) update(x *matrix, rows []int, assign []int) {
	for _, c := range cs.c {
		clear(c)
	}
	for p, i := range rows {
		if assign[p] < 0 {
			continue
		}
		c := cs.c[assign[p]]
		idx, val := x.row(i)
		for q, f := range idx {
			c[f] += val[q]
		}
	}
	for _, c := range cs.c {
		if n := floats.Norm(c, 2); n > 0 {
			floats.Scale(1/n, c)
		}
	}
	cs.transpose()
}

// kmeans runs spherical k-means over rows from the given centroids until
// no assignment changes or maxIterations. An emptied cluster takes the
// row farthest from its centroid. It returns each row's cluster and
// cosine to its centroid.
func kmeans(ctx context.Context, x *matrix, rows []int, cs *centroids) ([]int, []float64, error) {
	assign := make([]int, len(rows))
	for p := range assign {
		assign[p] = -1
	}
	cos := make([]float64, len(rows))
	scores := make([]float64, cs.k)
	for range maxIterations {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		changed := 0
		sizes := make([]int, cs.k)
		for p, i := range rows {
			j, s := cs.nearest(x, i, scores)
			if j != assign[p] {
				changed++
			}
			assign[p], cos[p] = j, s
			sizes[j]++
		}
		refillEmpty(sizes, assign, cos)
		cs.update(x, rows, assign)
		if changed == 0 {
			break
		}
	}
	return assign, cos, nil
}

// refillEmpty gives each empty cluster the row farthest from its own
// centroid (the first such row on a tie) among clusters of two or more.
func refillEmpty(sizes, assign []int, cos []float64) {
	for j, n := range sizes {
		if n > 0 {
			continue
		}
		worst := -1
		for p := range assign {
			if sizes[assign[p]] > 1 && (worst < 0 || cos[p] < cos[worst]) {
				worst = p
			}
		}
		if worst < 0 {
			return
		}
		sizes[assign[worst]]--
		assign[worst], cos[worst] = j, 1
		sizes[j]++
	}
}

// seedPlusPlus picks k initial centroids among rows by k-means++ (each
// next seed drawn with probability proportional to its cosine distance
// to the nearest seed so far), with a generator of a fixed seed so the
// same rows give the same seeds.
func seedPlusPlus(x *matrix, rows []int, k int, rng *rand.Rand) *centroids {
	cs := newCentroids(k, x.dim)
	dist := make([]float64, len(rows))
	for p := range dist {
		dist[p] = math.Inf(1)
	}
	pick := rng.IntN(len(rows))
	for j := range k {
		idx, val := x.row(rows[pick])
		for q, f := range idx {
			cs.c[j][f] = val[q]
		}
		total := 0.0
		for p, i := range rows {
			dist[p] = math.Min(dist[p], math.Max(0, 1-x.dot(i, rows[pick])))
			total += dist[p]
		}
		if total == 0 {
			break // fewer distinct rows than k: the remaining centroids stay empty
		}
		r := rng.Float64() * total
		for p := range dist {
			if dist[p] == 0 {
				continue
			}
			pick = p // the last positive one when rounding leaves r above 0
			if r -= dist[p]; r <= 0 {
				break
			}
		}
	}
	cs.transpose()
	return cs
}
