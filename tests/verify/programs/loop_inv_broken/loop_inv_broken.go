// Package loopinvbroken is a verifier test: loop inv broken.
//
// EXPECT fail loop-invariant-preserved at line 8
package loopinvbroken

func count(n uint64) uint64 {
	var s uint64 = 0
	for i := uint64(0); i < n; i++ {
		//@ invariant s == i && i <= n
		s = s + 2
	}
	return s
}
