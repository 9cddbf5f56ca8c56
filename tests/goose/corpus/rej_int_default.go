package corpus

// Go gives these new variables the type int, which the model does not have: `x := 3; x -= 5`
// is -2 in Go but would wrap in a uint64 model. Each must be written with uint64(...).
func intDefaults(s []byte, t []byte) uint64 {
	x := 3 // ERROR `x` would have type int in Go
	n := len(s) // ERROR goose/signed-int
	var k = 10 // ERROR would have type int
	m := cap(s) - 1 // ERROR would have type int
	c := copy(s, t) // ERROR would have type int
	a, b := uint64(1), 2 // ERROR `b` would have type int
	lo := min(len(s), 4) // ERROR would have type int
	_, _, _, _, _, _, _, _ = x, n, k, m, c, a, b, lo
	return 0
}

const NameLen = len("armada")

func constLen() uint64 {
	n := NameLen // ERROR `n` would have type int in Go
	m := len("abc") // ERROR would have type int
	_, _ = n, m
	return uint64(NameLen) + uint64(len("x"))
}

// int arithmetic that can go negative, compared: Go and a uint64 model disagree.
func intCompare(s []byte, t []byte) bool {
	if len(s)-1 >= 0 { // ERROR is int arithmetic in Go
		return true
	}
	return len(t) > len(s)-len(t) // ERROR goose/signed-int
}

// A range index is an int in Go (the model counts it in uint64): copying it into a new
// variable or comparing arithmetic on it that can go negative is rejected.
func rangeIndex(xs []uint64) uint64 {
	var s uint64
	for i := range xs {
		j := i // ERROR `j` would have type int in Go
		_ = j
		if i-1 >= 0 { // ERROR is int arithmetic in Go
			s++
		}
		s += xs[i] + uint64(i)
	}
	for k := range 10 {
		m := k + 1 // ERROR would have type int
		_ = m
	}
	return s
}
