// Package ghostfnrecnomeasure is a verifier test: a recursive ghost function without
// `decreases` is rejected (nothing says its recursion ends, so it may define no function).
package ghostfnrecnomeasure

//@ ghost func zeros(b []byte, n uint64) uint64 { // EXPECT error annot/ghost at line 5
//@   return n == 0 ? 0 : zeros(b, n-1) + (b[n-1] == 0 ? 1 : 0)
//@ }

//@ requires len(b) >= 4
//@ ensures zeros(b, 4) <= 4
func check(b []byte) {
}
