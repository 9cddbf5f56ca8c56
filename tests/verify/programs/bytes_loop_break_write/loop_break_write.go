// Package bytesloopbreakwrite is a verifier test: a byte written in a loop body that breaks is visible after
// the loop.
//
// EXPECT fail postcondition at line 15
package bytesloopbreakwrite

//@ ensures ret == 0
func first() byte {
	b := make([]byte, 4)
	for i := uint64(0); i < 4; i++ {
		//@ invariant i <= 4 && len(b) == 4
		b[0] = 9
		break
	}
	return b[0]
}
