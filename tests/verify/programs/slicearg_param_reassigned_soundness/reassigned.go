// Package sliceargparamreassignedsoundness is a verifier test: a postcondition names a
// parameter's value at the return, so after a callee that assigns its parameter the caller
// knows nothing of it (old(x) is still the argument). next sets x to 5 and promises
// ret == x; the caller must not conclude that next(7) returns 7 (it returns 5).
//
// EXPECT fail postcondition at line 17
package sliceargparamreassignedsoundness

//@ ensures ret == x
func next(x uint64) uint64 {
	x = 5
	return x
}

//@ ensures ret == 7
func seven() uint64 {
	return next(7)
}
