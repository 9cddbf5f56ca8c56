// Package reassigns is a callee package whose function assigns its parameter: its
// postcondition's x is the value at the return (5), not the caller's argument.
//
// EXPECT verified
package reassigns

// Next returns 5, which its contract calls x.
//
//@ ensures ret == x
func Next(x uint64) uint64 {
	x = 5
	return x
}
