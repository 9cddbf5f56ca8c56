package corpus

func divmod(a uint64, b uint64) (uint64, uint64) {
	return a / b, a % b
}

func three() (uint64, bool, string) {
	return 1, true, "x"
}

func forward() (uint64, uint64) {
	return divmod(7, 2)
}

// Multiple returns: defined, assigned, partially discarded, forwarded.
func multipleReturns() uint64 {
	q, r := divmod(7, 2)
	var x, y uint64
	x, y = divmod(9, 4)
	_, ok, s := three()
	a, _ := forward()
	if ok && s == "x" {
		return q + r + x + y + a
	}
	return 0
}
