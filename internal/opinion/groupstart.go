package opinion

import (
	"cmp"
	"slices"
)

// A cold start of the groups (no previous map to start from) tries two
// deterministic starts and keeps the better grouping (docs/OPINIONS.md §3).
// Pol.is's start, the first k distinct base clusters in the order
// participants joined, usually puts every starting centre in the largest
// group: k-means then splits that group and shares a small one out among
// the pieces, and the silhouette of that split favours more groups — four
// groups where a live Pol.is map, which grew its groups while the votes
// came in, shows a large and a small one. The second start spreads the
// centres out (spreadStart); the grouping with the lower weighted sum of
// squared distances to its centres — k-means's own measure — is kept,
// provided each of its groups holds at least two base clusters: a group
// of one base cluster is a lone far point (a light voter stretched by the
// projection), which that measure and the silhouette both reward
// isolating, not an opinion group.

// groupKMeans clusters the base clusters (bpts) into at most k groups:
// from the groups carried from the previous map, as Pol.is does, else
// from the better of the two cold starts.
func groupKMeans(bpts []point, k int, prev []Cluster) []Cluster {
	if len(prev) > 0 {
		return kmeans(bpts, k, prev)
	}
	return coldGroups(bpts, k)
}

// coldGroups is the better grouping of the two cold starts.
func coldGroups(bpts []point, k int) []Cluster {
	first := kmeans(bpts, k, nil)
	if spread := kmeansFrom(bpts, spreadStart(bpts, k)); beats(bpts, spread, first) {
		return spread
	}
	return first
}

// refineShown improves the groups shown, warm-started from the previous
// map: a warm start follows the grouping it started from, so once the
// votes have made another grouping better, the map would keep the worse
// one — and which one a live map ends in would depend on the path the
// votes took, even on when each update happened. When the cold grouping
// beats the warm one, it is shown instead, taking over the warm groups'
// numbers. Only the k shown is refined: the others stay as Pol.is
// computes them, because refining them all improves the larger k's
// silhouettes and makes them win where Pol.is's did not (§3).
func refineShown(bpts []point, warm []Cluster, k int) []Cluster {
	cold := coldGroups(bpts, k)
	if !beats(bpts, cold, warm) {
		return warm
	}
	return renumber(bpts, cold, warm)
}

// beats reports whether grouping b is better than a: it has no lone group
// where a has one, or it has the lower sum of squares.
func beats(pts []point, b, a []Cluster) bool {
	okA, okB := noLoneGroup(a), noLoneGroup(b)
	return okB && (!okA || withinSS(pts, b) < withinSS(pts, a))
}

// renumber gives the groups of cl the IDs of the groups of old they share
// the most participants with (the largest shares first), and fresh IDs to
// the others, so that a group keeps its number when the grouping changes.
func renumber(pts []point, cl, old []Cluster) []Cluster {
	weight := make(map[int]float64, len(pts))
	for _, p := range pts {
		weight[p.id] = p.w
	}
	oldOf := map[int]int{} // point → index in old
	next := 0
	for o, c := range old {
		next = max(next, c.ID+1)
		for _, id := range c.Members {
			oldOf[id] = o
		}
	}
	type share struct {
		c, o int
		w    float64
	}
	var shares []share
	for c, g := range cl {
		w := make([]float64, len(old))
		for _, id := range g.Members {
			if o, ok := oldOf[id]; ok {
				w[o] += weight[id]
			}
		}
		for o, x := range w {
			if x > 0 {
				shares = append(shares, share{c, o, x})
			}
		}
	}
	slices.SortStableFunc(shares, func(a, b share) int { return cmp.Compare(b.w, a.w) })
	out := slices.Clone(cl)
	named, taken := make([]bool, len(cl)), make([]bool, len(old))
	for _, s := range shares {
		if !named[s.c] && !taken[s.o] {
			out[s.c].ID, named[s.c], taken[s.o] = old[s.o].ID, true, true
		}
	}
	for c := range out {
		if !named[c] {
			out[c].ID = next
			next++
		}
	}
	slices.SortFunc(out, func(a, b Cluster) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// spreadStart places the first centre at the weighted mean of the points
// and each next one at the point that, added as a centre, most lowers the
// weighted sum of squared distances to the nearest centre (the first such
// point on ties): a greedy, deterministic k-means start.
func spreadStart(pts []point, k int) []Cluster {
	if len(pts) == 0 {
		return nil
	}
	var mean [2]float64
	w := 0.0
	for _, p := range pts {
		mean[0] += p.w * p.x[0]
		mean[1] += p.w * p.x[1]
		w += p.w
	}
	mean = [2]float64{mean[0] / w, mean[1] / w}
	near := make([]float64, len(pts)) // squared distance to the nearest centre
	for i, p := range pts {
		near[i] = sqDist(p.x, mean)
	}
	cl := []Cluster{{ID: 0, Centre: mean}}
	for len(cl) < k {
		best, bestGain := -1, 0.0
		for c, q := range pts {
			gain := 0.0
			for i, p := range pts {
				if d := sqDist(p.x, q.x); d < near[i] {
					gain += p.w * (near[i] - d)
				}
			}
			if gain > bestGain {
				best, bestGain = c, gain
			}
		}
		if best < 0 {
			break // every point is on a centre already
		}
		cl = append(cl, Cluster{ID: len(cl), Centre: pts[best].x})
		for i, p := range pts {
			near[i] = min(near[i], sqDist(p.x, pts[best].x))
		}
	}
	return cl
}

func sqDist(a, b [2]float64) float64 {
	dx, dy := a[0]-b[0], a[1]-b[1]
	return dx*dx + dy*dy
}

// withinSS is the weighted sum of squared distances from the points to
// their clusters' centres.
func withinSS(pts []point, cl []Cluster) float64 {
	at := make(map[int]int, len(pts))
	for i, p := range pts {
		at[p.id] = i
	}
	s := 0.0
	for _, c := range cl {
		for _, id := range c.Members {
			p := pts[at[id]]
			s += p.w * sqDist(p.x, c.Centre)
		}
	}
	return s
}

// noLoneGroup reports whether every group holds at least two base clusters.
func noLoneGroup(groups []Cluster) bool {
	for _, g := range groups {
		if len(g.Members) < 2 {
			return false
		}
	}
	return true
}
