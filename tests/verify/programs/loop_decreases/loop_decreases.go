// Package loopdecreases is a verifier test: loop decreases.
//
// EXPECT verified
package loopdecreases

func down(n uint64) uint64 {
	i := n
	for i > 0 {
		//@ invariant i <= n
		//@ decreases i
		i = i - 1
	}
	return i
}
