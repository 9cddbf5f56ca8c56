// Package sliceargheapelemsnoacc is a verifier test: a function writes into its caller's
// []uint64 without taking the elements' ownership (no acc in its requires): a race for all
// it knows, since another thread may own them.
//
// EXPECT fail race at line 11
package sliceargheapelemsnoacc

//@ requires len(s) >= 2
//@ ensures s[0] == x
func put0(s []uint64, x uint64) {
	s[0] = x
}
