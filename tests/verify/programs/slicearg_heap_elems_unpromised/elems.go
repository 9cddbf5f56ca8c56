// Package sliceargheapelemsunpromised is a verifier test: a slice of uint64s is a heap object, so a
// function writing into its caller's []uint64 takes the elements' ownership with acc and
// hands it back; its ensures says what it wrote but not that it kept s[1], which the
// caller relies on.
//
// EXPECT fail postcondition at line 21
package sliceargheapelemsunpromised

//@ requires len(s) >= 2 && (forall i uint64 :: i < len(s) ==> acc(s[i]))
//@ ensures forall i uint64 :: i < len(s) ==> acc(s[i])
//@ ensures s[0] == x
func put0(s []uint64, x uint64) {
	s[0] = x
}

//@ ensures ret == 7
func use() uint64 {
	s := make([]uint64, 2)
	s[1] = 3
	put0(s, 4)
	return s[0] + s[1]
}
