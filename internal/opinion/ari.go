package opinion

// AdjustedRandIndex compares two partitions of the same participants
// (participant → group), over the participants both assign: 1 means the
// same partition, about 0 what chance gives.
func AdjustedRandIndex(a, b map[int]int) float64 {
	type pair struct{ x, y int }
	joint := map[pair]int{}
	ra, rb := map[int]int{}, map[int]int{}
	n := 0
	for p, x := range a {
		y, ok := b[p]
		if !ok {
			continue
		}
		joint[pair{x, y}]++
		ra[x]++
		rb[y]++
		n++
	}
	choose2 := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	index, sa, sb := 0.0, 0.0, 0.0
	for _, k := range joint {
		index += choose2(k)
	}
	for _, k := range ra {
		sa += choose2(k)
	}
	for _, k := range rb {
		sb += choose2(k)
	}
	expected := sa * sb / choose2(n)
	maxIndex := (sa + sb) / 2
	if maxIndex == expected {
		return 1 // both partitions trivial and identical in shape
	}
	return (index - expected) / (maxIndex - expected)
}
