package corpus

func pairOf() (uint64, uint64) {
	return 1, 2
}

// `a, x := ...` in the body reassigns the parameter x (same block), so p sees the new value.
func paramReassigned(x uint64) uint64 {
	p := &x
	a, x := pairOf()
	return *p + a + x
}

// Shadowing in nested blocks is allowed.
func nestedShadowing(x uint64) uint64 {
	{
		x := uint64(2)
		_ = x
	}
	if x > 0 {
		x := uint64(3)
		return x
	}
	for i := uint64(0); i < 3; i++ {
		i := uint64(7)
		x += i
	}
	return x
}
