package corpus

func noReturn(x uint64) uint64 {
	if x > 0 {
		return x
	}
} // ERROR goose/missing-return
