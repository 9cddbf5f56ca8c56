// Package ghostfnrecnodecrease is a verifier test: the measure of a recursive ghost function
// does not go down at its recursive call (the call walks up from n, not down), so the
// `decreases` obligation fails and the function is never unfolded.
//
// EXPECT fail decreases at line 10
package ghostfnrecnodecrease

//@ ghost func upto(n uint64, k uint64) uint64 {
//@   decreases k - n
//@   return n >= k ? 0 : upto(n, k+1) + 1
//@ }

//@ ensures ret == x
func id(x uint64) uint64 {
	return x
}
