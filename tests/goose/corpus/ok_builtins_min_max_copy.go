package corpus

// copy, min and max on integers.
func builtins(a []byte, b []byte, x uint64, y uint64) uint64 {
	n := uint64(copy(a, b))
	lo := min(x, y)
	hi := max(x, y, 3)
	return n + lo + hi
}
