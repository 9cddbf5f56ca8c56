package corpus

// range over slices (index, index+value, value only), maps, and integers.
func ranges(xs []uint64, m map[string]uint64) uint64 {
	var total uint64
	for i := range xs {
		total += uint64(i)
	}
	for i, x := range xs {
		total += uint64(i) * x
	}
	for _, x := range xs {
		total += x
	}
	for k, v := range m {
		total += uint64(len(k)) + v
	}
	for range xs {
		total++
	}
	for i := range 10 {
		total += uint64(i)
	}
	n := uint64(3)
	for i := range n {
		total += i
	}
	return total
}

// `for _ = range m` assigns nothing, so it is the same as `for range m`.
func countBlank(m map[uint64]bool) uint64 {
	var n uint64
	for _ = range m {
		n++
	}
	return n
}
