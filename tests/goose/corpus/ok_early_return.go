package corpus

// Early returns from nested ifs and loops; a function ending in an if/else that returns.
func find(xs []uint64, want uint64) (uint64, bool) {
	for i := uint64(0); i < uint64(len(xs)); i++ {
		if xs[i] == want {
			return i, true
		}
	}
	return 0, false
}

func classify(x uint64) string {
	if x == 0 {
		return "zero"
	} else if x < 10 {
		return "small"
	} else {
		return "big"
	}
}

func loopForever(x uint64) uint64 {
	for {
		if x > 100 {
			return x
		}
		x = x * 2
	}
}
