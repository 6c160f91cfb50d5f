package opinion

import (
	"cmp"
	"math"
	"slices"
)

// Cluster is one cluster of a k-means clustering. Its ID stays the same
// from one computation to the next, and its members are what the next
// computation starts from: they are re-centred at their new places, so a
// map that moves as votes arrive keeps its clusters (docs/OPINIONS.md §3).
type Cluster struct {
	ID      int
	Members []int // ids of the points: PIDs for base clusters, base-cluster IDs for groups
	Centre  [2]float64
}

// point is a weighted point in the plane of the two components, with an
// identity (a PID, or a base cluster's ID).
type point struct {
	id int
	x  [2]float64
	w  float64
}

// kmeans clusters pts into at most k clusters. Without prev it starts
// from the first k distinct points (deterministic, not random); with prev
// (the previous computation's clusters) it starts from those clusters
// re-centred on their members' current places (see cleanStart). Each step
// moves every point to the nearest centre, drops clusters left empty and
// moves each centre to the weighted mean of its members; it stops when no
// centre moved by kmeansMinMove, or after kmeansMaxIters steps. Clusters come
// out ordered by ID.
func kmeans(pts []point, k int, prev []Cluster) []Cluster {
	if len(prev) > 0 {
		return kmeansFrom(pts, cleanStart(pts, k, prev))
	}
	return kmeansFrom(pts, firstDistinct(pts, k))
}

// kmeansFrom runs k-means steps from the clusters cl.
func kmeansFrom(pts []point, cl []Cluster) []Cluster {
	for it := 0; ; it++ {
		next := kmeansStep(pts, cl)
		if it+1 >= kmeansMaxIters || sameCentres(cl, next) {
			slices.SortFunc(next, func(a, b Cluster) int { return cmp.Compare(a.ID, b.ID) })
			return next
		}
		cl = next
	}
}

// firstDistinct starts k clusters at the first k distinct points.
func firstDistinct(pts []point, k int) []Cluster {
	var cl []Cluster
	for _, p := range pts {
		if len(cl) == k {
			break
		}
		if !slices.ContainsFunc(cl, func(c Cluster) bool { return c.Centre == p.x }) {
			cl = append(cl, Cluster{ID: len(cl), Centre: p.x})
		}
	}
	return cl
}

// kmeansStep assigns every point to its nearest centre and re-centres.
func kmeansStep(pts []point, cl []Cluster) []Cluster {
	if len(cl) == 0 {
		return nil
	}
	members := make([][]int, len(cl))
	sum := make([][2]float64, len(cl))
	weight := make([]float64, len(cl))
	for _, p := range pts {
		c := nearestCluster(cl, p.x)
		members[c] = append(members[c], p.id)
		sum[c][0] += p.w * p.x[0]
		sum[c][1] += p.w * p.x[1]
		weight[c] += p.w
	}
	var out []Cluster
	for c := range cl {
		if len(members[c]) == 0 {
			continue
		}
		out = append(out, Cluster{ID: cl[c].ID, Members: members[c],
			Centre: [2]float64{sum[c][0] / weight[c], sum[c][1] / weight[c]}})
	}
	return out
}

func nearestCluster(cl []Cluster, x [2]float64) int {
	best, bd := 0, math.Inf(1)
	for c := range cl {
		d := (cl[c].Centre[0]-x[0])*(cl[c].Centre[0]-x[0]) + (cl[c].Centre[1]-x[1])*(cl[c].Centre[1]-x[1])
		if d < bd {
			best, bd = c, d
		}
	}
	return best
}

// sameCentres reports whether two clusterings have, centre by centre in
// sorted order, moved less than kmeansMinMove.
func sameCentres(a, b []Cluster) bool {
	ca, cb := centresSorted(a), centresSorted(b)
	for i := range min(len(ca), len(cb)) {
		if dist(ca[i], cb[i]) >= kmeansMinMove {
			return false
		}
	}
	return true
}

func centresSorted(cl []Cluster) [][2]float64 {
	out := make([][2]float64, len(cl))
	for i, c := range cl {
		out[i] = c.Centre
	}
	slices.SortFunc(out, func(a, b [2]float64) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	return out
}

// cleanStart prepares the previous clusters as the start of a new
// computation on pts, the way Pol.is carries its clusters between updates:
//
//  1. each previous cluster is re-centred on the current places of those
//     of its members still present (weighted mean); a cluster with none
//     is dropped (if none is left, one cluster holds every point);
//  2. clusters whose centres coincide are merged (the larger one's ID);
//  3. while there are fewer clusters than k (and than distinct points),
//     the point farthest from every centre is taken out of its cluster
//     and starts a new one, with the next free ID; centres are re-centred
//     after each split.
func cleanStart(pts []point, k int, prev []Cluster) []Cluster {
	at := make(map[int]int, len(pts))
	for i, p := range pts {
		at[p.id] = i
	}
	maxID := -1
	var cl []Cluster
	for _, c := range prev {
		maxID = max(maxID, c.ID)
		var present []int
		for _, id := range c.Members {
			if _, ok := at[id]; ok {
				present = append(present, id)
			}
		}
		if len(present) > 0 {
			cl = append(cl, Cluster{ID: c.ID, Members: present})
		}
	}
	if len(cl) == 0 {
		all := make([]int, len(pts))
		for i, p := range pts {
			all[i] = p.id
		}
		cl = []Cluster{{ID: maxID + 1, Members: all}}
	}
	recentre(pts, at, cl)
	cl = mergeCoinciding(cl)
	possible := min(k, countDistinct(pts))
	for {
		recentre(pts, at, cl)
		if len(cl) >= possible {
			return cl
		}
		far, farDist := -1, 0.0
		for i, p := range pts {
			d := math.Inf(1)
			for _, c := range cl {
				d = min(d, dist(p.x, c.Centre))
			}
			if d >= farDist && d > 0 {
				far, farDist = i, d
			}
		}
		if far < 0 {
			return cl
		}
		id := pts[far].id
		next := 0
		for i := range cl {
			cl[i].Members = slices.DeleteFunc(cl[i].Members, func(m int) bool { return m == id })
			next = max(next, cl[i].ID+1)
		}
		cl = append(cl, Cluster{ID: next, Members: []int{id}})
	}
}

// recentre moves each cluster's centre to the weighted mean of its
// members' places.
func recentre(pts []point, at map[int]int, cl []Cluster) {
	for i := range cl {
		var s [2]float64
		w := 0.0
		for _, id := range cl[i].Members {
			p := pts[at[id]]
			s[0] += p.w * p.x[0]
			s[1] += p.w * p.x[1]
			w += p.w
		}
		if w > 0 {
			cl[i].Centre = [2]float64{s[0] / w, s[1] / w}
		}
	}
}

// mergeCoinciding merges clusters whose centres are equal.
func mergeCoinciding(cl []Cluster) []Cluster {
	var out []Cluster
	for _, c := range cl {
		j := slices.IndexFunc(out, func(o Cluster) bool { return o.Centre == c.Centre })
		if j < 0 {
			out = append(out, c)
			continue
		}
		o := out[j]
		id := o.ID
		if len(c.Members) >= len(o.Members) {
			id = c.ID
		}
		out[j] = Cluster{ID: id, Members: append(slices.Clone(o.Members), c.Members...), Centre: o.Centre}
	}
	return out
}

func countDistinct(pts []point) int {
	seen := make(map[[2]float64]bool, len(pts))
	for _, p := range pts {
		seen[p.x] = true
	}
	return len(seen)
}
