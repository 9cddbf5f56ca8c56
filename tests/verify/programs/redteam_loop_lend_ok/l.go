// Package rtlooplendok is a verifier test: the twin of redteam_loop_lend, whose loop
// invariants say what the callee leaves in the lent slice; a callee that only reads it
// leaves it as it was.
//
// EXPECT verified
package rtlooplendok

//@ requires len(b) >= 4
//@ ensures len(b) == old(len(b)) && b[0] == 9
func put(b []byte) {
	b[0] = 9
}

//@ requires len(b) >= 4
//@ ensures ret == b[1]
func peek(b []byte) byte {
	return b[1]
}

//@ ensures ret == 9
func Whole() byte {
	b := make([]byte, 8)
	for i := uint64(0); i < 2; i++ {
		//@ invariant len(b) == 8 && (i > 0 ==> b[0] == 9)
		put(b)
	}
	return b[0]
}

//@ ensures ret == 9
func Part() byte {
	b := make([]byte, 8)
	for i := uint64(0); i < 2; i++ {
		//@ invariant len(b) == 8 && (i > 0 ==> b[2] == 9)
		put(b[2:])
	}
	return b[2]
}

//@ ensures ret == 5
func Read() byte {
	b := make([]byte, 8)
	b[1] = 5
	var v byte
	for i := uint64(0); i < 2; i++ {
		//@ invariant len(b) == 8
		v = peek(b)
	}
	return b[1] + v - v
}
