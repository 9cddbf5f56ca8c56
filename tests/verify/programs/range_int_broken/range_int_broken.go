// Package rangeintbroken is a verifier test: range int broken.
//
// EXPECT fail loop-invariant-preserved at line 8
package rangeintbroken

func count(n uint64) uint64 {
	var c uint64 = 0
	for i := range n {
		//@ invariant c == i
		c = i + 2
	}
	return c
}
