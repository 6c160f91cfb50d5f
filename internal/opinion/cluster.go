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

func dist(a, b [2]float64) float64 {
	dx, dy := a[0]-b[0], a[1]-b[1]
	return math.Sqrt(dx*dx + dy*dy)
}

// distances is the matrix of distances between points, row by row.
func distances(pts []point) [][]float64 {
	d := make([][]float64, len(pts))
	for i := range pts {
		d[i] = make([]float64, len(pts))
		for j := range i {
			d[i][j] = dist(pts[i].x, pts[j].x)
			d[j][i] = d[i][j]
		}
	}
	return d
}

// silhouette is the weighted mean silhouette (b − a) / max(a, b) of a
// clustering of base clusters: a is a base cluster's mean distance to the
// other base clusters of its group, b the least mean distance to another
// group's; a base cluster alone in its group scores 0. Distances are
// between base-cluster centres (d[i][j], from distances), each base
// cluster weighing as many participants as it holds.
func silhouette(pts []point, d [][]float64, assign []int, k int) float64 {
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
			sum[assign[j]] += q.w * d[i][j]
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

// cluster groups the projected participants (pids[i] at xy[i]): up to 100
// base clusters, then k-means on their centres (weighted by size) for each
// k from 2 to max-k, keeping the k with the best silhouette. With prev,
// every k-means starts from the previous clusters (see cleanStart; a k
// without previous groups starts cold, see groupKMeans) and a
// new best k replaces the previous one only once it has been the best
// adoptAfter updates in a row; st receives the state for the next update.
func cluster(pids []int, xy [][2]float64, prev, st *State) clustering {
	pts := make([]point, len(xy))
	for i, x := range xy {
		pts[i] = point{id: pids[i], x: x, w: 1}
	}
	var prevBase []Cluster
	prevGroups := map[int][]Cluster{}
	if prev != nil {
		prevBase, prevGroups = prev.Base, prev.Groups
	}
	base := kmeans(pts, maxBaseClusters, prevBase)
	st.Base, st.Groups = base, map[int][]Cluster{}
	out := clustering{group: make([]int, len(xy)), silhouettes: map[int]float64{}}
	if len(base) < 2 {
		if len(base) == 1 {
			out.k = 1
		}
		return out
	}
	bpts := make([]point, len(base))
	for i, c := range base {
		bpts[i] = point{id: c.ID, x: c.Centre, w: float64(len(c.Members))}
	}
	d := distances(bpts)
	maxK := min(maxGroups, 2+len(base)/baseClustersPerK)
	bestK := 0
	for k := 2; k <= maxK; k++ {
		groups := groupKMeans(bpts, k, prevGroups[k])
		st.Groups[k] = groups
		if len(groups) < 2 {
			continue
		}
		s := silhouette(bpts, d, groupOf(bpts, groups), len(groups))
		out.silhouettes[k] = s
		if bestK == 0 || s > out.silhouettes[bestK] {
			bestK = k
		}
	}
	if bestK == 0 {
		out.k = 1
		return out
	}
	// Pol.is's smoothing: the k shown changes once another has been the
	// best adoptAfter updates in a row.
	st.LastK, st.LastKCount, st.K = bestK, 1, bestK
	if prev != nil && prev.LastK != 0 {
		if prev.LastK == bestK {
			st.LastKCount = prev.LastKCount + 1
		}
		if st.LastKCount < adoptAfter && prev.K != 0 && len(st.Groups[prev.K]) >= 2 {
			st.K = prev.K
		}
	}
	if len(prevGroups[st.K]) > 0 {
		st.Groups[st.K] = refineShown(bpts, st.Groups[st.K], st.K)
		out.silhouettes[st.K] = silhouette(bpts, d, groupOf(bpts, st.Groups[st.K]), len(st.Groups[st.K]))
	}
	groups := st.Groups[st.K]
	out.k = len(groups)
	out.silhouette = out.silhouettes[st.K]
	// Groups are numbered in the order of their IDs.
	gOfBase := map[int]int{}
	for g, c := range groups {
		for _, b := range c.Members {
			gOfBase[b] = g
		}
	}
	gOfPID := map[int]int{}
	for _, b := range base {
		for _, pid := range b.Members {
			gOfPID[pid] = gOfBase[b.ID]
		}
	}
	for i, pid := range pids {
		out.group[i] = gOfPID[pid]
	}
	return out
}

// groupOf gives, for each of pts, the index of the cluster holding it.
func groupOf(pts []point, cl []Cluster) []int {
	at := map[int]int{}
	for g, c := range cl {
		for _, id := range c.Members {
			at[id] = g
		}
	}
	out := make([]int, len(pts))
	for i, p := range pts {
		out[i] = at[p.id]
	}
	return out
}
