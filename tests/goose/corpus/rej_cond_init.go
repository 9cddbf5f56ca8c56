package corpus

func loop(xs []uint64) uint64 {
	var i, x uint64
	for i, x = range xs { // ERROR goose/cond-init
	}
	return i + x
}

func rangeIntTwo() {
	for i, j := range uint64(3) { // ERROR permits only one iteration variable
		_, _ = i, j
	}
}
