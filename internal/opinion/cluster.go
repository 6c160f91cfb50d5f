package opinion

import "math"

// Parameters of the clustering, from Pol.is (docs/OPINIONS.md §3).
const (
	maxBaseClusters = 100
	kmeansMaxIters  = 20
	kmeansMinMove   = 0.01
	maxGroups       = 5
	// max-k = min(maxGroups, 2 + base clusters / baseClustersPerK)
	baseClustersPerK = 12
)

// point is a weighted point in the plane of the two components.
type point struct {
	x [2]float64
	w float64
}

func dist(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// kmeans clusters pts into at most k clusters, starting from the first k
// distinct points (deterministic, as Pol.is does), for at most
// kmeansMaxIters iterations or until no centre moves by kmeansMinMove.
// Centres are weighted means. It returns the centres (empty clusters
// dropped) and each point's cluster.
func kmeans(pts []point, k int) (centres [][2]float64, assign []int) {
	return kmeansFrom(pts, k, nil)
}

// kmeansFrom is kmeans starting from the given centres (the previous
// computation's, as Pol.is does between updates), topped up with the first
// distinct points when there are fewer than k.
func kmeansFrom(pts []point, k int, start [][2]float64) (centres [][2]float64, assign []int) {
	centres = append(centres, start[:min(k, len(start))]...)
	for _, p := range pts {
		if len(centres) == k {
			break
		}
		distinct := true
		for _, c := range centres {
			if c == p.x {
				distinct = false
				break
			}
		}
		if distinct {
			centres = append(centres, p.x)
		}
	}
	assign = make([]int, len(pts))
	if len(centres) == 0 {
		return nil, assign
	}
	for range kmeansMaxIters {
		for i, p := range pts {
			assign[i] = nearest(centres, p.x)
		}
		next := make([][2]float64, len(centres))
		weight := make([]float64, len(centres))
		for i, p := range pts {
			c := assign[i]
			next[c][0] += p.w * p.x[0]
			next[c][1] += p.w * p.x[1]
			weight[c] += p.w
		}
		moved := 0.0
		for c := range next {
			if weight[c] == 0 {
				next[c] = centres[c] // keep an empty centre where it was; dropped below
				continue
			}
			next[c][0] /= weight[c]
			next[c][1] /= weight[c]
			moved = max(moved, dist(next[c], centres[c]))
		}
		centres = next
		if moved < kmeansMinMove {
			break
		}
	}
	for i, p := range pts {
		assign[i] = nearest(centres, p.x)
	}
	return dropEmpty(centres, assign)
}

func nearest(centres [][2]float64, x [2]float64) int {
	best, bd := 0, math.Inf(1)
	for c, ce := range centres {
		d := (ce[0]-x[0])*(ce[0]-x[0]) + (ce[1]-x[1])*(ce[1]-x[1])
		if d < bd {
			best, bd = c, d
		}
	}
	return best
}

// dropEmpty renumbers clusters so that none is empty.
func dropEmpty(centres [][2]float64, assign []int) ([][2]float64, []int) {
	used := make([]int, len(centres))
	for _, a := range assign {
		used[a]++
	}
	renum := make([]int, len(centres))
	var out [][2]float64
	for c := range centres {
		if used[c] > 0 {
			renum[c] = len(out)
			out = append(out, centres[c])
		}
	}
	for i, a := range assign {
		assign[i] = renum[a]
	}
	return out, assign
}

// silhouette is the weighted mean silhouette (b − a) / max(a, b) of a
// clustering of base clusters: a is a base cluster's mean distance to the
// other base clusters of its group, b the least mean distance to another
// group's; a base cluster alone in its group scores 0. Distances are
// between base-cluster centres, each base cluster weighing as many
// participants as it holds.
func silhouette(pts []point, assign []int, k int) float64 {
	if k < 2 {
		return 0
	}
	total, wsum := 0.0, 0.0
	sum := make([]float64, k)
	wt := make([]float64, k)
	for i, p := range pts {
		clear(sum)
		clear(wt)
		for j, q := range pts {
			if i == j {
				continue
			}
			sum[assign[j]] += q.w * dist(p.x, q.x)
			wt[assign[j]] += q.w
		}
		own := assign[i]
		s := 0.0
		if wt[own] > 0 {
			a := sum[own] / wt[own]
			b := math.Inf(1)
			for c := range k {
				if c != own && wt[c] > 0 {
					b = min(b, sum[c]/wt[c])
				}
			}
			if m := max(a, b); m > 0 && !math.IsInf(b, 1) {
				s = (b - a) / m
			}
		}
		total += p.w * s
		wsum += p.w
	}
	if wsum == 0 {
		return 0
	}
	return total / wsum
}

// clustering is the outcome of grouping participants.
type clustering struct {
	group      []int // per projected point: its group
	k          int
	silhouette float64
	// silhouettes[k] is the score of each k tried.
	silhouettes map[int]float64
}

// adoptAfter is how many updates in a row a new best k must win before
// the map switches to it (Pol.is's smoothing: groups do not flicker).
const adoptAfter = 4

// cluster groups the projected participants: up to 100 base clusters,
// then k-means on their centres (weighted by size) for each k from 2 to
// max-k, keeping the k with the best silhouette (the smaller k on a tie).
// With prev, every k-means starts from the previous centres and a new
// best k replaces the previous one only once it has won adoptAfter
// updates in a row; st receives the state for the next update.
func cluster(xy [][2]float64, prev, st *State) clustering {
	pts := make([]point, len(xy))
	for i, x := range xy {
		pts[i] = point{x: x, w: 1}
	}
	var prevBase [][2]float64
	var prevGroups map[int][][2]float64
	if prev != nil {
		prevBase, prevGroups = prev.Base, prev.GroupCentres
	}
	base, baseOf := kmeansFrom(pts, maxBaseClusters, prevBase)
	st.Base, st.GroupCentres = base, map[int][][2]float64{}
	out := clustering{group: make([]int, len(xy)), silhouettes: map[int]float64{}}
	if len(base) < 2 {
		if len(base) == 1 {
			out.k = 1
		}
		return out
	}
	bpts := make([]point, len(base))
	for i, c := range base {
		bpts[i].x = c
	}
	for _, b := range baseOf {
		bpts[b].w++
	}
	maxK := min(maxGroups, 2+len(base)/baseClustersPerK)
	assignments := map[int][]int{}
	bestK := 0
	for k := 2; k <= maxK; k++ {
		centres, assign := kmeansFrom(bpts, k, prevGroups[k])
		if len(centres) < k {
			continue
		}
		st.GroupCentres[k] = centres
		assignments[k] = assign
		s := silhouette(bpts, assign, k)
		out.silhouettes[k] = s
		if bestK == 0 || s > out.silhouettes[bestK] {
			bestK = k
		}
	}
	if bestK == 0 {
		out.k = 1
		return out
	}
	out.k = bestK
	st.K, st.Candidate, st.Streak = bestK, bestK, 0
	if prev != nil && prev.K != bestK && assignments[prev.K] != nil {
		// Keep the groups people have seen until the new k has won enough.
		st.K, st.Candidate, st.Streak = prev.K, bestK, 1
		if prev.Candidate == bestK {
			st.Streak = prev.Streak + 1
		}
		if st.Streak >= adoptAfter {
			st.K, st.Streak = bestK, 0
		}
		out.k = st.K
	}
	out.silhouette = out.silhouettes[out.k]
	for i, b := range baseOf {
		out.group[i] = assignments[out.k][b]
	}
	return out
}
