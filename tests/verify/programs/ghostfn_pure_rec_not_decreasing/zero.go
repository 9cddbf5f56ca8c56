// Package ghostfnpurerecnotdecreasing is a verifier test: the recursive call of a pure
// function does not decrease its measure (it passes n again), so `decreases` fails there.
//
// EXPECT fail decreases at line 13
package ghostfnpurerecnotdecreasing

//@ pure
//@ requires n <= uint64(len(b))
//@ decreases n
func zero(b []byte, n uint64) bool {
	return n == 0 ||
		(b[n-1] == 0 &&
			zero(b, n))
}
