package synthesis

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
)

const (
	// sampleSize is the most units the number of themes is chosen on: the
	// silhouette costs the square of the units it reads, and on 1,000 its
	// mean is known to about ±0.01 (a standard deviation of about 0.3 over
	// √1000), far finer than the gaps between candidate k.
	sampleSize = 1000
	// maxThemes bounds the themes of one question: a report section reads
	// a dozen themes, not more.
	maxThemes = 12
	// seed is the generator's seed: fixed, so a computation is repeatable.
	seed = 20241205
	// restarts is how many k-means++ seedings are tried for each k: one
	// run of k-means stops in the local optimum its seeds lead to, and
	// keeping the best of several (by the k-means objective, as
	// scikit-learn's n_init does) makes a bad draw unlikely; on the
	// sample, they cost little.
	restarts = 8
)

// bestOfRestarts clusters the sample into k from restarts seedings and
// keeps the run with the greatest total cosine to the centroids (the
// first on a tie).
func bestOfRestarts(ctx context.Context, x *matrix, sample []int, k int) (*centroids, []int, error) {
	var best *centroids
	var bestAssign []int
	bestScore := math.Inf(-1)
	for r := range restarts {
		rng := rand.New(rand.NewPCG(seed, uint64(k*restarts+r)))
		cs := seedPlusPlus(x, sample, k, rng)
		assign, _, err := kmeans(ctx, x, sample, cs)
		if err != nil {
			return nil, nil, err
		}
		if assign, err = refine(ctx, x, sample, assign, k); err != nil {
			return nil, nil, err
		}
		cs.update(x, sample, assign)
		score := objective(x, sample, assign, cs)
		if score > bestScore {
			best, bestAssign, bestScore = cs, assign, score
		}
	}
	return best, bestAssign, nil
}

// maxKFor bounds k by the data as the rule of thumb k ≤ √(n/2) does (n
// units clustered), so a small question is not cut into themes of one or
// two units, and by maxThemes.
func maxKFor(n int) int {
	return max(2, min(maxThemes, int(math.Sqrt(float64(n)/2))))
}

// sampleRows is a deterministic sample of at most sampleSize rows of
// 0…n-1, ascending.
func sampleRows(n int, rng *rand.Rand) []int {
	if n <= sampleSize {
		rows := make([]int, n)
		for i := range rows {
			rows[i] = i
		}
		return rows
	}
	rows := rng.Perm(n)[:sampleSize]
	slices.Sort(rows)
	return rows
}

// kChoice is the outcome of choosing k: its mean silhouette and the
// clustering of the sample it came from.
type kChoice struct {
	k          int
	silhouette float64
	centroids  *centroids
}

// chooseK clusters the sample with k = 2…maxK and keeps the k of the best
// mean silhouette (cosine distance) among those whose largest cluster
// holds at most half the sample (a theme holding most of what was said
// is the question's subject, not a theme); when no k qualifies, the best
// of all. A tie goes to the smaller k.
func chooseK(ctx context.Context, full *matrix, rows []int, maxK int) (kChoice, error) {
	// The sample as its own matrix over the features it holds, so that the
	// many runs on it cost what the sample holds, not the question.
	x, feats := full.subset(rows)
	sample := make([]int, len(rows))
	for i := range sample {
		sample[i] = i
	}
	choice, err := chooseKSample(ctx, x, sample, maxK)
	if err != nil || choice.centroids == nil {
		return choice, err
	}
	cs := newCentroids(choice.k, full.dim)
	for j, c := range choice.centroids.c {
		for f, v := range c {
			cs.c[j][feats[f]] = v
		}
	}
	cs.transpose()
	choice.centroids = cs
	return choice, nil
}

// subset is the matrix of the given rows over the features they hold,
// and the original index of each of its features.
func (x *matrix) subset(rows []int) (*matrix, []int32) {
	local := map[int32]int32{}
	var feats []int32
	for _, r := range rows {
		idx, _ := x.row(r)
		for _, f := range idx {
			if _, ok := local[f]; !ok {
				feats = append(feats, f)
				local[f] = 0
			}
		}
	}
	slices.Sort(feats)
	for i, f := range feats {
		local[f] = int32(i)
	}
	out := &matrix{ptr: []int{0}, dim: len(feats)}
	for _, r := range rows {
		idx, val := x.row(r)
		for p, f := range idx {
			out.idx = append(out.idx, local[f])
			out.val = append(out.val, val[p])
		}
		out.ptr = append(out.ptr, len(out.idx))
	}
	return out, feats
}

func chooseKSample(ctx context.Context, x *matrix, sample []int, maxK int) (kChoice, error) {
	sim := similarities(x, sample)
	var best, bestAny kChoice
	best.silhouette, bestAny.silhouette = math.Inf(-1), math.Inf(-1)
	for k := 2; k <= maxK; k++ {
		cs, assign, err := bestOfRestarts(ctx, x, sample, k)
		if err != nil {
			return kChoice{}, err
		}
		s := meanSilhouette(sim, assign, k)
		c := kChoice{k: k, silhouette: s, centroids: cs}
		if s > bestAny.silhouette {
			bestAny = c
		}
		if largest(assign, k)*2 <= len(sample) && s > best.silhouette {
			best = c
		}
	}
	if best.centroids == nil {
		return bestAny, nil
	}
	return best, nil
}

func largest(assign []int, k int) int {
	sizes := make([]int, k)
	for _, a := range assign {
		sizes[a]++
	}
	return slices.Max(sizes)
}

// similarities is the cosine of every pair of the sample, row-major.
func similarities(x *matrix, sample []int) []float32 {
	n := len(sample)
	sim := make([]float32, n*n)
	for a := range n {
		sim[a*n+a] = 1
		for b := a + 1; b < n; b++ {
			s := float32(x.dot(sample[a], sample[b]))
			sim[a*n+b], sim[b*n+a] = s, s
		}
	}
	return sim
}

// meanSilhouette is the mean over the sample of (b − a)/max(a, b), a the
// mean cosine distance of a unit to the others of its cluster and b the
// smallest mean distance to another cluster; a unit alone in its cluster
// counts 0 (Rousseeuw 1987).
func meanSilhouette(sim []float32, assign []int, k int) float64 {
	n := len(assign)
	sizes := make([]int, k)
	for _, a := range assign {
		sizes[a]++
	}
	sum := make([]float64, k)
	total := 0.0
	for i := range n {
		clear(sum)
		row := sim[i*n : (i+1)*n]
		for j, a := range assign {
			if j != i {
				sum[a] += 1 - float64(row[j])
			}
		}
		own := assign[i]
		if sizes[own] < 2 {
			continue
		}
		a := sum[own] / float64(sizes[own]-1)
		b := math.Inf(1)
		for j := range k {
			if j != own && sizes[j] > 0 {
				b = math.Min(b, sum[j]/float64(sizes[j]))
			}
		}
		if m := math.Max(a, b); m > 0 && !math.IsInf(b, 1) {
			total += (b - a) / m
		}
	}
	return total / float64(n)
}

// objective is the total cosine of the rows to their centroids.
func objective(x *matrix, rows, assign []int, cs *centroids) float64 {
	s := 0.0
	for p, r := range rows {
		s += cosineTo(x, r, cs.c[assign[p]])
	}
	return s
}
