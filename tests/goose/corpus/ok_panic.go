package corpus

// panic with a string or an integer; a function ending in panic needs no return.
func mustPositive(x uint64) uint64 {
	if x == 0 {
		panic("zero")
	}
	return x
}

func unreachable(x uint64) uint64 {
	if x > 10 {
		return x
	}
	panic(x)
}
