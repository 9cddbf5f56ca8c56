package corpus

// The uint64 forms of what Go would make an int: conversions of constants and of len, cap
// and copy results, and untyped constants assigned to existing uint64 variables.
func intConversions(s []byte, t []byte) uint64 {
	x := uint64(3)
	n := uint64(len(s))
	var k uint64 = 10
	m := uint64(cap(s)) - 1
	c := uint64(copy(s, t))
	var y uint64
	y, z := 7, uint64(8)
	w := uint64(len(s)) + 2
	if len(s) > 3 && len(t) == len(s) {
		x = 4
	}
	return x + n + k + m + c + y + z + w
}

// Go-int expressions that agree with the uint64 model: indexes and slice bounds (both fault
// when negative), comparisons without subtraction, and uint64 arithmetic after conversion.
func intSafe(s []byte) byte {
	if len(s) == 0 || len(s)+1 < 2 {
		return 0
	}
	if uint64(len(s))-1 >= 1 {
		return s[len(s)-1]
	}
	return s[:len(s)-1][0]
}
