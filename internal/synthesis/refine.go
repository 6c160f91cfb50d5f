package synthesis

import (
	"context"
	"math"
)

// refinePasses bounds the local search after batch k-means: each pass
// reads every unit once, as a k-means round does, and the moves it finds
// thin out after a few passes.
const refinePasses = 5

// refine improves a k-means clustering by single moves (the "first
// variation" of Dhillon, Guan and Kogan, 2002): batch spherical k-means
// stops where no unit is nearer another centroid, yet on sparse text
// moving one unit to another cluster can still raise the objective, the
// sum over clusters of the norm of their summed rows. Each unit in turn
// moves to the cluster that raises it most, if any does; passes repeat
// until no unit moves or refinePasses. It returns the new assignment.
func refine(ctx context.Context, x *matrix, rows []int, assign []int, k int) ([]int, error) {
	// sums[f*k+j] is cluster j's summed row; sq[j] its squared norm.
	sums := make([]float64, x.dim*k)
	sq := make([]float64, k)
	sizes := make([]int, k)
	for p, i := range rows {
		idx, val := x.row(i)
		for q, f := range idx {
			sums[int(f)*k+assign[p]] += val[q]
		}
		sizes[assign[p]]++
	}
	for f := range x.dim {
		for j := range k {
			v := sums[f*k+j]
			sq[j] += v * v
		}
	}
	dots := make([]float64, k)
	for range refinePasses {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		moved := 0
		for p, i := range rows {
			from := assign[p]
			if sizes[from] < 2 {
				continue // never empty a cluster
			}
			idx, val := x.row(i)
			clear(dots)
			self := 0.0
			for q, f := range idx {
				base := int(f) * k
				for j := range k {
					dots[j] += val[q] * sums[base+j]
				}
				self += val[q] * val[q]
			}
			// Leaving from: ||s − x|| − ||s||; joining j: ||s + x|| − ||s||.
			loss := math.Sqrt(math.Max(0, sq[from]-2*dots[from]+self)) - math.Sqrt(sq[from])
			best, gain := from, 0.0
			for j := range k {
				if j == from {
					continue
				}
				if g := loss + math.Sqrt(sq[j]+2*dots[j]+self) - math.Sqrt(sq[j]); g > gain+1e-12 {
					best, gain = j, g
				}
			}
			if best == from {
				continue
			}
			for q, f := range idx {
				sums[int(f)*k+from] -= val[q]
				sums[int(f)*k+best] += val[q]
			}
			sq[from] = math.Max(0, sq[from]-2*dots[from]+self)
			sq[best] += 2*dots[best] + self
			sizes[from]--
			sizes[best]++
			assign[p] = best
			moved++
		}
		if moved == 0 {
			break
		}
	}
	return assign, nil
}
