// Package loopdecreasesfail is a verifier test: loop decreases fail.
//
// EXPECT fail decreases at line 8
package loopdecreasesfail

func up(n uint64) uint64 {
	i := uint64(0)
	for i < n {
		//@ invariant i <= n
		//@ decreases i
		i = i + 1
	}
	return i
}
