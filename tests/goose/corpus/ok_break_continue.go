package corpus

// break and continue in nested loops (innermost loop only).
func breakContinue(xs []uint64) uint64 {
	var count uint64
	for _, x := range xs {
		if x == 0 {
			continue
		}
		if x > 100 {
			break
		}
		for j := uint64(0); j < x; j++ {
			if j%2 == 0 {
				continue
			}
			if j > 10 {
				break
			}
			count++
		}
	}
	return count
}
