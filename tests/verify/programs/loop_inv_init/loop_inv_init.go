// Package loopinvinit is a verifier test: loop inv init.
//
// EXPECT fail loop-invariant-init at line 8
package loopinvinit

func count(n uint64) uint64 {
	var s uint64 = 0
	for i := uint64(0); i < n; i++ {
		//@ invariant s == i + 1
		s = s + 1
	}
	return s
}
