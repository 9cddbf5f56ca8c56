// Package rtlooplend is a verifier test: a loop that lends a local byte slice to a callee
// writing into it changes the slice, so the loop head forgets its bytes. Whole returns 9 in
// Go (and Part 9); both were proved to return 0.
//
// EXPECT fail postcondition at line 21
// EXPECT fail postcondition at line 31
package rtlooplend

//@ requires len(b) >= 4
func put(b []byte) {
	b[0] = 9
}

//@ ensures ret == 0
func Whole() byte {
	b := make([]byte, 8)
	for i := uint64(0); i < 2; i++ {
		//@ invariant len(b) == 8
		put(b)
	}
	return b[0]
}

//@ ensures ret == 0
func Part() byte {
	b := make([]byte, 8)
	for i := uint64(0); i < 2; i++ {
		//@ invariant len(b) == 8
		put(b[2:])
	}
	return b[2]
}
