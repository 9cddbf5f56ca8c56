// Package ghostfnpurerecnodecreases is a verifier test: a recursive pure function without
// `decreases` is rejected (unfolding it might never end).
package ghostfnpurerecnodecreases

//@ pure // EXPECT error annot/pure at line 5
//@ requires n <= uint64(len(b))
func zero(b []byte, n uint64) bool {
	return n == 0 || (b[n-1] == 0 && zero(b, n-1))
}
