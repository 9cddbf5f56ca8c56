package corpus

// for with a condition only, with init/cond/post, and for {} with break.
func loops(n uint64) uint64 {
	i := uint64(0)
	for i < n {
		i++
	}
	var sum uint64
	for j := uint64(0); j < n; j++ {
		sum += j
	}
	for k := n; k > 0; k = k - 1 {
		sum += k
	}
	for {
		if sum > 1000 {
			break
		}
		sum = sum*2 + 1
	}
	for ; i > 0; i-- {
		sum++
	}
	return sum
}
